import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT

@Suite("PKCS#1 RSAPublicKey and RSAPrivateKey, RFC 8017 App. A.1")
struct PKCS1Tests {
    static let privateDER = Vectors.bytes("rsa/openssl-keys/key1.pkcs1.der")

    @Test("OpenSSL's PKCS#1 files parse and serialize back byte for byte") func roundTrip() throws {
        let components = try PKCS1.parsePrivateKey(Self.privateDER)
        #expect(PKCS1.serializePrivateKey(components) == Self.privateDER)
        let publicDER = Vectors.bytes("rsa/openssl-keys/key1.rsapub.der")
        #expect(PKCS1.serializePublicKey(try PKCS1.parsePublicKey(publicDER)) == publicDER)
        #expect(try PKCS1.parsePublicKey(publicDER).n == components.n)
    }

    @Test("a private key with otherPrimeInfos is refused") func multiPrime() throws {
        let key = Vectors.bytes("rsa/openssl-keys/key1.pkcs1.der")
        var reader = DERReader(key)
        let contents = Array(try reader.read(.sequence, what: "k"))
        let extended = DERWriter.tlv(.sequence, contents + DERWriter.sequence([]))
        let refusal = PrivateKeyJWTError.invalidDER(
            field: "RSAPrivateKey (otherPrimeInfos: multi-prime keys are not supported)", rule: .trailingBytes(2))
        #expect(throws: refusal) { try RSAPrivateKey(derRepresentation: extended) }
    }

    @Test("version 1 (multi-prime) is refused; an RSAPublicKey with a third INTEGER is refused")
    func structureRules() throws {
        var der = Self.privateDER
        // 30 82 xx xx | 02 01 00: the version INTEGER's value byte.
        #expect(Array(der[4..<7]) == [0x02, 0x01, 0x00])
        der[6] = 1
        #expect(
            throws: PrivateKeyJWTError.invalidDER(
                field: "RSAPrivateKey.version", rule: .unexpectedVersion(found: 1, expected: 0))
        ) { _ = try PKCS1.parsePrivateKey(der) }
        var reader = DERReader(Vectors.bytes("rsa/openssl-keys/key1.rsapub.der"))
        let contents = Array(try reader.read(.sequence, what: "k"))
        #expect(throws: PrivateKeyJWTError.invalidDER(field: "RSAPublicKey", rule: .trailingBytes(3))) {
            _ = try PKCS1.parsePublicKey(DERWriter.tlv(.sequence, contents + DERWriter.integer([3])))
        }
    }
}
