import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT

@Suite("Strict DER: one negative test per X.690 rule")
struct DERTests {
    static let good = Vectors.bytes("rsa/openssl-keys/key1.spki.der")

    /// The public-key reader refuses `der` with exactly `field` and `rule`.
    static func expectRefused(
        _ der: [UInt8], _ field: String, _ rule: PrivateKeyJWTError.DERRule,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(throws: PrivateKeyJWTError.invalidDER(field: field, rule: rule), sourceLocation: sourceLocation) {
            _ = try RSAPublicKey(derRepresentation: der)
        }
    }

    @Test("the unmodified SPKI parses") func good() throws { _ = try RSAPublicKey(derRepresentation: Self.good) }

    @Test("trailing bytes after the outer SEQUENCE") func trailing() {
        Self.expectRefused(Self.good + [0], "SubjectPublicKeyInfo", .trailingBytes(1))
    }

    @Test("truncated input") func truncated() {
        Self.expectRefused(Array(Self.good.dropLast()), "SubjectPublicKeyInfo", .lengthPastEnd(290))
    }

    @Test("non-minimal long-form length") func nonMinimalLength() {
        // 30 82 01 22 → 30 83 00 01 22: a leading zero length octet.
        Self.expectRefused(
            [0x30, 0x83, 0x00, 0x01, 0x22] + Self.good.dropFirst(4), "SubjectPublicKeyInfo", .nonMinimalLength)
        // A length below 128 in long form: 30 81 05 ...
        Self.expectRefused([0x30, 0x81, 0x05, 0x02, 0x01, 0x01, 0x02, 0x00], "SubjectPublicKeyInfo", .nonMinimalLength)
    }

    @Test("indefinite length") func indefinite() {
        Self.expectRefused([0x30, 0x80, 0x02, 0x01, 0x01, 0x00, 0x00], "SubjectPublicKeyInfo", .indefiniteLength)
    }

    @Test("non-minimal INTEGER (leading 00 before a byte < 0x80)") func nonMinimalInteger() {
        Self.expectRefused(
            DERWriter.sequence([DERWriter.tlv(.integer, [0x00, 0x01]), DERWriter.integer([3])]), "RSAPublicKey.modulus",
            .nonMinimalInteger(leading: 0x00))
    }

    @Test("non-minimal negative INTEGER (leading FF)") func nonMinimalNegative() {
        Self.expectRefused(
            DERWriter.sequence([DERWriter.tlv(.integer, [0xff, 0x81]), DERWriter.integer([3])]), "RSAPublicKey.modulus",
            .nonMinimalInteger(leading: 0xff))
    }

    @Test("negative INTEGER") func negative() {
        Self.expectRefused(
            DERWriter.sequence([DERWriter.tlv(.integer, [0x81]), DERWriter.integer([3])]), "RSAPublicKey.modulus",
            .negativeInteger)
    }

    @Test("empty INTEGER") func emptyInteger() {
        Self.expectRefused(
            DERWriter.sequence([DERWriter.tlv(.integer, []), DERWriter.integer([3])]), "RSAPublicKey.modulus",
            .emptyInteger)
    }

    @Test("NULL parameters with contents") func nullWithContents() {
        let spki = DERWriter.sequence([
            DERWriter.sequence([
                DERWriter.tlv(.objectIdentifier, AlgorithmIdentifier.rsaEncryption), [0x05, 0x01, 0x00],
            ]),
            DERWriter.bitString(Vectors.bytes("rsa/openssl-keys/key1.rsapub.der")),
        ])
        Self.expectRefused(spki, "AlgorithmIdentifier.parameters (must be NULL for rsaEncryption)", .nullWithContents)
    }

    @Test("missing NULL parameters for rsaEncryption") func missingNull() {
        let spki = DERWriter.sequence([
            DERWriter.sequence([DERWriter.tlv(.objectIdentifier, AlgorithmIdentifier.rsaEncryption)]),
            DERWriter.bitString(Vectors.bytes("rsa/openssl-keys/key1.rsapub.der")),
        ])
        Self.expectRefused(spki, "AlgorithmIdentifier.parameters (must be NULL for rsaEncryption)", .missing)
    }

    @Test("BIT STRING with unused bits") func unusedBits() {
        let spki = DERWriter.sequence([
            AlgorithmIdentifier.rsaEncryptionDER,
            DERWriter.tlv(.bitString, [3] + Vectors.bytes("rsa/openssl-keys/key1.rsapub.der")),
        ])
        Self.expectRefused(spki, "SubjectPublicKeyInfo.subjectPublicKey", .unusedBits)
    }

    @Test("wrong tag") func wrongTag() {
        Self.expectRefused(
            [0x31] + Self.good.dropFirst(), "SubjectPublicKeyInfo", .unexpectedTag(expected: 0x30, found: 0x31))
    }

    @Test("unknown algorithm OID") func unknownOID() {
        var der = Self.good
        der[16] ^= 0x01  // last OID byte: 1.2.840.113549.1.1.1 → .1.1.0
        #expect(throws: PrivateKeyJWTError.unsupportedAlgorithm(.keyAlgorithm)) {
            _ = try RSAPublicKey(derRepresentation: der)
        }
    }

    @Test("skip reads one element of any tag, and refuses a truncated one as read does") func skip() throws {
        var reader = DERReader([0xA0, 0x01, 0x07, 0x02, 0x01, 0x05])
        #expect(try reader.skip("context tag") == 0xA0)
        #expect(try reader.skip("integer") == DERTag.integer.rawValue)
        #expect(reader.isAtEnd)
        var truncated = DERReader([0x04, 0x03, 0x00])
        #expect(throws: PrivateKeyJWTError.invalidDER(field: "octets", rule: .lengthPastEnd(3))) {
            _ = try truncated.skip("octets")
        }
        var empty = DERReader([])
        #expect(throws: PrivateKeyJWTError.invalidDER(field: "element", rule: .missing)) {
            _ = try empty.skip("element")
        }
    }
}
