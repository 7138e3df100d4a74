// The private_key_jwt client assertion: RFC 7523 §2.2 and §3.

import Foundation

/// A JWT client assertion for `client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer`.
public struct ClientAssertion: Sendable {
    /// RFC 7523 §2.2: the `client_assertion_type` value.
    public static let assertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    /// Default lifetime: five minutes, room for a slow exchange and little for a copied assertion.
    public static let defaultLifetime: TimeInterval = 300

    /// The client id: both `iss` and `sub` (RFC 7523 §3 items 1-2).
    public let clientID: String
    /// The exact token endpoint URL (RFC 7523 §3 item 3: the server checks that it is the audience).
    public let audience: String
    /// The `kid` header: the registered key's id.
    public let kid: String?
    /// Seconds from `iat` to `exp`.
    public let lifetime: TimeInterval

    public init(clientID: String, audience: String, kid: String?, lifetime: TimeInterval = defaultLifetime)
        throws(PrivateKeyJWTError)
    {
        try Self.checkLifetime(lifetime)
        guard !clientID.isEmpty, !audience.isEmpty else {
            throw .invalidClaims(.assertionIdentity)
        }
        self.clientID = clientID
        self.audience = audience
        self.kid = kid
        self.lifetime = lifetime
    }

    /// Refuses a lifetime that is not a positive, finite number of seconds. How far ahead an `exp` may
    /// be is each server's own rule (RFC 7523 §3 item 4 lets it refuse one "unreasonably far in the
    /// future"), so the layer that knows the server bounds it further.
    public static func checkLifetime(_ lifetime: TimeInterval) throws(PrivateKeyJWTError) {
        guard lifetime > 0, lifetime.isFinite else {
            throw .invalidClaims(.assertionLifetime)
        }
    }

    /// The claims for one request: a fresh 128-bit `jti` each time (RFC 7523 §3 item 7: a server may
    /// refuse a jti it has seen).
    public func claims(now: Date, random: inout some RandomBytesSource) throws(PrivateKeyJWTError) -> [String:
        JSONValue]
    {
        let issuedAt = now.timeIntervalSince1970.rounded(.down)
        return [
            "iss": .string(clientID), "sub": .string(clientID), "aud": .string(audience),
            "iat": .number(issuedAt), "exp": .number(issuedAt + lifetime),
            // RFC 7523 §3 item 7 / RFC 7519 §4.1.7: a unique identifier.
            "jti": .string(Base64.urlEncode(try random.bytes(16))),
        ]
    }

    /// Signs a new assertion (RS256, header alg/kid/typ).
    /// - Timing: signing as `RSAPrivateKey.signature(for:)`.
    public func signed(with key: RSAPrivateKey, now: Date = Date(), random: inout some RandomBytesSource)
        throws(PrivateKeyJWTError) -> String
    {
        try JWS.sign(
            payload: JSONValue.object(claims(now: now, random: &random)).compactJSON, key: key, kid: kid, typ: "JWT")
    }

    /// Signs a new assertion with the kernel's random generator for the `jti`.
    /// - Timing: signing as `RSAPrivateKey.signature(for:)`.
    public func signed(with key: RSAPrivateKey, now: Date = Date()) throws(PrivateKeyJWTError) -> String {
        var random = SecureRandom()
        return try signed(with: key, now: now, random: &random)
    }
}
