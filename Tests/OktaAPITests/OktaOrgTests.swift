import Foundation
import PrivateKeyJWT
import Testing

@testable import OktaAPI

@Suite("Org URLs: HTTPS, or HTTP to loopback only")
struct OktaOrgTests {
    @Test(
        "HTTPS is required except to loopback",
        arguments: [
            ("https://example.okta.com", true), ("http://127.0.0.1:8080", true), ("http://localhost:1", true),
            ("http://[::1]:9", true),
            ("http://127.8.9.10", true), ("http://example.okta.com", false), ("http://10.0.0.1", false),
            ("http://128.0.0.1", false),
            ("http://localhost.evil.com", false), ("ftp://example.com", false), ("example.okta.com", false),
            ("https://example.okta.com/oauth2/default", false),
        ])
    func scheme(url: String, accepted: Bool) {
        #expect(((try? OktaOrg(url)) != nil) == accepted)
    }
}
