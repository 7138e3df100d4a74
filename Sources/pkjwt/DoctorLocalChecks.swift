// pkjwt doctor's checks that need no network: where each setting came from, and the key.

import Foundation
import OktaAPI
import OktaConfig
import PKJWTConfig
import PrivateKeyJWT

extension DoctorRun {
    /// The settings a token needs, which layer gave each, and .env keys that look like misspellings.
    mutating func configurationCheck() -> DoctorCheck {
        let loaded: Configuration
        do { loaded = try options.load() } catch {
            return .fail(.configuration, Self.words(error), fix: "fix or move the file named above")
        }
        configuration = loaded
        let shown: [Setting] = [.oktaURL, .clientID, .scopes, .keyID, .dpop, .dpopKeyFile, .privateKeyFile]
        var details = shown.compactMap { setting in
            loaded.layer(of: setting).map { "\(setting.rawValue)=\(Self.shown(setting, loaded)) (from \($0.rawValue))" }
        }
        // Secrets: where they come from, never what they are.
        for secret in [Setting.apiKey, .privateKey] {
            if let layer = loaded.layer(of: secret) {
                details.append("\(secret.rawValue) is set (from \(layer.rawValue))")
            }
        }
        let misspelled = Self.misspelledKeys(loaded.dotEnv.values.keys)
        if let missing = Self.missingSetting(loaded) {
            return .fail(.configuration, missing.saw, fix: missing.fix, details: details + misspelled)
        }
        if !misspelled.isEmpty {
            return .warn(
                .configuration, "every setting a token needs is set, but \(options.envFile) has keys pkjwt ignores",
                fix: "rename them as shown", details: details + misspelled)
        }
        return .pass(.configuration, "OKTA_URL, CLIENT_ID, SCOPES and a private key are set", details: details)
    }

    /// A setting's value as doctor prints it: a value that looks like a pasted key or token (in the
    /// wrong setting) is not shown. KEY_ID is a thumbprint, public, and looks like one.
    private static func shown(_ setting: Setting, _ configuration: Configuration) -> String {
        let value = configuration[setting] ?? ""
        guard setting != .keyID else { return value }
        return DisplayedPath.looksLikePath(value) ? value : "(a value that does not look like one; not shown)"
    }

    private static func missingSetting(_ configuration: Configuration) -> (saw: String, fix: String)? {
        if configuration[.oktaURL] == nil {
            return ("OKTA_URL is not set", "set OKTA_URL=https://YOUR-ORG.okta.com in .env (the org URL alone)")
        }
        if configuration.privateKeySource == nil {
            return ("no private key (PRIVATE_KEY_FILE or PRIVATE_KEY)", "run 'pkjwt keygen'")
        }
        if configuration[.clientID] == nil {
            return ("CLIENT_ID is not set", "run 'pkjwt register' (it needs API_KEY), or set CLIENT_ID to the app's id")
        }
        if configuration.scopes.isEmpty {
            return ("SCOPES is not set", "set SCOPES in .env, e.g. SCOPES='okta.users.read'")
        }
        return nil
    }

    /// Names people write for pkjwt's settings, and what they meant.
    static let knownMistakes = [
        "OKTA_CLIENT_ID": "CLIENT_ID", "OKTA_ORG_URL": "OKTA_URL", "OKTA_DOMAIN": "OKTA_URL", "OKTA_ORG": "OKTA_URL",
        "OKTA_API_TOKEN": "API_KEY", "OKTA_API_KEY": "API_KEY", "PRIVATE_KEY_PATH": "PRIVATE_KEY_FILE",
        "KID": "KEY_ID", "OKTA_SCOPES": "SCOPES", "SCOPE": "SCOPES", "OKTA_CLIENT_SCOPE": "OKTA_CLIENT_SCOPES",
    ]

    /// "KEY → SETTING" for each .env key that is no setting's name but is one letter case, a known
    /// mistake, or two edits away from one. Other keys (a project's own variables) are left alone.
    static func misspelledKeys(_ keys: some Sequence<String>) -> [String] {
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
    static func editDistance(_ a: String, _ b: String) -> Int {
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

    /// The key: found, readable, private to its owner, a format and size Okta takes, primes checked,
    /// and its kid (the RFC 7638 thumbprint) as KEY_ID says.
    mutating func keyCheck() -> DoctorCheck {
        guard let configuration, let source = configuration.privateKeySource else {
            return .skip(.key, "no private key is configured (see configuration)")
        }
        var facts = [String]()
        var warning: (saw: String, fix: String)?
        if case .file(let path) = source {
            var status = stat()
            guard stat(path, &status) == 0 else {
                return .fail(
                    .key, "PRIVATE_KEY_FILE \(DisplayedPath(path)) does not exist or cannot be reached",
                    fix: "run 'pkjwt keygen', or point PRIVATE_KEY_FILE at the key")
            }
            let mode = status.st_mode & 0o777
            facts.append("file \(DisplayedPath(path)), mode \(String(mode, radix: 8))")
            if mode & 0o077 != 0 {
                warning = (
                    "the key file can be read by others than its owner (mode \(String(mode, radix: 8)))",
                    "chmod 600 \(DisplayedPath(path))"
                )
            }
        } else {
            facts.append("PRIVATE_KEY holds the key (its value is not shown)")
        }
        let loaded: (key: RSAPrivateKey, format: KeyFormat)
        do { loaded = try configuration.privateKeyAndFormat() } catch {
            return .fail(.key, Self.words(error), fix: "run 'pkjwt keygen' for a new key, or fix the file")
        }
        key = loaded.key
        let bits = loaded.key.publicKey.modulusBitCount
        let thumbprint = loaded.key.publicKey.thumbprint
        facts += [
            "\(loaded.format), RSA \(bits) bits, p and q passed Miller-Rabin at import",
            "kid \(thumbprint) (RFC 7638 thumbprint)",
        ]
        guard bits >= JWS.minimumModulusBits else {
            return .fail(
                .key, "an RSA key of \(bits) bits: RS256 needs \(JWS.minimumModulusBits) or more (RFC 7518 §3.3)",
                fix: "run 'pkjwt keygen --force', then 'pkjwt register' to add the new key to the app")
        }
        if let keyID = configuration[.keyID], keyID != thumbprint {
            warning = (
                "KEY_ID \(keyID) is not this key's thumbprint",
                "set KEY_ID=\(thumbprint) (pkjwt register records it), unless the app holds this key under "
                    + "\(keyID): the app check shows which"
            )
        }
        if let warning { return .warn(.key, warning.saw, fix: warning.fix, details: facts) }
        return .pass(
            .key, "RSA \(bits), kid \(thumbprint)" + (configuration[.keyID] == nil ? "" : " = KEY_ID"), details: facts)
    }
}
