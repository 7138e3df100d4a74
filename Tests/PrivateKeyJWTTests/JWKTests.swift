import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT

@Suite("JWK and its thumbprint (RFC 7517, 7518 §6.3, 7638)")
struct JWKTests {
    static let key = JWSTests.key

    @Test("RFC 7517 A.1/A.2: the public and private RSA keys load and agree") func rfc7517() throws {
        let v = Vectors.json("jose/rfc7517-a1-a2-rsa.json")
        let publicJWK = try jwk(v["a1_public_rsa"])
        let privateKey = try jwk(v["a2_private_rsa"]).rsaPrivateKey()
        #expect(try publicJWK.rsaPublicKey() == privateKey.publicKey)
        let token = try JWS.sign(payload: Array("{\"a\":1}".utf8), key: privateKey, kid: publicJWK.kid)
        #expect(try JWS.verify(token, keySet: JWKSet(keys: [publicJWK])).payload == Array("{\"a\":1}".utf8))
        // A JWK written by us round-trips.
        #expect(try JWK(privateKey: privateKey).rsaPrivateKey().publicKey == privateKey.publicKey)
    }

    @Test("RFC 7638 §3.1: the thumbprint is exact") func rfc7638() throws {
        let v = Vectors.json("jose/rfc7638-3.1.json")
        let key = try jwk(v["jwk"]).rsaPublicKey()
        #expect(key.thumbprint == v["thumbprint_b64url"] as? String)
    }

    @Test("openssl keys: JWKs, thumbprints and the RS256 JWT match", arguments: ["key1", "key2", "key3"])
    func opensslJOSE(name: String) throws {
        let v = Vectors.json("rsa/openssl-keys/\(name).json")
        let key = try jwk(v["jwk_private"]).rsaPrivateKey()
        #expect(try jwk(v["jwk_public"]).rsaPublicKey() == key.publicKey)
        #expect(key.publicKey.thumbprint == v["rfc7638_thumbprint_sha256_b64url"] as? String)
        let jwt = try #require(v["jwt_rs256"] as? [String: Any])
        let compact = try JWS.sign(
            protectedHeader: Array((jwt["header_json"] as! String).utf8),
            payload: Array((jwt["payload_json"] as! String).utf8), key: key)
        #expect(compact == jwt["compact"] as? String)
        // A private JWK from the vector equals ours member for member.
        let ours = JWK(privateKey: key, kid: nil, alg: nil, use: nil)
        let theirs = try jwk(v["jwk_private"])
        #expect(
            [ours.n, ours.e, ours.d, ours.p, ours.q, ours.dp, ours.dq, ours.qi] == [
                theirs.n, theirs.e, theirs.d, theirs.p, theirs.q, theirs.dp, theirs.dq, theirs.qi,
            ])
    }

    @Test(
        "JWK rules",
        arguments: [
            ("{\"kty\":\"EC\",\"n\":\"AQAB\",\"e\":\"AQAB\"}", .unsupportedAlgorithm(.jwkKeyType("EC"))),
            ("{\"n\":\"AQAB\",\"e\":\"AQAB\"}", .invalidJWK(.notAJWK)),
            ("{\"kty\":\"RSA\",\"e\":\"AQAB\"}", .invalidJWK(.missing(member: "n"))),
            ("{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AAEAAQ\"}", .invalidJWK(.leadingZero(member: "e"))),
            (
                "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB=\"}",
                .invalidJWK(.notBase64URL(member: "e", .lengthOneModFour(5)))
            ),
            (
                "{\"kty\":\"RSA\",\"n\":\"AQ+B\",\"e\":\"AQAB\"}",
                .invalidJWK(.notBase64URL(member: "n", .outsideAlphabet(character: 0x2b, offset: 2)))
            ),
            (
                "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\",\"alg\":\"RS512\"}",
                .unsupportedAlgorithm(.jwkAlgorithm("RS512"))
            ),
            (
                "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\",\"use\":\"enc\"}",
                .invalidJWK(.notForSignatures(use: "enc"))
            ),
            (
                "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}",
                .invalidKey(.modulusTooSmall(bits: 17, minimum: 1024))
            ),
            ("{\"kty\":\"RSA\",\"n\":1}", .invalidJWK(.notString(member: "n"))),
            ("{\"kty\":\"RSA\",\"n\":\"\",\"e\":\"AQAB\"}", .invalidJWK(.empty(member: "n"))),
            (
                "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\",\"key_ops\":[\"sign\",\"sign\"]}",
                .invalidJWK(.keyOpsNotDistinctStrings)
            ),
            (
                "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\",\"key_ops\":\"verify\"}",
                .invalidJWK(.keyOpsNotDistinctStrings)
            ),
            (
                "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\",\"key_ops\":[\"sign\"]}",
                .invalidJWK(.operationNotAllowed("verify"))
            ),
            ("{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\",\"oth\":{}}", .invalidJWK(.othNotArray)),
            ("{\"kty\":\"RSA\",\"kty\":\"RSA\"}", .invalidJWK(.json(.init(.duplicateMember("kty"), at: 18)))),
        ] as [(String, PrivateKeyJWTError)])
    func jwkRules(json: String, refusal: PrivateKeyJWTError) {
        #expect(throws: refusal) { _ = try JWK(jsonRepresentation: Array(json.utf8)).rsaPublicKey() }
    }

    @Test("a private JWK with some but not all CRT members, or with oth, is refused") func partialCRT() throws {
        var full = JWK(privateKey: Self.key)
        full.qi = nil
        #expect(throws: PrivateKeyJWTError.invalidJWK(.partialCRT)) { try full.rsaPrivateKey() }
        var multi = JWK(privateKey: Self.key)
        multi.oth = [.object([:])]
        #expect(throws: PrivateKeyJWTError.invalidJWK(.multiPrime)) { try multi.rsaPrivateKey() }
        var dOnly = JWK(privateKey: Self.key)
        (dOnly.p, dOnly.q, dOnly.dp, dOnly.dq, dOnly.qi) = (nil, nil, nil, nil, nil)
        #expect(try dOnly.rsaPrivateKey().publicKey == Self.key.publicKey)
    }
}
