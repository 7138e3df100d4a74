import Foundation
import OktaConfig
import Testing

/// okta.yaml read with the SDKs' meaning, one negative per rule, and written so it reads back.
@Suite("okta.yaml (the Okta SDKs' configuration)")
struct OktaYAMLTests {
    static func parse(_ text: String) throws(OktaConfigError) -> [String: String] {
        try OktaYAML(bytes: Array(text.utf8)).settings
    }

    @Test("PrivateKey mode: org, client id, scopes as a list or a string, key, privateKeyId or kid")
    func privateKeyMode() throws {
        let settings = try Self.parse(
            """
            okta:
              client:
                orgUrl: https://example.okta.com
                authorizationMode: PrivateKey
                clientId: 0oa123
                scopes:
                  - okta.users.read
                  - okta.apps.read
                privateKey: /keys/k.pem
                kid: abc
                cache:
                  enabled: true
            """)
        #expect(
            settings == [
                "OKTA_URL": "https://example.okta.com", "CLIENT_ID": "0oa123",
                "SCOPES": "okta.users.read okta.apps.read",
                "PRIVATE_KEY": "/keys/k.pem", "KEY_ID": "abc",
            ])
        let string = try Self.parse(
            "okta:\n  client:\n    authorizationMode: PrivateKey\n    scopes: okta.users.read,okta.apps.read\n    "
                + "privateKeyId: k2\n    kid: k1\n"
        )
        #expect(
            string["SCOPES"] == "okta.users.read okta.apps.read" && string["KEY_ID"] == "k2",
            "privateKeyId wins over kid")
    }

    @Test("SSWS mode (the SDKs' default): the org and token only; the PrivateKey fields do not count") func sswsMode()
        throws
    {
        let settings = try Self.parse(
            "okta:\n  client:\n    orgUrl: https://example.okta.com\n    token: 00abc\n    clientId: 0oa1\n    "
                + "privateKey: /k.pem\n"
        )
        #expect(settings == ["OKTA_URL": "https://example.okta.com", "API_KEY": "00abc"])
    }

    @Test("an inline PEM key is kept exactly; numbers stay text") func inlineKey() throws {
        let pem = "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n"
        let settings = try Self.parse(
            "okta:\n  client:\n    authorizationMode: PrivateKey\n    clientId: 0123\n    privateKey: |\n"
                + pem.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n") + "\n")
        #expect(settings["PRIVATE_KEY"] == pem && settings["CLIENT_ID"] == "0123")
    }

    @Test(
        "each malformed shape is refused without quoting the document",
        arguments: [
            ("okta: [unclosed", .notYAML("did not find expected ',' or ']' at line 2, column 1")),
            ("- a list\n- not a mapping\n", .notAMapping),
            ("okta:\n  client: just text\n", .clientNotAMapping),
            ("okta:\n  client:\n    orgUrl: [a, b]\n", .notASingleValue(key: "orgUrl")),
            ("okta:\n  client:\n    authorizationMode: PrivateKey\n    scopes: {a: b}\n", .scopesShape),
        ] as [(String, OktaConfigError.YAMLRule)])
    func refusals(text: String, rule: OktaConfigError.YAMLRule) {
        #expect(throws: OktaConfigError.oktaYAML(rule)) { _ = try Self.parse(text) }
    }

    @Test("empty files and files without okta.client give nothing") func empty() throws {
        #expect(try Self.parse("").isEmpty)
        #expect(try Self.parse("other: 1\n").isEmpty)
        #expect(try Self.parse("okta:\n  testing:\n    x: 1\n").isEmpty)
    }

    @Test("a document of nested aliases (a 'billion laughs') is read without expanding it") func aliases() throws {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            text +=
                "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
                + "]\n"
        }
        text += "okta:\n  client:\n    orgUrl: https://example.okta.com\n"
        let start = Date()
        #expect(try Self.parse(text)["OKTA_URL"] == "https://example.okta.com")
        #expect(Date().timeIntervalSince(start) < 10, "10^10 leaves were not materialised")
    }

    @Test("what document() writes reads back as written, values quoted") func roundTrip() throws {
        let bytes = try OktaYAML.document(
            orgURL: "https://example.okta.com", clientID: "0oa1", scopes: ["okta.users.read", "okta.apps.read"],
            privateKey: "/home/me/key: with colon.pem", keyID: "12345")
        #expect(
            try OktaYAML(bytes: bytes).settings == [
                "OKTA_URL": "https://example.okta.com", "CLIENT_ID": "0oa1",
                "SCOPES": "okta.users.read okta.apps.read", "PRIVATE_KEY": "/home/me/key: with colon.pem",
                "KEY_ID": "12345",
            ])
        #expect(
            String(decoding: bytes, as: UTF8.self).contains("kid: \"12345\""), "a numeric-looking kid stays a string")
    }
}
