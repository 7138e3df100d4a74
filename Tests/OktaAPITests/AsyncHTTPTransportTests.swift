import Foundation
import PrivateKeyJWT
import Testing

@testable import OktaAPI

/// An error whose description reads like swift-nio-ssl's, source path included.
private struct FakeTLSError: Error, CustomStringConvertible {
    let description: String
}

@Suite("TLS failures in words")
struct AsyncHTTPTransportTests {
    @Test(
        "each kind of TLS failure is a sentence naming the host, never BoringSSL's text",
        arguments: [
            (
                "handshakeFailed(sslError: [Error: 268435581 error:1000007d:SSL "
                    + "routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED at /build/ssl/handshake.cc:298])",
                "not signed by a trusted CA"
            ),
            ("unableToValidateCertificate: hostname mismatch", "does not name example.okta.com"),
            ("certificate has EXPIRED", "has expired"),
            (
                "handshakeFailed(sslError: [WRONG_VERSION_NUMBER at /build/ssl/tls_record.cc:231])",
                "the handshake with example.okta.com failed"
            ),
        ])
    func words(raw: String, expected: String) {
        let reason = AsyncHTTPTransport.tlsFailure(
            FakeTLSError(description: raw), url: "https://example.okta.com/", host: "example.okta.com"
        ).description
        #expect(reason.contains(expected), "\(reason)")
        #expect(!reason.contains("/build/") && !reason.contains("error:"), "\(reason)")
    }
}
