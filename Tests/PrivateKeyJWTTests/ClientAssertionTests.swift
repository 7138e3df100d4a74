import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT

@Suite("ClientAssertion: RFC 7523 §3 claims and a lifetime")
struct ClientAssertionTests {
    static let audience = "https://example.okta.com/oauth2/v1/token"
    static let now = Date(timeIntervalSince1970: 1_700_000_000.75)

    @Test("any positive, finite lifetime is taken (a server's bound is its own); 0, negative, ∞ and NaN are refused")
    func lifetime() throws {
        for seconds in [1.0, 300, 3540, 86400] {
            #expect(
                try ClientAssertion(clientID: "c", audience: Self.audience, kid: nil, lifetime: seconds).lifetime
                    == seconds)
        }
        for seconds in [0.0, -1, .infinity, .nan] {
            #expect(
                throws: PrivateKeyJWTError.invalidClaims(.assertionLifetime)
            ) {
                _ = try ClientAssertion(clientID: "c", audience: Self.audience, kid: nil, lifetime: seconds)
            }
        }
        #expect(ClientAssertion.defaultLifetime == 300)
    }

    @Test("an empty client id or audience is refused") func emptyIdentity() {
        #expect(throws: PrivateKeyJWTError.invalidClaims(.assertionIdentity)) {
            _ = try ClientAssertion(clientID: "", audience: Self.audience, kid: nil)
        }
        #expect(throws: PrivateKeyJWTError.invalidClaims(.assertionIdentity)) {
            _ = try ClientAssertion(clientID: "c", audience: "", kid: nil)
        }
    }

    @Test("claims: iss = sub = client id, the exact aud, iat in whole seconds, exp = iat + lifetime, a 128-bit jti")
    func claims() throws {
        let assertion = try ClientAssertion(clientID: "0oa1", audience: Self.audience, kid: "k1", lifetime: 120)
        var random = SecureRandom()
        let claims = try assertion.claims(now: Self.now, random: &random)
        #expect(claims["iss"] == .string("0oa1") && claims["sub"] == .string("0oa1"))
        #expect(claims["aud"] == .string(Self.audience))
        #expect(claims["iat"] == .number(1_700_000_000) && claims["exp"] == .number(1_700_000_120))
        let jti = try #require(claims["jti"]?.stringValue)
        #expect(try Base64.urlDecode(jti).count == 16)
        #expect(try assertion.claims(now: Self.now, random: &random)["jti"] != claims["jti"], "a fresh jti each time")
        #expect(Set(claims.keys) == ["iss", "sub", "aud", "iat", "exp", "jti"])
    }

    @Test("signed: RS256 with the kid, verifies with the public key, carries the claims") func signed() throws {
        let key = try RSAPrivateKey(derRepresentation: Vectors.bytes("rsa/openssl-keys/key2.pkcs8.der"))
        let assertion = try ClientAssertion(clientID: "0oa1", audience: Self.audience, kid: "k1")
        let verified = try JWS.verify(try assertion.signed(with: key, now: Self.now), key: key.publicKey)
        #expect(verified.header["alg"] == .string("RS256") && verified.header["kid"] == .string("k1"))
        #expect(verified.header["typ"] == .string("JWT"))
        let payload = try JSONValue.parseObject(verified.payload, what: "payload")
        #expect(payload["sub"] == .string("0oa1") && payload["exp"] == .number(1_700_000_300))
    }
}
