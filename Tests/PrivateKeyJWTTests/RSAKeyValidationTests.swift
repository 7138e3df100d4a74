import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT

@Suite("Key validation: public and private rules")
struct KeyValidationTests {
    static let key = try! RSAPrivateKey(derRepresentation: Vectors.bytes("rsa/openssl-keys/key2.pkcs1.der"))

    @Test("public-key rules: size, odd n, odd e ≥ 3, e < n") func publicRules() {
        let n = Self.key.publicKey.modulus
        #expect(throws: PrivateKeyJWTError.invalidKey(.modulusTooSmall(bits: 1016, minimum: 1024))) {
            _ = try RSAPublicKey(modulus: Array(n.prefix(127)), publicExponent: [1, 0, 1])
        }
        #expect(throws: PrivateKeyJWTError.invalidKey(.modulusTooLarge(bits: 16392, maximum: 16384))) {
            _ = try RSAPublicKey(modulus: [UInt8](repeating: 0xff, count: 2049), publicExponent: [1, 0, 1])
        }
        #expect(throws: PrivateKeyJWTError.invalidKey(.evenModulus)) {
            _ = try RSAPublicKey(modulus: Array(n.dropLast()) + [n.last! & 0xfe], publicExponent: [1, 0, 1])
        }
        #expect(throws: PrivateKeyJWTError.invalidKey(.publicExponentNotOddAndAtLeastThree)) {
            _ = try RSAPublicKey(modulus: n, publicExponent: [1, 0, 0])
        }
        #expect(throws: PrivateKeyJWTError.invalidKey(.publicExponentNotOddAndAtLeastThree)) {
            _ = try RSAPublicKey(modulus: n, publicExponent: [1])
        }
        #expect(throws: PrivateKeyJWTError.invalidKey(.publicExponentNotBelowModulus)) {
            _ = try RSAPublicKey(modulus: n, publicExponent: [0xff] + n)
        }
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
        #expect(throws: PrivateKeyJWTError.invalidKey(.modulusNotProduct)) { try make(n: other) }
        #expect(throws: PrivateKeyJWTError.invalidKey(.privateExponentNotInverse)) { try make(d: c.d + 2) }
        // SP 800-89 §5.3.3 refuses n = p² before the private checks see p = q.
        #expect(throws: PrivateKeyJWTError.invalidKey(.perfectPower)) { try make(n: c.p * c.p, q: c.p) }
        #expect(throws: PrivateKeyJWTError.invalidKey(.notOddPrime(member: "p (prime1)", isTwo: false))) {
            try make(p: c.p + 1)
        }
    }

    @Test(
        "private-key consistency: a changed prime or CRT value is refused",
        arguments: [
            (5, .modulusNotProduct), (6, .crtExponentMismatch(member: "exponent1", prime: "p")),
            (7, .crtExponentMismatch(member: "exponent2", prime: "q")), (8, .coefficientMismatch),
        ] as [(Int, PrivateKeyJWTError.KeyRule)])
    func inconsistentPrivateKey(index: Int, rule: PrivateKeyJWTError.KeyRule) throws {
        let key = try RSAPrivateKey(derRepresentation: Vectors.bytes("rsa/openssl-keys/key1.pkcs1.der"))
        var values = [
            key.components.n, key.components.e, key.components.d, key.components.p, key.components.q,
            key.components.dP, key.components.dQ, key.components.qInv,
        ].map(\.minimalOctets)
        values[index - 1][values[index - 1].count - 1] ^= 0x02
        #expect(throws: PrivateKeyJWTError.invalidKey(rule)) {
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
        #expect(throws: PrivateKeyJWTError.invalidKey(.composite(member: "p (prime1)"))) {
            _ = try RSAPrivateKey(components: components!)
        }
    }

    @Test("a composite q is refused by name too") func compositeSecondPrime() throws {
        var components: RSAPrivateComponents?
        while components == nil || components?.n.bitWidth != 1024 {
            components = KeyFixtures.components(
                p: KeyFixtures.prime(bits: 512), q: KeyFixtures.prime(bits: 256) * KeyFixtures.prime(bits: 256))
        }
        #expect(throws: PrivateKeyJWTError.invalidKey(.composite(member: "q (prime2)"))) {
            _ = try RSAPrivateKey(components: components!)
        }
    }

    @Test("members above their bounds are refused before arithmetic") func bounds() throws {
        let c = try RSAPrivateKey(derRepresentation: Vectors.bytes("rsa/openssl-keys/key2.pkcs1.der")).components
        #expect(throws: PrivateKeyJWTError.invalidKey(.outOfBounds(member: "d", bound: "n"))) {
            _ = try RSAPrivateKey(
                components: RSAPrivateComponents(
                    n: c.n, e: c.e, d: c.d + c.n, p: c.p, q: c.q, dP: c.dP, dQ: c.dQ, qInv: c.qInv))
        }
        #expect(throws: PrivateKeyJWTError.invalidKey(.outOfBounds(member: "exponent1", bound: "p"))) {
            _ = try RSAPrivateKey(
                components: RSAPrivateComponents(
                    n: c.n, e: c.e, d: c.d, p: c.p, q: c.q, dP: c.dP + c.p, dQ: c.dQ, qInv: c.qInv))
        }
        #expect(throws: PrivateKeyJWTError.invalidKey(.outOfBounds(member: "d", bound: "n"))) {
            _ = try RSAPrivateKey(
                modulus: c.n.minimalOctets, publicExponent: c.e.minimalOctets,
                privateExponent: (c.d + c.n).minimalOctets)
        }
    }

    @Test("SP 800-89 §5.3.3: small factors and perfect powers are refused") func partialPublicValidation() {
        let p = KeyFixtures.prime(bits: 1024)
        #expect(throws: PrivateKeyJWTError.invalidKey(.perfectPower)) {
            _ = try RSAPublicKey(components: RSAPublicComponents(n: p * p * p, e: BigNum(65537)))
        }
        #expect(throws: PrivateKeyJWTError.invalidKey(.smallFactor(751))) {
            _ = try RSAPublicKey(components: RSAPublicComponents(n: p * BigNum(751), e: BigNum(65537)))
        }
    }

    @Test("RS256 needs 2048 bits to sign and to verify (RFC 7518 §3.3); the raw RSA API still takes 1024")
    func rs256Size() throws {
        let key = try KeyFixtures.key(bits: 1024)
        let message = Array("m".utf8)
        #expect(key.publicKey.isValidSignature(try key.signature(for: message), for: message))
        #expect(throws: PrivateKeyJWTError.unsupportedAlgorithm(.smallRS256Key(bits: 1024, minimum: 2048))) {
            _ = try JWS.sign(payload: message, key: key)
        }
        let input = Base64.urlEncode(Array("{\"alg\":\"RS256\"}".utf8)) + "." + Base64.urlEncode(message)
        let compact = input + "." + Base64.urlEncode(try key.signature(for: Array(input.utf8)))
        #expect(throws: PrivateKeyJWTError.unsupportedAlgorithm(.smallRS256Key(bits: 1024, minimum: 2048))) {
            _ = try JWS.verify(compact, key: key.publicKey)
        }
    }

    @Test("key_ops is honoured (RFC 7517 §4.3)") func keyOps() throws {
        let key = try RSAPrivateKey(derRepresentation: Vectors.bytes("rsa/openssl-keys/key2.pkcs1.der"))
        var privateJWK = JWK(privateKey: key)
        privateJWK.key_ops = ["verify"]
        #expect(throws: PrivateKeyJWTError.invalidJWK(.operationNotAllowed("sign"))) {
            _ = try JWK(jsonRepresentation: privateJWK.jsonRepresentation).rsaPrivateKey()
        }
        privateJWK.key_ops = ["sign"]
        #expect(throws: Never.self) { _ = try JWK(jsonRepresentation: privateJWK.jsonRepresentation).rsaPrivateKey() }
        var publicJWK = JWK(publicKey: key.publicKey)
        publicJWK.key_ops = ["sign"]
        #expect(throws: PrivateKeyJWTError.invalidJWK(.operationNotAllowed("verify"))) {
            _ = try JWK(jsonRepresentation: publicJWK.jsonRepresentation).rsaPublicKey()
        }
        let text = String(decoding: JWK(publicKey: key.publicKey).jsonRepresentation, as: UTF8.self).dropLast()
        #expect(throws: PrivateKeyJWTError.invalidJWK(.keyOpsNotDistinctStrings)) {
            _ = try JWK(jsonRepresentation: Array((text + ",\"key_ops\":[\"verify\",\"verify\"]}").utf8))
        }
        #expect(throws: PrivateKeyJWTError.invalidJWK(.keyOpsNotDistinctStrings)) {
            _ = try JWK(jsonRepresentation: Array((text + ",\"key_ops\":[1]}").utf8))
        }
    }
}
