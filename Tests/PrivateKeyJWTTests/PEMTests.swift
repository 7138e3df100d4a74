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
            ("no BEGIN", .noBeginLine),
            ("-----BEGIN PUBLIC KEY-----\nAAAA\n", .noEndLine(label: "PUBLIC KEY")),
            ("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", .endLabelMismatch(label: "PUBLIC KEY")),
            ("-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n", .emptyBlock(label: "PUBLIC KEY")),
            (
                "-----BEGIN PUBLIC KEY-----\nAA=A\n-----END PUBLIC KEY-----\n",
                .damagedBody(label: "PUBLIC KEY", .outsideAlphabet(character: 0x3d, offset: 2))
            ),
            ("-----BEGIN PUBLIC KEY-----\nProc-Type: 4,ENCRYPTED\n\nAAAA\n-----END PUBLIC KEY-----\n", .encrypted),
            ("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", .notPublicKeyLabel("CERTIFICATE")),
            ("-----BEGIN PUBLIC KEY -----\nAAAA\n-----END PUBLIC KEY-----\n", .malformedBeginLine),
        ] as [(String, PrivateKeyJWTError.PEMRule)])
    func rules(text: String, rule: PrivateKeyJWTError.PEMRule) {
        #expect(throws: PrivateKeyJWTError.invalidPEM(rule)) { try RSAPublicKey(pemRepresentation: text) }
    }

    @Test("a private key under a public label is refused by label") func privateUnderPublicLabel() {
        let body = Vectors.text("rsa/openssl-keys/key1.pkcs8.pem").replacingOccurrences(
            of: "PRIVATE KEY", with: "PUBLIC KEY")
        let refusal = PrivateKeyJWTError.invalidPEM(
            .labelContradictsContent(label: "PUBLIC KEY", content: "PKCS#8 PrivateKeyInfo", contentLabel: "PRIVATE KEY")
        )
        #expect(throws: refusal) { try RSAPublicKey(pemRepresentation: body) }
    }
}
