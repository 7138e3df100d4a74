// JWT claims checks, RFC 7519 §4.1, with an injected clock.

import Foundation

/// Checks registered JWT claims against a clock that callers inject (tests pass a fixed one).
public struct JWTClaimsValidator: Sendable {
    /// The current time, injected.
    public var now: Date
    /// Allowed clock skew, in seconds, for "exp", "nbf" and "iat".
    public var leeway: TimeInterval
    /// When set, "iss" must equal it.
    public var issuer: String?
    /// When set, "aud" must contain it (RFC 7519 §4.1.3).
    public var audience: String?

    public init(now: Date, leeway: TimeInterval = 60, issuer: String? = nil, audience: String? = nil) {
        self.now = now
        self.leeway = leeway
        self.issuer = issuer
        self.audience = audience
    }

    /// Parses `payload` as a JSON object and checks its claims; returns the claims.
    public func validate(payload: [UInt8]) throws(PrivateKeyJWTError) -> [String: JSONValue] {
        let claims: [String: JSONValue]
        do { claims = try JSONValue.parseObject(payload, what: "JWT claims set") } catch {
            guard case .invalidJWS(.notJSONObject(_, let failure)) = error else { throw error }
            throw .invalidClaims(.payloadNotObject(failure))
        }
        try validate(claims)
        return claims
    }

    /// Checks exp, nbf, iat, iss and aud.
    public func validate(_ claims: [String: JSONValue]) throws(PrivateKeyJWTError) {
        let time = now.timeIntervalSince1970
        // RFC 7519 §4.1.4: "MUST NOT be accepted for processing" on or after "exp".
        if let exp = try numericDate(claims, "exp"), time >= exp + leeway {
            throw .invalidClaims(.expired(at: exp, now: time))
        }
        // RFC 7519 §4.1.5: not before "nbf".
        if let nbf = try numericDate(claims, "nbf"), time < nbf - leeway {
            throw .invalidClaims(.notYetValid(before: nbf, now: time))
        }
        // RFC 7519 §4.1.6 sets no rule; as authorization servers do, refuse an "iat" in the future.
        if let iat = try numericDate(claims, "iat"), iat > time + leeway {
            throw .invalidClaims(.issuedInFuture(at: iat, now: time))
        }
        if let issuer, claims["iss"]?.stringValue != issuer {
            throw .invalidClaims(.issuer(expected: issuer))
        }
        if let audience {
            let audiences: [String] =
                switch claims["aud"] {
                case .string(let one): [one]
                case .array(let many): many.compactMap(\.stringValue)
                default: []
                }
            guard audiences.contains(audience) else { throw .invalidClaims(.audience(expected: audience)) }
        }
    }

    /// Latest NumericDate accepted: 9999-12-31T23:59:59Z. Beyond it a date is not a time anyone means,
    /// and every value up to it prints as an integer without overflow.
    public static let latestNumericDate: Double = 253_402_300_799

    /// RFC 7519 §2 NumericDate: a JSON number of seconds since the epoch, within ±`latestNumericDate`.
    private func numericDate(_ claims: [String: JSONValue], _ name: String) throws(PrivateKeyJWTError) -> Double? {
        guard let value = claims[name] else { return nil }
        guard let seconds = value.numberValue, seconds.isFinite, abs(seconds) <= Self.latestNumericDate else {
            throw .invalidClaims(.notNumericDate(claim: name))
        }
        return seconds
    }
}
