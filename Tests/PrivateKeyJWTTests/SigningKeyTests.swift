import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT

@Suite("SigningKey: RS256 or ES256 by the key's kind, for JWS, client assertions and DPoP proofs")
struct SigningKeyTests {
    static let rsa = Result { try RSAPrivateKey(pemRepresentation: Vectors.text("rsa/openssl-keys/key1.pkcs8.pem")) }

    @Test("algorithm, kind, thumbprint and JWKs follow the key; a private JWK reads back as the same key")
    func members() throws {
        let p256 = try P256PrivateKey()
        let keys: [(SigningKey, String, String)] = [
            (.rsa(try Self.rsa.get()), "RS256", "RSA-2048"), (.p256(p256), "ES256", "P-256"),
        ]
        for (key, algorithm, kind) in keys {
            #expect(key.algorithm == algorithm && key.kind == kind)
            #expect(key.publicJWK(kid: "k").alg == algorithm && key.publicJWK(kid: "k").d == nil)
            #expect(key.privateJWK.kid == key.thumbprint && key.privateJWK.d != nil)
            #expect(try SigningKey(jwk: key.privateJWK).thumbprint == key.thumbprint)
        }
        #expect(SigningKey.p256(p256).thumbprint == p256.publicKey.thumbprint)
    }

    @Test("a JWS, a client assertion and a DPoP proof verify under their own kind's key only")
    func signatures() throws {
        let rsa = try Self.rsa.get()
        let p256 = try P256PrivateKey()
        let es256 = try JWS.sign(payload: Array("{}".utf8), key: SigningKey.p256(p256), kid: "k")
        #expect(try JWS.verify(es256, key: p256.publicKey).header["alg"] == .string("ES256"))
        #expect(throws: PrivateKeyJWTError.unsupportedAlgorithm(.jwsAlgorithm("\"ES256\""))) {
            _ = try JWS.verify(es256, key: rsa.publicKey)
        }
        let assertion = try ClientAssertion(clientID: "c", audience: "https://o.example.com/oauth2/v1/token", kid: "k")
        let signed = try assertion.signed(with: SigningKey.p256(p256))
        let verified = try JWS.verify(signed, key: p256.publicKey)
        #expect(verified.header["kid"] == .string("k") && verified.header["typ"] == .string("JWT"))
        #expect(
            try JWS.verify(assertion.signed(with: SigningKey.rsa(rsa)), key: rsa.publicKey).header["alg"]
                == .string("RS256"))
        let proof = try DPoPProof(method: "POST", url: "https://o.example.com/oauth2/v1/token").signed(
            with: SigningKey.p256(p256))
        #expect(try JWS.verify(proof, key: p256.publicKey).header["typ"] == .string("dpop+jwt"))
    }
}
