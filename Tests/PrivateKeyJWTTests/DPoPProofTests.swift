import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT

/// RFC 9449: proofs made as §4.2 says, and every check of §4.3 refusing what it must.
@Suite("DPoP proofs (RFC 9449 §4.2, §4.3)")
struct DPoPProofTests {
    static let key = try! RSAPrivateKey(generatingBits: 2048)
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let url = "https://example.okta.com/oauth2/v1/token"

    static func proof(
        method: String = "POST", url: String = url, nonce: String? = nil, token: String? = nil, at time: Date = now,
        key: RSAPrivateKey = key
    ) throws -> String {
        try DPoPProof(method: method, url: url, nonce: nonce, accessToken: token).signed(with: key, now: time)
    }

    static func check(
        _ proof: String, method: String = "POST", url: String = url, nonce: String? = nil, token: String? = nil
    ) throws -> VerifiedDPoPProof {
        try DPoPProofChecker(now: now).check(proof, method: method, url: url, nonce: nonce, accessToken: token)
    }

    static func parts(_ compact: String) throws -> (header: [String: JSONValue], claims: [String: JSONValue]) {
        let pieces = compact.split(separator: ".").map(String.init)
        return (
            try JSONValue.parseObject(Base64.urlDecode(pieces[0]), what: "header"),
            try JSONValue.parseObject(Base64.urlDecode(pieces[1]), what: "claims")
        )
    }

    /// The proof re-signed with `key` after `edit` changed its header and claims.
    static func forged(_ edit: (inout [String: JSONValue], inout [String: JSONValue]) -> Void, key: RSAPrivateKey = key)
        throws -> String
    {
        var (header, claims) = try parts(proof(nonce: "n1"))
        edit(&header, &claims)
        return try JWS.sign(
            protectedHeader: JSONValue.object(header).compactJSON, payload: JSONValue.object(claims).compactJSON,
            key: key)
    }

    @Test("RFC 9449 §7.1: ath of the published example token") func athVector() throws {
        let v = Vectors.json("jose/rfc9449-7.1-ath.json")
        #expect(DPoPProof.accessTokenHash(try #require(v["access_token"] as? String)) == v["ath"] as? String)
    }

    @Test(
        "§4.2: header typ/alg/public jwk only; claims htm, htu (no query or fragment), iat, 128-bit jti, nonce, ath"
    )
    func shape() throws {
        let compact = try Self.proof(
            method: "GET", url: "https://example.okta.com/api/v1/users?limit=2#x", nonce: "abc", token: "tok")
        let (header, claims) = try Self.parts(compact)
        #expect(header["typ"] == .string("dpop+jwt") && header["alg"] == .string("RS256") && header["kid"] == nil)
        guard case .object(let jwk)? = header["jwk"] else { Issue.record("no jwk"); return }
        #expect(Set(jwk.keys) == ["kty", "n", "e"], "the public members only")
        #expect(claims["htm"] == .string("GET") && claims["htu"] == .string("https://example.okta.com/api/v1/users"))
        #expect(claims["iat"] == .number(1_800_000_000) && claims["nonce"] == .string("abc"))
        #expect(claims["ath"] == .string(DPoPProof.accessTokenHash("tok")))
        #expect(try Base64.urlDecode(#require(claims["jti"]?.stringValue)).count == 16)
        #expect(try Self.proof() != Self.proof(), "a new jti every time")
        let verified = try Self.check(
            compact, method: "GET", url: "https://example.okta.com/api/v1/users?limit=9", nonce: "abc", token: "tok")
        #expect(verified.thumbprint == Self.key.publicKey.thumbprint && verified.nonce == "abc")
    }

    @Test("§4.3: each rule refuses its own breach") func refusals() throws {
        let other = try RSAPrivateKey(generatingBits: 2048)
        let good = try Self.proof(nonce: "n1")
        #expect(throws: Never.self) { try Self.check(good, nonce: "n1") }
        let cases: [(String, PrivateKeyJWTError, () throws -> Void)] = [
            (
                "typ", .invalidJWS(.dpopType),
                { _ = try Self.check(Self.forged { h, _ in h["typ"] = .string("JWT") }, nonce: "n1") }
            ),
            (
                "no jwk", .invalidJWS(.dpopNoJWK),
                { _ = try Self.check(Self.forged { h, _ in h["jwk"] = nil }, nonce: "n1") }
            ),
            (
                "private jwk", .invalidJWS(.dpopPrivateJWK),
                {
                    _ = try Self.check(
                        Self.forged { h, _ in
                            h["jwk"] = try? JSONValue.parse(JWK(privateKey: Self.key).jsonRepresentation)
                        }, nonce: "n1")
                }
            ),
            (
                "signed by another key than the jwk", .signatureInvalid,
                { _ = try Self.check(Self.forged({ _, _ in }, key: other), nonce: "n1") }
            ),
            (
                "htm", .invalidClaims(.dpopMethod(expected: "GET")),
                { _ = try Self.check(good, method: "GET", nonce: "n1") }
            ),
            (
                "htu", .invalidClaims(.dpopURL),
                { _ = try Self.check(good, url: "https://example.okta.com/oauth2/v1/clients", nonce: "n1") }
            ),
            ("nonce stale", .invalidClaims(.dpopNonce), { _ = try Self.check(good, nonce: "n2") }),
            ("nonce missing", .invalidClaims(.dpopNonce), { _ = try Self.check(Self.proof(), nonce: "n1") }),
            (
                "iat too old", .invalidClaims(.dpopIssuedAt),
                { _ = try Self.check(Self.proof(at: Self.now.addingTimeInterval(-61))) }
            ),
            (
                "iat in the future", .invalidClaims(.dpopIssuedAt),
                { _ = try Self.check(Self.proof(at: Self.now.addingTimeInterval(61))) }
            ),
            ("ath missing", .invalidClaims(.dpopTokenHash), { _ = try Self.check(Self.proof(), token: "tok") }),
            (
                "ath of another token", .invalidClaims(.dpopTokenHash),
                { _ = try Self.check(Self.proof(token: "other"), token: "tok") }
            ),
            (
                "no jti", .invalidClaims(.dpopMissingClaims),
                { _ = try Self.check(Self.forged { _, c in c["jti"] = nil }, nonce: "n1") }
            ),
            (
                "alg none", .unsupportedAlgorithm(.jwsAlgorithm("\"none\"")),
                { _ = try Self.check(Self.forged { h, _ in h["alg"] = .string("none") }, nonce: "n1") }
            ),
            (
                "tampered claims", .signatureInvalid,
                {
                    let pieces = good.split(separator: ".").map(String.init)
                    let claims = Base64.urlEncode(Array(#"{"htm":"POST"}"#.utf8))
                    _ = try Self.check([pieces[0], claims, pieces[2]].joined(separator: "."), nonce: "n1")
                }
            ),
        ]
        for (name, refusal, attempt) in cases {
            #expect(throws: refusal, "\(name) must be refused") { try attempt() }
        }
    }

    @Test("htu: scheme and host case and a default port do not matter (RFC 3986 §6.2.2-3); other URLs are refused")
    func htuNormalisation() throws {
        let proof = try Self.proof(url: "HTTPS://Example.OKTA.com:443/oauth2/v1/token")
        #expect(throws: Never.self) { try Self.check(proof) }
        #expect(throws: PrivateKeyJWTError.invalidClaims(.dpopTarget)) {
            try DPoPProof(method: "POST", url: "ftp://example.com/x")
        }
        #expect(throws: PrivateKeyJWTError.invalidClaims(.notHTTPMethod("PO ST"))) {
            try DPoPProof(method: "PO ST", url: Self.url)
        }
    }
}

/// RFC 9449 with a P-256 key: ES256 proofs carry the EC jwk, verify under it, and name its thumbprint.
@Suite("DPoP proofs with ES256 (RFC 9449 §4.2, RFC 7518 §3.4)")
struct DPoPProofES256Tests {
    static let key = try! P256PrivateKey()

    @Test("§4.2: alg ES256, the EC jwk's public members only; checked, with the EC thumbprint")
    func shape() throws {
        let compact = try DPoPProof(method: "POST", url: DPoPProofTests.url, nonce: "n")
            .signed(with: Self.key, now: DPoPProofTests.now)
        let (header, _) = try DPoPProofTests.parts(compact)
        #expect(header["alg"] == .string("ES256") && header["typ"] == .string("dpop+jwt"))
        guard case .object(let jwk)? = header["jwk"] else { Issue.record("no jwk"); return }
        #expect(Set(jwk.keys) == ["kty", "crv", "x", "y"])
        let verified = try DPoPProofTests.check(compact, nonce: "n")
        #expect(verified.thumbprint == Self.key.publicKey.thumbprint)
    }

    @Test("refusals: ES256 over an RSA jwk, a private EC jwk, another EC key's signature, a DER signature")
    func refusals() throws {
        let good = try DPoPProof(method: "POST", url: DPoPProofTests.url).signed(
            with: Self.key, now: DPoPProofTests.now)
        let pieces = good.split(separator: ".").map(String.init)
        var (header, claims) = try DPoPProofTests.parts(good)
        func resigned(_ header: [String: JSONValue], with key: P256PrivateKey = Self.key) -> String {
            JWS.sign(
                protectedHeader: JSONValue.object(header).compactJSON, payload: JSONValue.object(claims).compactJSON,
                key: key)
        }
        var rsaJWK = header
        rsaJWK["jwk"] = try JSONValue.parse(JWK(publicKey: DPoPProofTests.key.publicKey).jsonRepresentation)
        #expect(throws: PrivateKeyJWTError.unsupportedAlgorithm(.jwkKeyType("RSA"))) {
            _ = try DPoPProofTests.check(resigned(rsaJWK))
        }
        var privateJWK = header
        privateJWK["jwk"] = try JSONValue.parse(JWK(privateKey: Self.key).jsonRepresentation)
        #expect(throws: PrivateKeyJWTError.invalidJWS(.dpopPrivateJWK)) {
            _ = try DPoPProofTests.check(resigned(privateJWK))
        }
        #expect(throws: PrivateKeyJWTError.signatureInvalid) {
            _ = try DPoPProofTests.check(resigned(header, with: try P256PrivateKey()))
        }
        let raw = try Base64.urlDecode(pieces[2])
        let der = DERWriter.sequence([DERWriter.integer(Array(raw[0..<32])), DERWriter.integer(Array(raw[32..<64]))])
        #expect(throws: PrivateKeyJWTError.invalidJWS(.es256SignatureLength(found: der.count))) {
            _ = try DPoPProofTests.check([pieces[0], pieces[1], Base64.urlEncode(der)].joined(separator: "."))
        }
        claims["htm"] = .string("GET")
        #expect(throws: PrivateKeyJWTError.invalidClaims(.dpopMethod(expected: "POST"))) {
            _ = try DPoPProofTests.check(resigned(header))
        }
        header["alg"] = .string("RS256")
        #expect(throws: PrivateKeyJWTError.unsupportedAlgorithm(.jwkKeyType("EC"))) {
            _ = try DPoPProofTests.check(resigned(header))
        }
    }
}
