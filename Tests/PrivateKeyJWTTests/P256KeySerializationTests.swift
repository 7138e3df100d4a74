import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT

/// RFC 6979 A.2.5's key as pyca/cryptography writes it (vectors/ecdsa/p256/rfc6979-key.json).
private var written: [String: Any] { Vectors.json("ecdsa/p256/rfc6979-key.json") }
private func hex(_ name: String) -> [UInt8] { Hex.decode((written[name] as? String) ?? "") }
private let d = Hex.decode("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721")

@Suite("P-256 keys in DER and PEM: PKCS#8, SEC 1 ECPrivateKey and SubjectPublicKeyInfo")
struct P256KeySerializationTests {
    @Test("cryptography's PKCS#8, SEC 1 and SPKI are read; PKCS#8 and SPKI are written byte for byte")
    func interop() throws {
        let fromPKCS8 = try P256PrivateKey(derRepresentation: hex("pkcs8"))
        let fromSEC1 = try P256PrivateKey(derRepresentation: hex("sec1"))
        #expect(fromPKCS8.rawRepresentation == d && fromSEC1.rawRepresentation == d)
        #expect(fromPKCS8.derRepresentation == hex("pkcs8"))
        let sec1 = ECKeyEncoding.serializeECPrivateKey(d: d, publicPoint: fromSEC1.publicKey.x963Representation)
        #expect(sec1 == hex("sec1"), "SEC 1 as OpenSSL writes it: the curve named")
        let publicKey = try P256PublicKey(derRepresentation: hex("spki"))
        #expect(publicKey == fromPKCS8.publicKey && publicKey.derRepresentation == hex("spki"))
    }

    @Test("PEM: PRIVATE KEY and EC PRIVATE KEY read, PRIVATE KEY written; PUBLIC KEY both ways")
    func pem() throws {
        let key = try P256PrivateKey(rawRepresentation: d)
        #expect(try P256PrivateKey(pemRepresentation: key.pemRepresentation).rawRepresentation == d)
        let sec1 = PEMDocument(label: "EC PRIVATE KEY", der: hex("sec1")).pemRepresentation
        #expect(try P256PrivateKey(pemRepresentation: sec1).rawRepresentation == d)
        #expect(try P256PublicKey(pemRepresentation: key.publicKey.pemRepresentation) == key.publicKey)
        #expect(throws: PrivateKeyJWTError.invalidPEM(.notPrivateKeyLabel("PUBLIC KEY"))) {
            _ = try P256PrivateKey(pemRepresentation: key.publicKey.pemRepresentation)
        }
        #expect(throws: PrivateKeyJWTError.invalidPEM(.notPublicKeyLabel("PRIVATE KEY"))) {
            _ = try P256PublicKey(pemRepresentation: key.pemRepresentation)
        }
    }

    @Test("refusals: another curve, an RSA key, a public point that is not d·G, a wrong version")
    func refusals() throws {
        // prime256v1's last OID byte 0x07 changed to 0x08 (another curve's OID) in the SPKI and PKCS#8.
        var otherCurve = hex("spki")
        let oid: [UInt8] = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]
        let at = try #require(otherCurve.firstRange(of: oid)).upperBound - 1
        otherCurve[at] = 0x08
        #expect(throws: PrivateKeyJWTError.unsupportedAlgorithm(.ecCurve)) {
            _ = try P256PublicKey(derRepresentation: otherCurve)
        }
        let rsa = Vectors.bytes("rsa/openssl-keys/key1.spki.der")
        #expect(throws: PrivateKeyJWTError.unsupportedAlgorithm(.keyAlgorithm)) {
            _ = try P256PublicKey(derRepresentation: rsa)
        }
        // The SEC 1 key's public point with its last byte changed: not d·G (and not on the curve).
        var sec1 = hex("sec1")
        sec1[sec1.count - 1] ^= 1
        #expect(throws: PrivateKeyJWTError.invalidECKey(.pointNotOnCurve)) {
            _ = try P256PrivateKey(derRepresentation: sec1)
        }
        let other = try P256PrivateKey(rawRepresentation: U256.one.bigEndianBytes)
        let mismatched = ECKeyEncoding.serializeECPrivateKey(d: d, publicPoint: other.publicKey.x963Representation)
        #expect(throws: PrivateKeyJWTError.invalidECKey(.publicKeyMismatch)) {
            _ = try P256PrivateKey(derRepresentation: mismatched)
        }
        var version2 = hex("sec1")
        version2[4] = 2  // SEQUENCE, length, INTEGER, length 1, version
        #expect(
            throws: PrivateKeyJWTError.invalidDER(
                field: "ECPrivateKey.version", rule: .unexpectedVersion(found: 2, expected: 1))
        ) {
            _ = try P256PrivateKey(derRepresentation: version2)
        }
        // d of 31 octets (RFC 5915: exactly ⌈log2(n)/8⌉).
        let short = ECKeyEncoding.serializeECPrivateKey(
            d: Array(d.dropFirst()), publicPoint: other.publicKey.x963Representation)
        #expect(throws: PrivateKeyJWTError.invalidECKey(.wrongLength(member: "d", found: 31, expected: 32))) {
            _ = try P256PrivateKey(derRepresentation: short)
        }
    }
}
