// .env keys that look like a setting's name misspelt: a known mistake, a letter-case slip, or two
// edits away (Levenshtein distance). Other keys (a project's own variables) are left alone.

import OktaConfig

public enum SettingSpelling {
    /// Names people write for the settings, and what they meant.
    static let knownMistakes = [
        "OKTA_CLIENT_ID": "CLIENT_ID", "OKTA_ORG_URL": "OKTA_URL", "OKTA_DOMAIN": "OKTA_URL", "OKTA_ORG": "OKTA_URL",
        "OKTA_API_TOKEN": "API_KEY", "OKTA_API_KEY": "API_KEY", "PRIVATE_KEY_PATH": "PRIVATE_KEY_FILE",
        "KID": "KEY_ID", "OKTA_SCOPES": "SCOPES", "SCOPE": "SCOPES", "OKTA_CLIENT_SCOPE": "OKTA_CLIENT_SCOPES",
    ]

    /// "KEY in .env is not read: did you mean SETTING?" for each such key, sorted.
    public static func misspelledKeys(_ keys: some Sequence<String>) -> [String] {
        let names = Setting.allCases.flatMap { [$0.rawValue] + ($0.sdkAlias.map { [$0] } ?? []) }
        return keys.sorted().compactMap { key in
            guard !names.contains(key) else { return nil }
            let upper = key.uppercased()
            let meant =
                knownMistakes[upper]
                ?? names.first { $0 == upper }
                ?? names.first { upper.count >= 5 && editDistance(upper, $0) <= 2 }
            return meant.map { "\(key) in .env is not read: did you mean \($0)?" }
        }
    }

    /// Levenshtein distance, for names of a few dozen characters.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return a.count + b.count }
        // One row of the table at a time: row[j] is the distance from a's first i characters to b's first j.
        var row = Array(0...b.count)
        for i in 1...a.count {
            var diagonal = row[0]
            row[0] = i
            for j in 1...b.count {
                let substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)
                diagonal = row[j]
                row[j] = min(substitution, row[j] + 1, row[j - 1] + 1)
            }
        }
        return row[b.count]
    }
}
