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

    @Test(
        "Trimming matches Foundation's trimmingCharacters(in: .whitespaces)",
        arguments: [
            "", " ", "\t", " \t https://example.okta.com \t", "\u{A0}https://example.okta.com\u{3000}",
            "\nhttps://example.okta.com\n", "a b", " \u{2003}x\u{2003} ", "\u{200B}x", "\u{200C}x",
            "[::1]",
        ])
    func trimming(text: String) {
        let expected = text.trimmingCharacters(in: .whitespaces)
        #expect(OktaOrg.trimming(text, where: OktaOrg.isBlank) == expected)
    }

    @Test(
        "Brackets come off a host as trimmingCharacters(in: \"[]\") takes them",
        arguments: ["[::1]", "[[x]]", "[", "a[b]c"])
    func brackets(host: String) {
        #expect(
            OktaOrg.trimming(host) { $0 == "[" || $0 == "]" }
                == host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")))
    }

    @Test("An org URL with blanks around it is read; one with a newline around it is not")
    func blanksAroundURL() throws {
        #expect(try OktaOrg(" \thttps://example.okta.com\u{A0}").issuer == "https://example.okta.com")
        #expect {
            try OktaOrg("https://example.okta.com\n")
        } throws: { error in
            guard case .invalidSetting(.orgURL, _)? = error as? OktaAPIError else { return false }
            return true
        }
    }
}
