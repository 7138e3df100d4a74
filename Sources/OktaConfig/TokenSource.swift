// Where a client's access token comes from: the token cache (RFC 6749 §5.1's expires_in, kept per
// org, server, client, kid and scopes), else a new private_key_jwt request, with a DPoP proof always,
// never or when Okta answers that the app requires one (RFC 9449 §7.1), signed on Okta's clock when an
// earlier answer showed this machine's to be off. What is worth saying goes to the caller as a notice.

import Foundation
import OktaAPI
import PKJWTConfig
import PrivateKeyJWT

/// The token flow of one configuration.
public struct TokenSource {
    /// How this process prepares and makes RSA keys (the caller's fastest signing path).
    public struct Keys: Sendable {
        public var prepare: @Sendable (RSAPrivateKey) -> RSAPrivateKey
        public var generate: @Sendable (_ bits: Int) throws -> RSAPrivateKey

        public init(
            prepare: @escaping @Sendable (RSAPrivateKey) -> RSAPrivateKey = { $0 },
            generate: @escaping @Sendable (_ bits: Int) throws -> RSAPrivateKey = { bits in
                try RSAPrivateKey(generatingBits: bits)
            }
        ) {
            (self.prepare, self.generate) = (prepare, generate)
        }
    }

    /// What the flow did that its caller may want to say; none of it is an error.
    public enum Notice: Equatable, Sendable {
        /// The cache folder could not be made, locked or written: this token is not cached.
        case cacheUnusable(directory: String, reason: String)
        /// The assertion was refused for its times and signed again `offset` seconds off this
        /// machine's clock (positive: this machine is behind); `kept` when later runs will do the same.
        case signedOnOktaClock(offset: TimeInterval, kept: Bool)
        /// A DPoP key was made and written (mode 0600) at `path`; `kind` as `SigningKey.kind` names it.
        case madeDPoPKey(path: String, kind: String)
    }

    public let configuration: OktaConfiguration
    public let http: OktaHTTPClient
    /// The caller's cache folder: where the DPoP key lives unless DPOP_KEY_FILE says otherwise.
    public let cacheDirectory: String?
    public let keys: Keys
    let notify: @Sendable (Notice) -> Void
    /// How the caller words an error that has to travel inside an OktaAPIError as text.
    let describe: @Sendable (any Error) -> String

    public init(
        _ configuration: OktaConfiguration, http: OktaHTTPClient, cacheDirectory: String?, keys: Keys = Keys(),
        notify: @escaping @Sendable (Notice) -> Void = { _ in },
        describe: @escaping @Sendable (any Error) -> String = { "\($0)" }
    ) {
        (self.configuration, self.http, self.cacheDirectory, self.keys) = (configuration, http, cacheDirectory, keys)
        (self.notify, self.describe) = (notify, describe)
    }

    /// With a cache: under the lock of this client's file, a valid cached token, else a new one,
    /// stored. Without one (or when the cache folder cannot be used): a new token.
    ///
    /// A DPoP-bound token is cached under its key's thumbprint. In `.whenRequired` mode both entries
    /// are looked at, and a bound entry (even expired) says the app requires DPoP, so the next request
    /// sends a proof at once instead of learning it from a refusal again.
    /// - Timing: variable time in reading keys; the assertion and proof sign as `SigningKey`'s kind does.
    public func token(
        authServer: String?, lifetime: TimeInterval = ClientAssertion.defaultLifetime, cache: TokenCache?,
        margin: TimeInterval, dpop preference: DPoPKeyFile.Preference
    ) async throws -> TokenResult {
        let bearerKey = try cache.map { _ in try Self.cacheKey(configuration, authServer: authServer) }
        guard let cache, let bearerKey, let lock = lockedCache(cache, for: bearerKey) else {
            let response = try await fetch(authServer: authServer, lifetime: lifetime, dpop: preference)
            return TokenResult(response, receivedAt: Date())
        }
        defer { lock.release() }
        // The DPoP slot is looked at only when it can matter: always with DPoP, or after a Bearer miss.
        var boundKeyMemo: TokenCache.Key??
        func boundKey() throws -> TokenCache.Key? {
            if let memo = boundKeyMemo { return memo }
            var key: TokenCache.Key?
            if preference != .never, let thumbprint = try DPoPKeyFile.thumbprint(at: dpopKeyPath()) {
                key = bearerKey
                key?.dpopThumbprint = thumbprint
            }
            boundKeyMemo = .some(key)
            return key
        }
        if preference != .always, let entry = cache.read(bearerKey, now: Date(), margin: margin) {
            return TokenResult(entry, dpopThumbprint: nil)
        }
        if preference != .never, let key = try boundKey(), let entry = cache.read(key, now: Date(), margin: margin) {
            return TokenResult(entry, dpopThumbprint: key.dpopThumbprint)
        }
        let knownToRequire = try preference == .whenRequired && boundKey().map(cache.hasEntry) == true
        let response = try await fetch(
            authServer: authServer, lifetime: lifetime, dpop: knownToRequire ? .always : preference, clock: cache)
        let received = Date()
        store(response, under: bearerKey, in: cache, receivedAt: received)
        return TokenResult(response, receivedAt: received)
    }

    private func store(
        _ response: TokenResponse, under bearerKey: TokenCache.Key, in cache: TokenCache, receivedAt: Date
    ) {
        guard let expiresIn = response.expiresIn, expiresIn > 0 else { return }
        var key = bearerKey
        key.dpopThumbprint = response.dpopThumbprint
        do {
            try cache.write(
                key, accessToken: response.accessToken, tokenType: response.tokenType, expiresIn: expiresIn,
                response: response.json, now: receivedAt)
        } catch {
            notify(.cacheUnusable(directory: cache.directory, reason: "\(error)"))
        }
    }

    /// The cache prepared and this client's entry locked, or nil (with a notice) when the cache folder
    /// cannot be made or locked: the token is then fetched without the cache.
    private func lockedCache(_ cache: TokenCache, for key: TokenCache.Key) -> FileLock? {
        do {
            try cache.prepare()
            return try FileLock(for: cache.path(for: key))
        } catch {
            notify(.cacheUnusable(directory: cache.directory, reason: "\(error)"))
            return nil
        }
    }

    /// Org, authorization server, client id, kid and scopes: what a cached token is valid for. With
    /// KEY_ID set, a cache hit needs no key import at all.
    public static func cacheKey(_ configuration: OktaConfiguration, authServer: String?) throws -> TokenCache.Key {
        let org = try configuration.org()  // the URL policy before the key, as in fetch
        let kid = try configuration.keyID(for: configuration.signingKey())
        return TokenCache.Key(
            orgURL: org.issuer, authorizationServer: authServer, clientID: try configuration.required(.clientID),
            kid: kid, scopes: configuration.scopes)
    }

    /// A new token. With `clock` (the token cache), the offset between this machine's clock and Okta's
    /// that an earlier answer showed signs the assertion, and this answer's offset is kept for the next.
    /// - Timing: variable time in reading keys; the assertion and proof sign as `SigningKey`'s kind does.
    public func fetch(
        authServer: String?, lifetime: TimeInterval = ClientAssertion.defaultLifetime,
        dpop preference: DPoPKeyFile.Preference = .whenRequired, clock: TokenCache? = nil
    ) async throws -> TokenResponse {
        // The URL policy first: a refused http:// URL is the problem to report, even with no key yet.
        let org = try configuration.org()
        let key = try configuration.signingKey()
        let used = SessionBox()
        let keptOffset = clock?.clockOffset(for: org.issuer)
        let client = try OktaTokenClient(
            org: org, clientID: configuration.required(.clientID), key: key, kid: configuration.keyID(for: key),
            authorizationServer: authServer, assertionLifetime: lifetime, http: http,
            dpop: try dpopMode(preference, assertionKey: key, used: used), clockOffset: keptOffset ?? 0)
        // The nonces the server gave are kept for the next run, whatever the outcome.
        defer { if let session = used.session { saveNonces(session) } }
        let response = try await client.token(scopes: configuration.scopes)
        settleClock(response, kept: keptOffset, clock: clock, org: org.issuer)
        return response
    }

    /// Tells of an assertion signed again on Okta's time, and keeps the offset the answer showed (two
    /// seconds or more) for the next run, or forgets a kept one the answer shows is over (quietly: a
    /// retry that went back to this machine's own clock is news about no clock).
    private func settleClock(_ response: TokenResponse, kept: TimeInterval?, clock: TokenCache?, org: String) {
        let margin = 2 + response.clockOffsetUncertainty
        if let offset = response.clockRetryOffset, abs(offset) >= margin {
            notify(.signedOnOktaClock(offset: offset, kept: clock != nil))
        }
        guard let clock, let observed = response.observedClockOffset ?? response.clockRetryOffset else { return }
        let keep = abs(observed) >= margin ? observed : nil
        // The header counts whole seconds: a kept offset a second from this answer's is still right,
        // and rewriting it would cost a file write on every request of a host whose clock is off.
        if let keep, let kept, abs(keep - kept) < 2 { return }
        guard keep != kept else { return }
        do { try clock.keepClockOffset(keep, for: org) } catch {
            notify(.cacheUnusable(directory: clock.directory, reason: "\(error)"))
        }
    }
}
