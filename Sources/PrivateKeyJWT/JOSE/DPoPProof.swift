// DPoP proofs: RFC 9449 §4.2 (making one) and §4.3 (checking one), RS256 only.
//
//   header  {"alg":"RS256","jwk":{"e":…,"kty":"RSA","n":…},"typ":"dpop+jwt"}
//   claims  {"htm":…,"htu":…,"iat":…,"jti":…[,"nonce":…][,"ath":…]}

import Foundation

/// One DPoP proof: the request it is for, and what the servers asked it to carry.
public struct DPoPProof: Sendable, Equatable {
    /// RFC 9449 §4.2: the `typ` header value.
    public static let type = "dpop+jwt"

    /// `htm`: the HTTP method, as sent ("POST").
    public let method: String
    /// `htu`: the target URI without query and fragment (RFC 9449 §4.2).
    public let url: String
    /// `nonce`: the last `DPoP-Nonce` the server gave, when it gave one (§8, §9).
    public let nonce: String?
    /// `ath`: base64url(SHA-256(ASCII(access token))), on calls that present a token (§4.2, §7.1).
    public let accessTokenHash: String?

    /// A proof for `method` on `url`; `accessToken` when the request presents one.
    public init(method: String, url: String, nonce: String? = nil, accessToken: String? = nil)
        throws(PrivateKeyJWTError)
    {
        // RFC 9110 §9.1: a method is a token; an empty or spaced one is a caller's mistake.
        guard !method.isEmpty, method.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw .invalidClaims(.notHTTPMethod(method))
        }
        guard let htu = Self.targetURI(url) else {
            throw .invalidClaims(.dpopTarget)
        }
        self.method = method
        self.url = htu
        self.nonce = nonce
        accessTokenHash = accessToken.map(Self.accessTokenHash)
    }

    /// `url` without its query and fragment (RFC 9449 §4.2 "htu"), or nil when it is not an
    /// absolute http or https URL.
    public static func targetURI(_ url: String) -> String? {
        guard var parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased(),
            scheme == "https" || scheme == "http",
            parts.host?.isEmpty == false
        else { return nil }
        parts.query = nil
        parts.fragment = nil
        return parts.string
    }

    /// RFC 9449 §4.2 "ath": base64url of the SHA-256 hash of the ASCII access token.
    public static func accessTokenHash(_ token: String) -> String {
        Base64.urlEncode(SHA256.hash(data: Array(token.utf8)).bytes)
    }

    /// The claims of one proof; a new 128-bit `jti` each time (§4.2: unique per request).
    public func claims(now: Date, random: inout some RandomBytesSource) throws(PrivateKeyJWTError) -> [String:
        JSONValue]
    {
        var claims: [String: JSONValue] = [
            "htm": .string(method), "htu": .string(url), "iat": .number(now.timeIntervalSince1970.rounded(.down)),
            "jti": .string(Base64.urlEncode(try random.bytes(16))),
        ]
        if let nonce { claims["nonce"] = .string(nonce) }
        if let accessTokenHash { claims["ath"] = .string(accessTokenHash) }
        return claims
    }

    /// The signed proof: RS256 with the public key in the header (§4.2: "jwk", no private member).
    /// - Timing: signing as `RSAPrivateKey.signature(for:)`.
    public func signed(with key: RSAPrivateKey, now: Date = Date(), random: inout some RandomBytesSource)
        throws(PrivateKeyJWTError) -> String
    {
        let jwk = JWK(
            kty: "RSA", n: Base64.urlEncode(key.publicKey.modulus), e: Base64.urlEncode(key.publicKey.publicExponent))
        let header: JSONValue = .object(["alg": .string("RS256"), "typ": .string(Self.type), "jwk": jwk.publicMembers])
        return try JWS.sign(
            protectedHeader: header.compactJSON,
            payload: JSONValue.object(claims(now: now, random: &random)).compactJSON, key: key)
    }

    /// Signs with the kernel's random generator for the `jti`.
    /// - Timing: signing as `RSAPrivateKey.signature(for:)`.
    public func signed(with key: RSAPrivateKey, now: Date = Date()) throws(PrivateKeyJWTError) -> String {
        var random = SecureRandom()
        return try signed(with: key, now: now, random: &random)
    }

    /// The signed proof: ES256 with the public key in the header (§4.2; RFC 7518 §6.2.1 members).
    /// - Timing: signing as `P256PrivateKey.signature(digest:)`.
    public func signed(with key: P256PrivateKey, now: Date = Date(), random: inout some RandomBytesSource)
        throws(PrivateKeyJWTError) -> String
    {
        let jwk: JSONValue = .object([
            "kty": .string("EC"), "crv": .string("P-256"), "x": .string(Base64.urlEncode(key.publicKey.xBytes)),
            "y": .string(Base64.urlEncode(key.publicKey.yBytes)),
        ])
        let header: JSONValue = .object(["alg": .string("ES256"), "typ": .string(Self.type), "jwk": jwk])
        return JWS.sign(
            protectedHeader: header.compactJSON,
            payload: JSONValue.object(try claims(now: now, random: &random)).compactJSON, key: key)
    }

    /// Signs with the kernel's random generator for the `jti`.
    /// - Timing: signing as `P256PrivateKey.signature(digest:)`.
    public func signed(with key: P256PrivateKey, now: Date = Date()) throws(PrivateKeyJWTError) -> String {
        var random = SecureRandom()
        return try signed(with: key, now: now, random: &random)
    }
}

/// A proof that passed every check of RFC 9449 §4.3.
public struct VerifiedDPoPProof: Sendable, Equatable {
    /// The RFC 7638 thumbprint of the proof's key: what a bound token's `cnf.jkt` names (§6.1).
    public let thumbprint: String
    /// The proof's `jti`, for the server's replay check (§11.1).
    public let jti: String
    /// The proof's `iat`.
    public let issuedAt: Double
    /// The proof's `nonce`, if it has one.
    public let nonce: String?
}

/// The checks of RFC 9449 §4.3 that need no server state; the caller keeps the jti record and
/// the nonces.
public struct DPoPProofChecker: Sendable {
    /// The current time, injected.
    public var now: Date
    /// How far `iat` may lie from `now`, either way (§4.3 step 11: "within an acceptable window").
    public var window: TimeInterval

    public init(now: Date, window: TimeInterval = 60) {
        self.now = now
        self.window = window
    }

    /// Checks `proof` for a request `method url`; `nonce` is the value the server expects (nil when
    /// it asks for none), `accessToken` the token presented with it (nil at the token endpoint).
    /// - Timing: variable time; inputs are public.
    public func check(_ proof: String, method: String, url: String, nonce: String?, accessToken: String?)
        throws(PrivateKeyJWTError) -> VerifiedDPoPProof
    {
        // Steps 2-7: a well-formed JWS, typ dpop+jwt, a public jwk in the header, an asymmetric alg that
        // key takes (RS256 with an RSA key, ES256 with a P-256 one), and a signature made with that key.
        let (verified, thumbprint) = try Self.verifiedWithHeaderKey(proof)
        let claims = try JSONValue.parseObject(verified.payload, what: "DPoP proof claims")
        // Step 3: every required claim, of the right type.
        guard let jti = claims["jti"]?.stringValue, !jti.isEmpty, let htm = claims["htm"]?.stringValue,
            let htu = claims["htu"]?.stringValue, let iat = claims["iat"]?.numberValue, iat.isFinite
        else {
            throw .invalidClaims(.dpopMissingClaims)
        }
        // Step 8: htm is the request's method.
        guard htm == method else { throw .invalidClaims(.dpopMethod(expected: method)) }
        // Step 9: htu is the request's URI, query and fragment ignored (§4.3 step 9, RFC 3986 §6.2.2-3).
        guard let expected = DPoPProof.targetURI(url),
            DPoPProof.targetURI(htu).map({ Self.normalised($0) }) == Self.normalised(expected)
        else {
            throw .invalidClaims(.dpopURL)
        }
        // Step 10: the nonce, when the server gave one.
        if let nonce, claims["nonce"] != .string(nonce) {
            throw .invalidClaims(.dpopNonce)
        }
        // Step 11: iat within the window.
        guard abs(iat - now.timeIntervalSince1970) <= window else {
            throw .invalidClaims(.dpopIssuedAt)
        }
        // Step 12: ath, when a token is presented; the key binding (cnf.jkt) is the caller's check.
        if let accessToken {
            guard claims["ath"] == .string(DPoPProof.accessTokenHash(accessToken)) else {
                throw .invalidClaims(.dpopTokenHash)
            }
        }
        return VerifiedDPoPProof(thumbprint: thumbprint, jti: jti, issuedAt: iat, nonce: claims["nonce"]?.stringValue)
    }

    /// The proof verified with the key its header carries, and that key's RFC 7638 thumbprint.
    private static func verifiedWithHeaderKey(_ proof: String) throws(PrivateKeyJWTError)
        -> (VerifiedJWS, thumbprint: String)
    {
        let header = try JWS.peek(proof).header
        guard header["typ"] == .string(DPoPProof.type) else { throw .invalidJWS(.dpopType) }
        guard let member = header["jwk"] else { throw .invalidJWS(.dpopNoJWK) }
        let jwk = try JWK(json: member)
        guard !jwk.isPrivate, jwk.p == nil, jwk.q == nil else { throw .invalidJWS(.dpopPrivateJWK) }
        if header["alg"] == .string("ES256") {
            let key = try jwk.p256PublicKey()
            return (try JWS.verify(proof, key: key), key.thumbprint)
        }
        // Any other alg goes to RS256's verification, which refuses all but RS256 (none included).
        let key = try jwk.rsaPublicKey()
        return (try JWS.verify(proof, key: key), key.thumbprint)
    }

    /// Scheme and host compared case-insensitively, a default port dropped (RFC 3986 §6.2.2-3).
    private static func normalised(_ url: String) -> String {
        guard var parts = URLComponents(string: url) else { return url }
        parts.scheme = parts.scheme?.lowercased()
        parts.host = parts.host?.lowercased()
        if (parts.scheme == "https" && parts.port == 443) || (parts.scheme == "http" && parts.port == 80) {
            parts.port = nil
        }
        if parts.path.isEmpty { parts.path = "/" }
        return parts.string ?? url
    }
}

extension JWK {
    /// The RFC 7638 required members of an RSA key (e, kty, n), as a JSON object.
    var publicMembers: JSONValue {
        .object(["kty": .string(kty), "n": n.map(JSONValue.string) ?? .null, "e": e.map(JSONValue.string) ?? .null])
    }
}
