import Foundation
import Testing

@testable import PrivateKeyJWT

@Suite("JWS ES256: R || S signatures, the header's alg fixed by the key, DER refused")
struct JWSES256Tests {
    @Test("sign then verify; the header carries alg, kid and typ")
    func roundTrip() throws {
        let key = try P256PrivateKey()
        let compact = JWS.sign(payload: Array("{\"sub\":\"a\"}".utf8), key: key, kid: "k")
        let verified = try JWS.verify(compact, key: key.publicKey)
        #expect(verified.payload == Array("{\"sub\":\"a\"}".utf8))
        #expect(verified.header == ["alg": .string("ES256"), "kid": .string("k"), "typ": .string("JWT")])
        let signature = try Base64.urlDecode(String(compact.split(separator: ".")[2]))
        #expect(signature.count == 64)
    }

    @Test("refusals: another key, RS256 in the header, a DER signature, a changed payload")
    func refusals() throws {
        let key = try P256PrivateKey(), other = try P256PrivateKey()
        let compact = JWS.sign(payload: Array("p".utf8), key: key)
        #expect(throws: PrivateKeyJWTError.signatureInvalid) { _ = try JWS.verify(compact, key: other.publicKey) }
        let parts = compact.split(separator: ".").map(String.init)
        let rs256Header = Base64.urlEncode(Array("{\"alg\":\"RS256\"}".utf8))
        #expect(throws: PrivateKeyJWTError.unsupportedAlgorithm(.es256Algorithm("\"RS256\""))) {
            _ = try JWS.verify([rs256Header, parts[1], parts[2]].joined(separator: "."), key: key.publicKey)
        }
        // The same r and s as DER: SEQUENCE { INTEGER r, INTEGER s }, 70 to 72 octets.
        let raw = try Base64.urlDecode(parts[2])
        let der = DERWriter.sequence([DERWriter.integer(Array(raw[0..<32])), DERWriter.integer(Array(raw[32..<64]))])
        #expect(throws: PrivateKeyJWTError.invalidJWS(.es256SignatureLength(found: der.count))) {
            _ = try JWS.verify([parts[0], parts[1], Base64.urlEncode(der)].joined(separator: "."), key: key.publicKey)
        }
        #expect(
            PrivateKeyJWTError.invalidJWS(.es256SignatureLength(found: 71)).description.hasSuffix("(a DER signature?)"))
        let changed = [parts[0], Base64.urlEncode(Array("q".utf8)), parts[2]].joined(separator: ".")
        #expect(throws: PrivateKeyJWTError.signatureInvalid) { _ = try JWS.verify(changed, key: key.publicKey) }
    }

    @Test("an RS256 key refuses an ES256 token by its alg")
    func crossAlgorithm() throws {
        let es256 = JWS.sign(payload: [1], key: try P256PrivateKey())
        let rsa = try RSAPrivateKey(generatingBits: 2048)
        #expect(throws: PrivateKeyJWTError.unsupportedAlgorithm(.jwsAlgorithm("\"ES256\""))) {
            _ = try JWS.verify(es256, key: rsa.publicKey)
        }
    }

    @Test("a JWK Set: the P-256 key the kid names, or each P-256 key; RSA keys and other curves are not tried")
    func keySet() throws {
        let key = try P256PrivateKey(), other = try P256PrivateKey()
        let rsa = try RSAPrivateKey(generatingBits: 2048)
        var otherCurve = JWK(publicKey: other.publicKey, kid: "p384")
        otherCurve.crv = "P-384"
        let set = JWKSet(keys: [
            JWK(publicKey: rsa.publicKey, kid: "r"), JWK(publicKey: other.publicKey, kid: "o"),
            JWK(publicKey: key.publicKey, kid: "k"), otherCurve,
        ])
        let named = JWS.sign(payload: [1], key: key, kid: "k"), unnamed = JWS.sign(payload: [2], key: key)
        #expect(try JWS.verify(named, keySet: set).payload == [1])
        #expect(try JWS.verify(unnamed, keySet: set).payload == [2])
        #expect(throws: PrivateKeyJWTError.signatureInvalid) {
            _ = try JWS.verify(JWS.sign(payload: [3], key: key, kid: "o"), keySet: set)
        }
        #expect(throws: PrivateKeyJWTError.invalidJWS(.noKeyWithKid("gone"))) {
            _ = try JWS.verify(JWS.sign(payload: [4], key: key, kid: "gone"), keySet: set)
        }
        // Only RSA keys, or a P-256 token under the RSA key's kid: no P-256 key to try.
        let rsaOnly = JWKSet(keys: [JWK(publicKey: rsa.publicKey, kid: "r")])
        #expect(throws: PrivateKeyJWTError.invalidJWS(.noP256KeyInSet)) { _ = try JWS.verify(unnamed, keySet: rsaOnly) }
        #expect(throws: PrivateKeyJWTError.invalidJWS(.noKeyWithKid("r"))) {
            _ = try JWS.verify(JWS.sign(payload: [5], key: key, kid: "r"), keySet: set)
        }
        // An RS256 token against a set of P-256 keys only.
        let ecOnly = JWKSet(keys: [JWK(publicKey: key.publicKey, kid: "k")])
        #expect(throws: PrivateKeyJWTError.invalidJWS(.noRSAKeyInSet)) {
            _ = try JWS.verify(JWS.sign(payload: [6], key: rsa), keySet: ecOnly)
        }
    }
}
