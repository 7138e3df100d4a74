import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT

@Suite("KeyDocument: pyca's key files, valid and malformed")
struct KeyDocumentTests {
    @Test(
        "pyca: the valid key files load",
        arguments: [
            "Traditional_OpenSSL_Serialization/testrsa.pem", "DER_Serialization/testrsa.der",
            "PKCS8/unenc-rsa-pkcs8.pem", "DER_Serialization/unenc-rsa-pkcs8.der",
            "PKCS8/unenc-rsa-pkcs8.pub.pem", "DER_Serialization/unenc-rsa-pkcs8.pub.der",
            "public/PKCS1/rsa.pub.pem", "public/PKCS1/rsa.pub.der",
            "PEM_Serialization/rsa_public_key.pem", "DER_Serialization/rsa_public_key.der",
        ])
    func pycaValid(file: String) throws {
        let document = try KeyDocument(bytes: Vectors.bytes("rsa/pyca-keys/\(file)"))
        #expect(document.publicKey.modulusBitCount >= 1024)
    }

    @Test(
        "pyca: the same key in every form",
        arguments: [
            ["Traditional_OpenSSL_Serialization/testrsa.pem", "DER_Serialization/testrsa.der"],
            [
                "PKCS8/unenc-rsa-pkcs8.pem", "DER_Serialization/unenc-rsa-pkcs8.der", "PKCS8/unenc-rsa-pkcs8.pub.pem",
                "DER_Serialization/unenc-rsa-pkcs8.pub.der", "public/PKCS1/rsa.pub.pem", "public/PKCS1/rsa.pub.der",
            ],
            ["PEM_Serialization/rsa_public_key.pem", "DER_Serialization/rsa_public_key.der"],
        ])
    func pycaSameKey(files: [String]) throws {
        let keys = try files.map { try KeyDocument(bytes: Vectors.bytes("rsa/pyca-keys/\($0)")).publicKey }
        #expect(Set(keys.map(\.thumbprint)).count == 1)
    }

    @Test(
        "pyca: malformed files are refused with an error naming the problem",
        arguments: [
            (
                "Traditional_OpenSSL_Serialization/rsa-wrong-version.pem",
                .invalidDER(field: "RSAPrivateKey.version", rule: .unexpectedVersion(found: 17, expected: 0))
            ),
            (
                "PKCS8/wrong-pem-delimiter-rsa.pem",
                .invalidPEM(
                    .labelContradictsContent(
                        label: "RSA PRIVATE KEY", content: "PKCS#8 PrivateKeyInfo", contentLabel: "PRIVATE KEY"))
            ),
            (
                "PEM_Serialization/rsa_wrong_delimiter_public_key.pem",
                .invalidPEM(
                    .labelContradictsContent(
                        label: "RSA PUBLIC KEY", content: "SubjectPublicKeyInfo", contentLabel: "PUBLIC KEY"))
            ),
            ("PKCS8/rsa_pss_2048.pem", .unsupportedAlgorithm(.rsassaPSSKey)),
            ("PKCS8/rsa_pss_2048_pub.der", .unsupportedAlgorithm(.rsassaPSSKey)),
        ] as [(String, PrivateKeyJWTError)])
    func pycaMalformed(file: String, refusal: PrivateKeyJWTError) {
        #expect(throws: refusal) { _ = try KeyDocument(bytes: Vectors.bytes("rsa/pyca-keys/\(file)")) }
    }

    @Test("a pyca key whose q is 2 is refused as no RSA key")
    func pycaSmallPrime() {
        #expect(throws: PrivateKeyJWTError.invalidKey(.notOddPrime(member: "q (prime2)", isTwo: true))) {
            _ = try KeyDocument(bytes: Vectors.bytes("rsa/pyca-keys/PEM_Serialization/rsa-bad-1025-q-is-2.pem"))
        }
    }
}
