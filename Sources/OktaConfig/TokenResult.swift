// A token as a caller uses it, whether it came from the cache or from Okta.

import Foundation
import OktaAPI
import PKJWTConfig
import PrivateKeyJWT

/// A token, from the cache or from Okta.
public struct TokenResult: Sendable {
    public let accessToken: String
    public let tokenType: String
    /// The whole token response, as Okta sent it.
    public let response: [String: JSONValue]
    /// Epoch seconds.
    public let expiresAt: Double
    public let fromCache: Bool
    /// The DPoP key the token is bound to (its cnf.jkt); nil for a Bearer token.
    public let dpopThumbprint: String?

    public init(_ response: TokenResponse, receivedAt now: Date) {
        (accessToken, tokenType, self.response, fromCache) = (
            response.accessToken, response.tokenType, response.json, false
        )
        expiresAt = now.timeIntervalSince1970 + Double(response.expiresIn ?? 0)
        dpopThumbprint = response.dpopThumbprint
    }

    public init(_ entry: TokenCache.Entry, dpopThumbprint: String?) {
        (accessToken, tokenType, response, expiresAt, fromCache) = (
            entry.accessToken, entry.tokenType, entry.response, entry.expiresAt, true
        )
        self.dpopThumbprint = dpopThumbprint
    }
}
