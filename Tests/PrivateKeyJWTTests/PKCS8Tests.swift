import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT

@Suite("PKCS#8 PrivateKeyInfo and SubjectPublicKeyInfo structure rules")
struct PKCS8Tests {
    @Test("PKCS#8 version must be 0") func pkcs8Version() {
        var der = Vectors.bytes("rsa/openssl-keys/key2.pkcs8.der")
        // 30 82 04 xx | 02 01 00: the version INTEGER's value byte.
        #expect(Array(der[4..<7]) == [0x02, 0x01, 0x00])
        der[6] = 1
        #expect(
            throws: PrivateKeyJWTError.invalidDER(
                field: "PrivateKeyInfo.version", rule: .unexpectedVersion(found: 1, expected: 0))
        ) { _ = try RSAPrivateKey(derRepresentation: der) }
    }

    @Test("PKCS#8 attributes are refused, not ignored") func pkcs8Attributes() throws {
        var reader = DERReader(Vectors.bytes("rsa/openssl-keys/key2.pkcs8.der"))
        let contents = Array(try reader.read(.sequence, what: "k"))
        let withAttributes = DERWriter.tlv(.sequence, contents + [0xa0, 0x00])
        let refusal = PrivateKeyJWTError.invalidDER(
            field: "PrivateKeyInfo (attributes are not supported)", rule: .trailingBytes(2))
        #expect(throws: refusal) { _ = try RSAPrivateKey(derRepresentation: withAttributes) }
    }

    @Test("SPKI with an element after the BIT STRING is refused") func spkiExtra() throws {
        var reader = DERReader(Vectors.bytes("rsa/openssl-keys/key2.spki.der"))
        let contents = Array(try reader.read(.sequence, what: "k"))
        #expect(throws: PrivateKeyJWTError.invalidDER(field: "SubjectPublicKeyInfo", rule: .trailingBytes(2))) {
            _ = try RSAPublicKey(derRepresentation: DERWriter.tlv(.sequence, contents + DERWriter.null))
        }
    }
}
