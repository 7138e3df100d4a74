import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT

private var written: [String: Any] { Vectors.json("ecdsa/p256/rfc6979-key.json") }

@Suite("JWK+P256: EC JWKs on P-256 and their RFC 7638 thumbprints")
struct JWKP256Tests {
    static var jwkText: [UInt8] {
        (try? JSONSerialization.data(withJSONObject: written["jwk"] ?? [:])).map { [UInt8]($0) } ?? []
    }

    @Test("joserfc's private JWK reads; its thumbprint is ours, by key and by members")
    func interop() throws {
        let jwk = try JWK(jsonRepresentation: Self.jwkText)
        let key = try jwk.p256PrivateKey()
        #expect(Hex.encode(key.rawRepresentation) == "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721")
        #expect(key.publicKey.thumbprint == written["thumbprint"] as? String)
        #expect(jwk.memberThumbprint == written["thumbprint"] as? String)
        #expect(try jwk.p256PublicKey() == key.publicKey)
    }

    @Test("written and read back: public and private, with kid, alg ES256 and use sig")
    func roundTrip() throws {
        let key = try P256PrivateKey()
        let jwk = try JWK(jsonRepresentation: JWK(privateKey: key, kid: "k1").jsonRepresentation)
        #expect(jwk.kty == "EC" && jwk.crv == "P-256" && jwk.alg == "ES256" && jwk.kid == "k1")
        #expect(try jwk.p256PrivateKey().rawRepresentation == key.rawRepresentation)
        let publicJWK = JWK(publicKey: key.publicKey)
        #expect(publicJWK.d == nil)
        #expect(try publicJWK.p256PublicKey() == key.publicKey)
        #expect(publicJWK.memberThumbprint == key.publicKey.thumbprint)
    }

    @Test("refusals: kty, crv, alg, use, key_ops, a short coordinate, d that is not x and y's")
    func refusals() throws {
        let key = try P256PrivateKey(), other = try P256PrivateKey()
        let good = JWK(privateKey: key)
        var jwk = good
        jwk.kty = "RSA"
        #expect(throws: PrivateKeyJWTError.unsupportedAlgorithm(.jwkKeyType("RSA"))) { _ = try jwk.p256PublicKey() }
        jwk = good
        jwk.crv = "P-384"
        #expect(throws: PrivateKeyJWTError.unsupportedAlgorithm(.ecCurve)) { _ = try jwk.p256PublicKey() }
        jwk.crv = nil
        #expect(throws: PrivateKeyJWTError.invalidJWK(.missing(member: "crv"))) { _ = try jwk.p256PublicKey() }
        jwk = good
        jwk.alg = "RS256"
        #expect(throws: PrivateKeyJWTError.unsupportedAlgorithm(.jwkAlgorithm("RS256"))) {
            _ = try jwk.p256PrivateKey()
        }
        jwk = good
        jwk.use = "enc"
        #expect(throws: PrivateKeyJWTError.invalidJWK(.notForSignatures(use: "enc"))) { _ = try jwk.p256PublicKey() }
        jwk = good
        jwk.key_ops = ["verify"]
        #expect(throws: PrivateKeyJWTError.invalidJWK(.operationNotAllowed("sign"))) { _ = try jwk.p256PrivateKey() }
        jwk = good
        jwk.x = Base64.urlEncode(Array(key.publicKey.xBytes.dropFirst()))
        #expect(throws: PrivateKeyJWTError.invalidECKey(.wrongLength(member: "x", found: 31, expected: 32))) {
            _ = try jwk.p256PublicKey()
        }
        jwk = good
        jwk.d = Base64.urlEncode(other.rawRepresentation)
        #expect(throws: PrivateKeyJWTError.invalidECKey(.publicKeyMismatch)) { _ = try jwk.p256PrivateKey() }
        jwk = good
        jwk.y = nil
        #expect(throws: PrivateKeyJWTError.invalidJWK(.missing(member: "y"))) { _ = try jwk.p256PublicKey() }
        #expect(jwk.memberThumbprint == nil)
    }
}
