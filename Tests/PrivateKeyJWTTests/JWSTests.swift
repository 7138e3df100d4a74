import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT

@Suite("JWS compact serialization, RS256 (RFC 7515, 7518 §3.3, 7520 §4.1)")
struct JWSTests {
    static let key = try! RSAPrivateKey(pemRepresentation: Vectors.text("rsa/openssl-keys/key2.pkcs8.pem"))
    static let token = try! JWS.sign(payload: Array("{\"sub\":\"x\"}".utf8), key: key, kid: "k")

    static func replacing(part index: Int, with text: String) -> String {
        var parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        parts[index] = text
        return parts.joined(separator: ".")
    }

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
        #expect(throws: PrivateKeyJWTError.invalidClaims(.expired(at: 1_300_819_380, now: 1_700_000_000))) {
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

    @Test(
        "header alg other than RS256 is refused, whatever the signature",
        arguments: [
            ("{\"alg\":\"none\"}", "\"none\""), ("{\"alg\":\"HS256\"}", "\"HS256\""),
            ("{\"alg\":\"RS512\"}", "\"RS512\""), ("{\"alg\":\"PS256\"}", "\"PS256\""), ("{}", nil),
            ("{\"alg\":\"rs256\"}", "\"rs256\""), ("{\"alg\":1}", "1"),
        ] as [(String, String?)])
    func algorithmConfusion(header: String, alg: String?) {
        let forged = Self.replacing(part: 0, with: Base64.urlEncode(Array(header.utf8)))
        #expect(throws: PrivateKeyJWTError.unsupportedAlgorithm(.jwsAlgorithm(alg))) {
            try JWS.verify(forged, key: Self.key.publicKey)
        }
    }

    @Test("a crit header is refused") func crit() throws {
        let header = Array("{\"alg\":\"RS256\",\"crit\":[\"exp\"],\"exp\":1}".utf8)
        let token = try JWS.sign(protectedHeader: header, payload: [0x7b, 0x7d], key: Self.key)
        #expect(
            throws: PrivateKeyJWTError.invalidJWS(.critical)
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
        arguments: [
            ("", .invalidJWS(.partCount(1))), ("a.b", .invalidJWS(.partCount(2))),
            ("a.b.c.d", .invalidJWS(.partCount(4))),
            ("a.b.c.d.e", .invalidJWS(.partCount(5))),
            ("..", .invalidJWS(.notJSONObject(what: "JWS header", .init(.missingValue, at: 0)))),
            ("eyJhbGciOiJSUzI1NiJ9..", .signatureInvalid),
            ("eyJhbGciOiJSUzI1NiJ9=.e30.AA", .invalidJWS(.header(.lengthOneModFour(21)))),
            ("eyJhbGciOiJSUzI1NiJ9=A.e30.AA", .invalidJWS(.header(.outsideAlphabet(character: 0x3d, offset: 20)))),
        ] as [(String, PrivateKeyJWTError)])
    func malformed(token: String, refusal: PrivateKeyJWTError) {
        #expect(throws: refusal) { try JWS.verify(token, key: Self.key.publicKey) }
    }

    @Test(
        "padded or non-alphabet base64url in the signature is refused",
        arguments: [("=", 0x3d), ("==", 0x3d), ("+", 0x2b), ("/", 0x2f), (" ", 0x20)] as [(String, UInt8)])
    func signatureEncoding(suffix: String, character: UInt8) {
        #expect(
            throws: PrivateKeyJWTError.invalidJWS(.signature(.outsideAlphabet(character: character, offset: 342)))
        ) { try JWS.verify(Self.token + suffix, key: Self.key.publicKey) }
    }

    @Test("kid selection in a JWK Set") func kidSelection() throws {
        let mine = JWK(publicKey: Self.key.publicKey, kid: "k")
        #expect(throws: PrivateKeyJWTError.invalidJWS(.noKeyWithKid("k"))) {
            try JWS.verify(Self.token, keySet: JWKSet(keys: [JWK(publicKey: Self.key.publicKey, kid: "other")]))
        }
        let ec = try JWK(jsonRepresentation: Array("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"}".utf8))
        #expect(try JWS.verify(Self.token, keySet: JWKSet(keys: [ec, mine])).payload == Array("{\"sub\":\"x\"}".utf8))
    }
}

@Suite("JWS.peek (header and payload before any check, to choose a key)")
struct JWSPeekTests {
    @Test("peek reads what verify would, whatever the signature and alg say") func peek() throws {
        let key = try KeyFixtures.key(bits: 2048)
        let compact = try JWS.sign(payload: Array("{\"iss\":\"c\"}".utf8), key: key, kid: "k1")
        let peeked = try JWS.peek(compact)
        #expect(peeked.header["kid"] == .string("k1") && peeked.payload == Array("{\"iss\":\"c\"}".utf8))
        // A forged signature and alg "none" still peek: peeking is not verifying.
        let none = Base64.urlEncode(Array("{\"alg\":\"none\"}".utf8)) + "." + Base64.urlEncode([1, 2]) + "."
        #expect(try JWS.peek(none).payload == [1, 2])
        #expect(throws: PrivateKeyJWTError.unsupportedAlgorithm(.jwsAlgorithm("\"none\""))) {
            try JWS.verify(none, key: key.publicKey)
        }
    }

    @Test(
        "peek refuses what is not a compact JWS",
        arguments: [
            ("a.b", .partCount(2)), ("a.b.c.d.e", .partCount(5)),
            ("!!.e30.", .header(.outsideAlphabet(character: 0x21, offset: 0))),
            ("e30.!!.", .payload(.outsideAlphabet(character: 0x21, offset: 0))),
            ("W10.e30.", .notJSONObject(what: "JWS header", nil)),
        ] as [(String, PrivateKeyJWTError.JWSRule)])
    func malformed(_ compact: String, rule: PrivateKeyJWTError.JWSRule) {
        #expect(throws: PrivateKeyJWTError.invalidJWS(rule)) { try JWS.peek(compact) }
    }
}
