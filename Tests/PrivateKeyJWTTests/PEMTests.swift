import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT

@Suite("PEM, RFC 7468")
struct PEMTests {
    static let pem = Vectors.text("rsa/openssl-keys/key1.spki.pem")

    @Test("text around the block is ignored") func surroundingText() throws {
        #expect(
            try RSAPublicKey(pemRepresentation: "notes\n" + Self.pem + "more notes\n")
                == RSAPublicKey(pemRepresentation: Self.pem))
        #expect(
            try RSAPublicKey(pemRepresentation: Self.pem.replacingOccurrences(of: "\n", with: "\r\n"))
                == RSAPublicKey(pemRepresentation: Self.pem))
    }

    @Test(
        "PEM rules",
        arguments: [
            ("no BEGIN", "no '-----BEGIN'"),
            ("-----BEGIN PUBLIC KEY-----\nAAAA\n", "truncated"),
            ("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "does not match"),
            ("-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n", "empty"),
            ("-----BEGIN PUBLIC KEY-----\nAA=A\n-----END PUBLIC KEY-----\n", "damaged"),
            ("-----BEGIN PUBLIC KEY-----\nProc-Type: 4,ENCRYPTED\n\nAAAA\n-----END PUBLIC KEY-----\n", "encrypted"),
            ("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "not a public key"),
            ("-----BEGIN PUBLIC KEY -----\nAAAA\n-----END PUBLIC KEY-----\n", "malformed BEGIN"),
        ])
    func rules(text: String, message: String) {
        expectRefused(message) { _ = try RSAPublicKey(pemRepresentation: text) }
    }

    @Test("a private key under a public label is refused by label") func privateUnderPublicLabel() {
        let body = Vectors.text("rsa/openssl-keys/key1.pkcs8.pem").replacingOccurrences(
            of: "PRIVATE KEY", with: "PUBLIC KEY")
        #expect(throws: PrivateKeyJWTError.self) { try RSAPublicKey(pemRepresentation: body) }
    }
}
