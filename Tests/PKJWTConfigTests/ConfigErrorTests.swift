import Testing

@testable import PKJWTConfig

@Suite("which values messages may show as paths")
struct DisplayedPathTests {
    @Test(
        "paths people type are shown",
        arguments: [
            "private_key.pem", "/home/me/.okta/key.pem",
            "/tmp/pkjwt-quickstart-66086B74-511C-4B6E-BF94-75EC1B630CD3/.env",
            "keys/2026-12-01/okta_service_app_key.pem", "C0nfig/MyKeys2024.pem",
        ])
    func shown(path: String) { #expect(DisplayedPath.looksLikePath(path), "\(path)") }

    @Test(
        "pasted keys and tokens are withheld",
        arguments: [
            "00Zq9Xw7Vv3Tt1Ss8Rr6Pp4Oo2Nn0Mm5Ll3Kk1Jj",
            "eyJraWQiOiJ4In0.eyJzdWIiOiJzZWNyZXQtc3ViamVjdCJ9.c2lnbmF0dXJlLXNlY3JldC1ieXRlcw",
            "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7", "-----BEGIN PRIVATE KEY-----\\nMIIE",
            "{\"kty\":\"RSA\"}", "line\nbreak",
            String(repeating: "a", count: 300),
        ])
    func withheld(value: String) {
        #expect(!DisplayedPath.looksLikePath(value), "\(value)")
        #expect(!"\(DisplayedPath(value))".contains(value))
    }
}
