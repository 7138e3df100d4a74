import Foundation
import Testing

@testable import PrivateKeyJWT

func jwk(_ object: Any?) throws -> JWK {
    try JWK(jsonRepresentation: [UInt8](JSONSerialization.data(withJSONObject: try #require(object))))
}

@Suite("JOSE: JWK, thumbprint, JWS, JWT (RFC 7515, 7517, 7518, 7519, 7520, 7638)")
struct JOSETests {
    @Test("RFC 7515 A.2: our compact JWS equals the published one exactly") func rfc7515A2() throws {
        let v = Vectors.json("jose/rfc7515-a2.json")
        let key = try jwk(v["jwk"]).rsaPrivateKey()
        let header = Array((v["protected_header_json"] as! String).utf8)
        let payload = Array((v["payload_json"] as! String).utf8)
        #expect(Base64.urlEncode(header) == v["protected_header_b64"] as? String)
        #expect(Base64.urlEncode(payload) == v["payload_b64"] as? String)
        let compact = try JWS.sign(protectedHeader: header, payload: payload, key: key)
        #expect(compact == v["compact"] as? String)
        #expect(compact.split(separator: ".").last.map(String.init) == v["signature_b64"] as? String)
        let verified = try JWS.verify(compact, key: key.publicKey)
        #expect(verified.payload == payload)
        // RFC 7519 §3.1 claims inside; the published token has long expired.
        let claims = try JWTClaimsValidator(now: Date(timeIntervalSince1970: 1_300_000_000)).validate(
            payload: verified.payload)
        #expect(claims["iss"] == .string("joe"))
        #expect(throws: PrivateKeyJWTError.self) {
            try JWTClaimsValidator(now: Date(timeIntervalSince1970: 1_700_000_000)).validate(payload: verified.payload)
        }
    }

    @Test("RFC 7520 §4.1: the cookbook signature is reproduced and verifies") func rfc7520() throws {
        let v = Vectors.json("jose/rfc7520-4.1.json")
        let key = try jwk(v["jwk_private"]).rsaPrivateKey()
        #expect(try jwk(v["jwk_public"]).rsaPublicKey() == key.publicKey)
        let header = Array((v["protected_header_json"] as! String).utf8)
        let payload = Hex.decode(v["payload_hex"] as! String)
        let compact = try JWS.sign(protectedHeader: header, payload: payload, key: key)
        #expect(compact == v["compact"] as? String)
        let set = JWKSet(keys: [try jwk(v["jwk_public"])])
        #expect(try JWS.verify(compact, keySet: set).payload == payload)
    }

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
}

@Suite("JOSE negatives")
struct JOSENegativeTests {
    static let key = try! RSAPrivateKey(pemRepresentation: Vectors.text("rsa/openssl-keys/key2.pkcs8.pem"))
    static let token = try! JWS.sign(payload: Array("{\"sub\":\"x\"}".utf8), key: key, kid: "k")

    static func replacing(part index: Int, with text: String) -> String {
        var parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        parts[index] = text
        return parts.joined(separator: ".")
    }

    @Test(
        "header alg other than RS256 is refused, whatever the signature",
        arguments: [
            "{\"alg\":\"none\"}", "{\"alg\":\"HS256\"}", "{\"alg\":\"RS512\"}", "{\"alg\":\"PS256\"}", "{}",
            "{\"alg\":\"rs256\"}",
        ])
    func algorithmConfusion(header: String) {
        let forged = Self.replacing(part: 0, with: Base64.urlEncode(Array(header.utf8)))
        #expect(throws: PrivateKeyJWTError.self) { try JWS.verify(forged, key: Self.key.publicKey) }
    }

    @Test("a crit header is refused") func crit() throws {
        let header = Array("{\"alg\":\"RS256\",\"crit\":[\"exp\"],\"exp\":1}".utf8)
        let token = try JWS.sign(protectedHeader: header, payload: [0x7b, 0x7d], key: Self.key)
        #expect(
            throws: PrivateKeyJWTError.invalidJWS("the header has \"crit\" extensions, which pkjwt does not implement")
        ) {
            try JWS.verify(token, key: Self.key.publicKey)
        }
    }

    @Test("a changed payload or signature fails with the one undifferentiated error") func tampered() {
        let payload = Self.replacing(part: 1, with: Base64.urlEncode(Array("{\"sub\":\"y\"}".utf8)))
        #expect(throws: PrivateKeyJWTError.signatureInvalid) { try JWS.verify(payload, key: Self.key.publicKey) }
        var sig = Array(Self.token.split(separator: ".")[2].utf8)
        sig[5] = sig[5] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let signature = Self.replacing(part: 2, with: String(decoding: sig, as: UTF8.self))
        #expect(throws: PrivateKeyJWTError.signatureInvalid) { try JWS.verify(signature, key: Self.key.publicKey) }
        let other = try! RSAPrivateKey(pemRepresentation: Vectors.text("rsa/openssl-keys/key3.pkcs8.pem"))
        #expect(throws: PrivateKeyJWTError.signatureInvalid) { try JWS.verify(Self.token, key: other.publicKey) }
    }

    @Test(
        "malformed compact serializations are refused",
        arguments: ["", "a.b", "a.b.c.d", "a.b.c.d.e", "..", "eyJhbGciOiJSUzI1NiJ9..", "eyJhbGciOiJSUzI1NiJ9=.e30.AA"])
    func malformed(token: String) {
        #expect(throws: PrivateKeyJWTError.self) { try JWS.verify(token, key: Self.key.publicKey) }
    }

    @Test("padded or non-alphabet base64url in the signature is refused", arguments: ["=", "==", "+", "/", " "])
    func signatureEncoding(suffix: String) {
        #expect(throws: PrivateKeyJWTError.self) { try JWS.verify(Self.token + suffix, key: Self.key.publicKey) }
    }

    @Test("kid selection in a JWK Set") func kidSelection() throws {
        let mine = JWK(publicKey: Self.key.publicKey, kid: "k")
        #expect(throws: PrivateKeyJWTError.invalidJWS("no key in the JWK Set has kid \"k\"")) {
            try JWS.verify(Self.token, keySet: JWKSet(keys: [JWK(publicKey: Self.key.publicKey, kid: "other")]))
        }
        let ec = try JWK(jsonRepresentation: Array("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"}".utf8))
        #expect(try JWS.verify(Self.token, keySet: JWKSet(keys: [ec, mine])).payload == Array("{\"sub\":\"x\"}".utf8))
    }

    @Test(
        "JWK rules",
        arguments: [
            ("{\"kty\":\"EC\",\"n\":\"AQAB\",\"e\":\"AQAB\"}", "key type"),
            ("{\"n\":\"AQAB\",\"e\":\"AQAB\"}", "not a JWK"),
            ("{\"kty\":\"RSA\",\"e\":\"AQAB\"}", "\"n\" member is missing"),
            ("{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AAEAAQ\"}", "leading zero"),
            ("{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB=\"}", "not base64url"),
            ("{\"kty\":\"RSA\",\"n\":\"AQ+B\",\"e\":\"AQAB\"}", "not base64url"),
            ("{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\",\"alg\":\"RS512\"}", "RS256 only"),
            ("{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\",\"use\":\"enc\"}", "\"use\""),
            ("{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}", "bits"),
        ])
    func jwkRules(json: String, message: String) {
        expectRefused(message) { _ = try JWK(jsonRepresentation: Array(json.utf8)).rsaPublicKey() }
    }

    @Test("a private JWK with some but not all CRT members, or with oth, is refused") func partialCRT() throws {
        var full = JWK(privateKey: Self.key)
        full.qi = nil
        #expect(throws: PrivateKeyJWTError.self) { try full.rsaPrivateKey() }
        var multi = JWK(privateKey: Self.key)
        multi.oth = [.object([:])]
        #expect(throws: PrivateKeyJWTError.self) { try multi.rsaPrivateKey() }
        var dOnly = JWK(privateKey: Self.key)
        (dOnly.p, dOnly.q, dOnly.dp, dOnly.dq, dOnly.qi) = (nil, nil, nil, nil, nil)
        #expect(try dOnly.rsaPrivateKey().publicKey == Self.key.publicKey)
    }

    @Test("claims: exp, nbf, iat, iss, aud with an injected clock") func claims() throws {
        let now = Date(timeIntervalSince1970: 1_000_000)
        let check = JWTClaimsValidator(now: now, leeway: 0, issuer: "me", audience: "you")
        let good: [String: JSONValue] = [
            "iss": .string("me"), "aud": .array([.string("you")]), "exp": .number(1_000_001), "nbf": .number(1_000_000),
            "iat": .number(999_999),
        ]
        try check.validate(good)
        for (name, value) in [
            ("exp", JSONValue.number(1_000_000)), ("nbf", .number(1_000_001)), ("iat", .number(1_000_001)),
            ("exp", .string("soon")), ("iss", .string("eve")), ("aud", .string("them")),
        ] {
            var bad = good
            bad[name] = value
            #expect(throws: PrivateKeyJWTError.self, "\(name)") { try check.validate(bad) }
        }
        #expect(throws: PrivateKeyJWTError.self) { try check.validate(payload: Array("[1]".utf8)) }
    }
}
