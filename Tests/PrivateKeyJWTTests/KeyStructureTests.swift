import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT

/// OpenSSL's files of one key in each structure (vectors/rsa/openssl-keys).
private let files: [(file: String, structure: KeyStructure)] = [
    ("key1.pkcs8", .pkcs8PrivateKey), ("key1.pkcs1", .pkcs1PrivateKey),
    ("key1.spki", .subjectPublicKeyInfo), ("key1.rsapub", .pkcs1PublicKey),
]

@Suite("KeyStructure: the table of key structures, shapes and labels")
struct KeyStructureTests {
    @Test("OpenSSL's DER files are told apart by shape alone, and their PEM labels name the same structure")
    func opensslShapes() throws {
        for (file, structure) in files {
            #expect(KeyStructure.identify(Vectors.bytes("rsa/openssl-keys/\(file).der")) == structure, "\(file)")
            let pem = try PEMDocument(pemRepresentation: Vectors.text("rsa/openssl-keys/\(file).pem"))
            #expect(KeyStructure(pemLabel: pem.label) == structure, "\(file)")
            #expect(pem.der == Vectors.bytes("rsa/openssl-keys/\(file).der"))
        }
    }

    @Test("labels: one per structure, exact, nothing else recognised")
    func labels() {
        #expect(Set(KeyStructure.allCases.map(\.pemLabel)).count == 4)
        for label in ["CERTIFICATE", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "private key", "PRIVATE KEY "] {
            #expect(KeyStructure(pemLabel: label) == nil, "\(label)")
        }
        #expect(KeyStructure.allCases.filter(\.isPrivate) == [.pkcs8PrivateKey, .pkcs1PrivateKey])
    }

    /// One DER blob per rule of `identify` that must not match any structure.
    @Test(
        "shapes that are none of the four are not identified",
        arguments: [
            ("not a SEQUENCE", [0x02, 0x01, 0x00]),
            ("trailing byte after the SEQUENCE", [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x03, 0x00]),
            ("empty SEQUENCE", [0x30, 0x00]),
            ("one INTEGER", [0x30, 0x03, 0x02, 0x01, 0x01]),
            ("three INTEGERs", [0x30, 0x09, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02, 0x02, 0x01, 0x03]),
            ("SEQUENCE then INTEGER", [0x30, 0x05, 0x30, 0x00, 0x02, 0x01, 0x01]),
            ("SEQUENCE, BIT STRING and more", [0x30, 0x09, 0x30, 0x00, 0x03, 0x01, 0x00, 0x02, 0x01, 0x01, 0x00]),
            ("a truncated element", [0x30, 0x04, 0x02, 0x05, 0x01, 0x02]),
        ] as [(String, [UInt8])])
    func unidentified(rule: String, der: [UInt8]) {
        #expect(KeyStructure.identify(der) == nil, "\(rule)")
    }

    @Test("a PEM label that names another structure than its content is refused by name")
    func mismatchedLabel() throws {
        let pkcs1 = Vectors.bytes("rsa/openssl-keys/key1.pkcs1.der")
        let relabelled = PEMDocument(label: "PRIVATE KEY", der: pkcs1).pemRepresentation
        let mismatch = PrivateKeyJWTError.invalidPEM(
            .labelContradictsContent(
                label: "PRIVATE KEY", content: "PKCS#1 RSAPrivateKey", contentLabel: "RSA PRIVATE KEY"))
        #expect(throws: mismatch) { _ = try RSAPrivateKey(pemRepresentation: relabelled) }
        #expect(mismatch.description.hasSuffix("make the BEGIN and END lines say RSA PRIVATE KEY"))
        let spki = Vectors.bytes("rsa/openssl-keys/key1.spki.der")
        #expect(throws: PrivateKeyJWTError.invalidPEM(.notPrivateKeyLabel("PUBLIC KEY"))) {
            _ = try RSAPrivateKey(pemRepresentation: PEMDocument(label: "PUBLIC KEY", der: spki).pemRepresentation)
        }
    }

    @Test("DER of a public key where a private one is expected, and the reverse, is refused by name")
    func wrongKind() {
        #expect(
            throws: PrivateKeyJWTError.invalidKey(.publicKeyWherePrivateExpected(structure: "SubjectPublicKeyInfo"))
        ) {
            _ = try RSAPrivateKey(derRepresentation: Vectors.bytes("rsa/openssl-keys/key1.spki.der"))
        }
        #expect(
            throws: PrivateKeyJWTError.invalidKey(.privateKeyWherePublicExpected(structure: "PKCS#1 RSAPrivateKey"))
        ) {
            _ = try RSAPublicKey(derRepresentation: Vectors.bytes("rsa/openssl-keys/key1.pkcs1.der"))
        }
    }

    @Test("KeyDocument names each file's format from the table")
    func formats() throws {
        for (file, structure) in files {
            let pem = try KeyDocument(bytes: Vectors.bytes("rsa/openssl-keys/\(file).pem"))
            let der = try KeyDocument(bytes: Vectors.bytes("rsa/openssl-keys/\(file).der"))
            #expect(pem.format == .pem(structure) && der.format == .der(structure), "\(file)")
            #expect((pem.privateKey != nil) == structure.isPrivate && (der.privateKey != nil) == structure.isPrivate)
        }
        #expect(KeyFormat.pem(.pkcs8PrivateKey).description == "PKCS#8 PEM (PRIVATE KEY)")
        #expect(KeyFormat.der(.pkcs1PublicKey).description == "PKCS#1 RSAPublicKey DER")
    }
}
