import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT

@Suite("Recovering p and q from (n, e, d), SP 800-56B App. C.2")
struct PrimeRecoveryTests {
    static func key(_ name: String) throws -> RSAPrivateKey {
        try RSAPrivateKey(derRepresentation: Vectors.bytes("rsa/openssl-keys/\(name).pkcs1.der"))
    }

    @Test("a key recovered from n, e, d alone equals the full key", arguments: ["key1", "key2", "key3"])
    func recovered(name: String) throws {
        let key = try Self.key(name), c = key.components
        let recovered = try RSAPrivateKey(
            modulus: c.n.minimalOctets, publicExponent: c.e.minimalOctets, privateExponent: c.d.minimalOctets)
        #expect(recovered.pkcs1DERRepresentation == key.pkcs1DERRepresentation, "p > q, dP, dQ and qInv as OpenSSL's")
    }

    @Test("a d that does not belong to n and e is refused, one case per rule")
    func refused() throws {
        let c = try Self.key("key2").components
        func recover(_ d: BigNum) throws {
            _ = try RSAPrivateKey(
                modulus: c.n.minimalOctets, publicExponent: c.e.minimalOctets, privateExponent: d.minimalOctets)
        }
        // Step 3 finds no square root of 1: d + 2 is not an inverse of e.
        #expect(throws: PrivateKeyJWTError.invalidKey(.unrecoverablePrimes)) { try recover(c.d + 2) }
        // Step 1: k = de − 1 must be even; with e odd, an even d makes it odd.
        #expect(throws: PrivateKeyJWTError.invalidKey(.unrecoverablePrimes)) { try recover(c.d.isOdd ? c.d + 1 : c.d) }
        // Bounds before any arithmetic.
        #expect(throws: PrivateKeyJWTError.invalidKey(.outOfBounds(member: "d", bound: "n"))) { try recover(BigNum(0)) }
        #expect(throws: PrivateKeyJWTError.invalidKey(.outOfBounds(member: "d", bound: "n"))) { try recover(c.n) }
        #expect(throws: PrivateKeyJWTError.invalidKey(.outOfBounds(member: "d", bound: "n"))) { try recover(c.n + c.d) }
    }
}
