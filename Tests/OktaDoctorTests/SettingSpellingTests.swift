import Testing

@testable import OktaDoctor

@Suite("SettingSpelling: misspelt setting names in .env")
struct SettingSpellingTests {
    @Test("a known mistake, a case slip and a two-letter slip are named; other keys are left alone")
    func misspelled() {
        let found = SettingSpelling.misspelledKeys([
            "OKTA_CLIENT_ID", "okta_url", "SCOPSE", "CLIENT_ID", "OKTA_CLIENT_ORGURL", "DATABASE_URL", "PORT", "KID",
        ])
        #expect(
            found == [
                "KID in .env is not read: did you mean KEY_ID?",
                "OKTA_CLIENT_ID in .env is not read: did you mean CLIENT_ID?",
                "SCOPSE in .env is not read: did you mean SCOPES?",
                "okta_url in .env is not read: did you mean OKTA_URL?",
            ])
    }

    @Test(
        "edit distance",
        arguments: [
            ("", "", 0), ("", "AB", 2), ("AB", "", 2), ("SCOPES", "SCOPSE", 2), ("KEY", "KEY", 0),
            ("OKTA_ULR", "OKTA_URL", 2), ("API_KEYS", "API_KEY", 1),
        ])
    func distance(a: String, b: String, expected: Int) {
        #expect(SettingSpelling.editDistance(a, b) == expected)
    }
}
