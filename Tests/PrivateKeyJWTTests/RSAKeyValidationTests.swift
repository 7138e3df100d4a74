import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT

@Suite("Key validation: public and private rules")
struct KeyValidationTests {
    static let key = try! RSAPrivateKey(derRepresentation: Vectors.bytes("rsa/openssl-keys/key2.pkcs1.der"))

    @Test("public-key rules: size, odd n, odd e ≥ 3, e < n") func publicRules() {
        let n = Self.key.publicKey.modulus
        expectRefused("at least 1024") {
            _ = try RSAPublicKey(modulus: Array(n.prefix(127)), publicExponent: [1, 0, 1])
        }
        expectRefused("at most 16384") {
            _ = try RSAPublicKey(modulus: [UInt8](repeating: 0xff, count: 2049), publicExponent: [1, 0, 1])
        }
        expectRefused("n is even") {
            _ = try RSAPublicKey(modulus: Array(n.dropLast()) + [n.last! & 0xfe], publicExponent: [1, 0, 1])
        }
        expectRefused("odd and at least 3") { _ = try RSAPublicKey(modulus: n, publicExponent: [1, 0, 0]) }
        expectRefused("odd and at least 3") { _ = try RSAPublicKey(modulus: n, publicExponent: [1]) }
        expectRefused("not below the modulus") { _ = try RSAPublicKey(modulus: n, publicExponent: [0xff] + n) }
    }

    @Test("private-key rules: n = p·q, e·d ≡ 1, p ≠ q") func privateRules() {
        let c = Self.key.components
        func make(n: BigNum? = nil, d: BigNum? = nil, p: BigNum? = nil, q: BigNum? = nil) throws {
            _ = try RSAPrivateKey(
                components: RSAPrivateComponents(
                    n: n ?? c.n, e: c.e, d: d ?? c.d, p: p ?? c.p, q: q ?? c.q, dP: c.dP, dQ: c.dQ, qInv: c.qInv))
        }
        // The nearest odd number above n that passes the public checks (no factor below 752, ...).
        var other = c.n + 2
        while (try? RSAPublicKey(components: RSAPublicComponents(n: other, e: c.e))) == nil { other = other + 2 }
        expectRefused("n is not p·q") { try make(n: other) }
        expectRefused("not the inverse of e") { try make(d: c.d + 2) }
        // SP 800-89 §5.3.3 refuses n = p² before the private checks see p = q.
        expectRefused("perfect power") { try make(n: c.p * c.p, q: c.p) }
        expectRefused("must be an odd prime") { try make(p: c.p + 1) }
    }

    @Test("private-key consistency: a changed CRT value is refused", arguments: [5, 6, 7, 8])
    func inconsistentPrivateKey(index: Int) throws {
        let key = try RSAPrivateKey(derRepresentation: Vectors.bytes("rsa/openssl-keys/key1.pkcs1.der"))
        var values = [
            key.components.n, key.components.e, key.components.d, key.components.p, key.components.q,
            key.components.dP, key.components.dQ, key.components.qInv,
        ].map(\.minimalOctets)
        values[index - 1][values[index - 1].count - 1] ^= 0x02
        #expect(throws: PrivateKeyJWTError.self) {
            try RSAPrivateKey(
                modulus: values[0], publicExponent: values[1], privateExponent: values[2], prime1: values[3],
                prime2: values[4], exponent1: values[5], exponent2: values[6], coefficient: values[7])
        }
    }
}

@Suite("Key import: bounds, primality, RS256 size and key_ops")
struct KeyImportPolicyTests {
    @Test("a composite p is refused at import, not at signing") func compositePrime() throws {
        // A 1024-bit n (the smallest the core loads): the product of the three primes is 1023 or 1024 bits.
        var components: RSAPrivateComponents?
        while components == nil || components?.n.bitWidth != 1024 {
            components = KeyFixtures.components(
                p: KeyFixtures.prime(bits: 256) * KeyFixtures.prime(bits: 256), q: KeyFixtures.prime(bits: 512))
        }
        expectRefused("p (prime1) is not prime") { _ = try RSAPrivateKey(components: components!) }
    }

    @Test("a composite q is refused by name too") func compositeSecondPrime() throws {
        var components: RSAPrivateComponents?
        while components == nil || components?.n.bitWidth != 1024 {
            components = KeyFixtures.components(
                p: KeyFixtures.prime(bits: 512), q: KeyFixtures.prime(bits: 256) * KeyFixtures.prime(bits: 256))
        }
        expectRefused("q (prime2) is not prime") { _ = try RSAPrivateKey(components: components!) }
    }

    @Test("members above their bounds are refused before arithmetic") func bounds() throws {
        let c = try RSAPrivateKey(derRepresentation: Vectors.bytes("rsa/openssl-keys/key2.pkcs1.der")).components
        expectRefused("d must be positive and below n") {
            _ = try RSAPrivateKey(
                components: RSAPrivateComponents(
                    n: c.n, e: c.e, d: c.d + c.n, p: c.p, q: c.q, dP: c.dP, dQ: c.dQ, qInv: c.qInv))
        }
        expectRefused("exponent1 must be positive and below p") {
            _ = try RSAPrivateKey(
                components: RSAPrivateComponents(
                    n: c.n, e: c.e, d: c.d, p: c.p, q: c.q, dP: c.dP + c.p, dQ: c.dQ, qInv: c.qInv))
        }
        expectRefused("d must be positive and below n") {
            _ = try RSAPrivateKey(
                modulus: c.n.minimalOctets, publicExponent: c.e.minimalOctets,
                privateExponent: (c.d + c.n).minimalOctets)
        }
    }

    @Test("SP 800-89 §5.3.3: small factors and perfect powers are refused") func partialPublicValidation() {
        let p = KeyFixtures.prime(bits: 1024)
        expectRefused("perfect power") {
            _ = try RSAPublicKey(components: RSAPublicComponents(n: p * p * p, e: BigNum(65537)))
        }
        expectRefused("divisible by 751") {
            _ = try RSAPublicKey(components: RSAPublicComponents(n: p * BigNum(751), e: BigNum(65537)))
        }
    }

    @Test("RS256 needs 2048 bits to sign and to verify (RFC 7518 §3.3); the raw RSA API still takes 1024")
    func rs256Size() throws {
        let key = try KeyFixtures.key(bits: 1024)
        let message = Array("m".utf8)
        #expect(key.publicKey.isValidSignature(try key.signature(for: message), for: message))
        expectRefused("at least 2048 bits") { _ = try JWS.sign(payload: message, key: key) }
        let input = Base64.urlEncode(Array("{\"alg\":\"RS256\"}".utf8)) + "." + Base64.urlEncode(message)
        let compact = input + "." + Base64.urlEncode(try key.signature(for: Array(input.utf8)))
        expectRefused("at least 2048 bits") { _ = try JWS.verify(compact, key: key.publicKey) }
    }

    @Test("key_ops is honoured (RFC 7517 §4.3)") func keyOps() throws {
        let key = try RSAPrivateKey(derRepresentation: Vectors.bytes("rsa/openssl-keys/key2.pkcs1.der"))
        var privateJWK = JWK(privateKey: key)
        privateJWK.key_ops = ["verify"]
        expectRefused("does not allow \"sign\"") {
            _ = try JWK(jsonRepresentation: privateJWK.jsonRepresentation).rsaPrivateKey()
        }
        privateJWK.key_ops = ["sign"]
        #expect(throws: Never.self) { _ = try JWK(jsonRepresentation: privateJWK.jsonRepresentation).rsaPrivateKey() }
        var publicJWK = JWK(publicKey: key.publicKey)
        publicJWK.key_ops = ["sign"]
        expectRefused("does not allow \"verify\"") {
            _ = try JWK(jsonRepresentation: publicJWK.jsonRepresentation).rsaPublicKey()
        }
        let text = String(decoding: JWK(publicKey: key.publicKey).jsonRepresentation, as: UTF8.self).dropLast()
        expectRefused("distinct strings") {
            _ = try JWK(jsonRepresentation: Array((text + ",\"key_ops\":[\"verify\",\"verify\"]}").utf8))
        }
        expectRefused("distinct strings") { _ = try JWK(jsonRepresentation: Array((text + ",\"key_ops\":[1]}").utf8)) }
    }
}
