// pkjwt token: an access token for the service app, on stdout alone.

import ArgumentParser
import Foundation
import OktaAPI
import OktaConfig
import PKJWTConfig
import PrivateKeyJWT
import Synchronization

struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Get an access token with a private_key_jwt client assertion.",
        discussion: """
            Prints only the token, so that curl -H "Authorization: Bearer $(pkjwt token)" works. Tokens are cached \
            in $XDG_CACHE_HOME/pkjwt (else ~/.cache/pkjwt) until --cache-margin seconds before they expire, shared \
            by concurrent runs: a loop of pkjwt token asks Okta once per token lifetime. --json prints the whole \
            token response with expires_at (epoch seconds), from_cache and, for a DPoP-bound token, dpop_jkt.
            """)

    @OptionGroup var options: ConfigOptions

    @Option(
        name: .customLong("auth-server"),
        help: "A custom authorization server id (default: the org server, which issues okta.* scopes).")
    var authServer: String?

    @Option(name: .long, help: "Assertion lifetime in seconds (at most 3540: Okta's hour less a minute).")
    var lifetime: Int = Int(ClientAssertion.defaultLifetime)

    @OptionGroup var output: JSONOption

    @OptionGroup var source: TokenSourceOptions

    @Option(name: .long, help: "Reuse a cached token until this many seconds before it expires (0 to 3599).")
    var cacheMargin: Double = Token.defaultCacheMargin

    static let defaultCacheMargin: TimeInterval = 60

    @Flag(name: .long, help: "Remove every cached token, then exit.")
    var clearCache = false

    func validate() throws {
        guard (0...3599).contains(cacheMargin) else {
            throw ValidationError("--cache-margin must be between 0 and 3599 seconds")
        }
        do { try OktaTokenClient.checkAssertionLifetime(TimeInterval(lifetime)) } catch {
            throw ValidationError(OktaWords.describe(error))
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        if clearCache {
            let removed =
                PKJWTFiles.cacheDirectory(environment: environment).map { TokenCache(directory: $0).clear() } ?? 0
            Output.diagnostic("pkjwt: removed \(removed) cached token\(removed == 1 ? "" : "s")")
            return
        }
        let configuration = try options.load()
        let result = try await Self.fetch(
            configuration, authServer: authServer, lifetime: TimeInterval(lifetime), http: options.http,
            cache: source.cache(environment: environment), margin: cacheMargin, dpop: source.preference(configuration))
        if output.json {
            var object = result.response
            object["expires_at"] = .number(result.expiresAt)
            object["from_cache"] = .bool(result.fromCache)
            if let thumbprint = result.dpopThumbprint { object["dpop_jkt"] = .string(thumbprint) }
            Output.json(JSONValue.object(object))
        } else {
            // Written directly: print() looks up stream conformances at run time, a measurable part of a hit.
            Output.unbuffered(result.accessToken + "\n")
        }
    }

    /// A token, from the cache or from Okta.
    struct Result {
        let accessToken: String
        let tokenType: String
        let response: [String: JSONValue]
        let expiresAt: Double
        let fromCache: Bool
        /// The DPoP key the token is bound to (its cnf.jkt); nil for a Bearer token.
        let dpopThumbprint: String?

        init(_ response: TokenResponse, receivedAt now: Date) {
            (accessToken, tokenType, self.response, fromCache) = (
                response.accessToken, response.tokenType, response.json, false
            )
            expiresAt = now.timeIntervalSince1970 + Double(response.expiresIn ?? 0)
            dpopThumbprint = response.dpopThumbprint
        }

        init(_ entry: TokenCache.Entry, dpopThumbprint: String?) {
            (accessToken, tokenType, response, expiresAt, fromCache) = (
                entry.accessToken, entry.tokenType, entry.response, entry.expiresAt, true
            )
            self.dpopThumbprint = dpopThumbprint
        }
    }

    /// With a cache: under the lock of this client's file, a valid cached token, else a new one,
    /// stored. Without one (or when the cache directory cannot be used): a new token.
    ///
    /// A DPoP-bound token is cached under its key's thumbprint. In `.whenRequired` mode both
    /// entries are looked at, and a bound entry (even expired) says the app requires DPoP, so the
    /// next request sends a proof at once instead of learning it from a refusal again.
    static func fetch(
        _ configuration: Configuration, authServer: String?, lifetime: TimeInterval, http: OktaHTTPClient,
        cache: TokenCache?, margin: TimeInterval, dpop preference: DPoPKeyFile.Preference
    ) async throws -> Result {
        let bearerKey = try cache.map { _ in try cacheKey(configuration, authServer: authServer) }
        guard let cache, let bearerKey, let lock = lockedCache(cache, for: bearerKey) else {
            let response = try await fetch(
                configuration, authServer: authServer, lifetime: lifetime, http: http, dpop: preference)
            return Result(response, receivedAt: Date())
        }
        defer { lock.release() }
        // The DPoP slot is looked at only when it can matter: always with DPoP, or after a Bearer miss.
        var boundKeyMemo: TokenCache.Key??
        func boundKey() throws -> TokenCache.Key? {
            if let memo = boundKeyMemo { return memo }
            var key: TokenCache.Key?
            if preference != .never, let thumbprint = try DPoPKeyFile.thumbprint(at: DPoPKey.path(configuration)) {
                key = bearerKey
                key?.dpopThumbprint = thumbprint
            }
            boundKeyMemo = .some(key)
            return key
        }
        if preference != .always, let entry = cache.read(bearerKey, now: Date(), margin: margin) {
            return Result(entry, dpopThumbprint: nil)
        }
        if preference != .never, let key = try boundKey(), let entry = cache.read(key, now: Date(), margin: margin) {
            return Result(entry, dpopThumbprint: key.dpopThumbprint)
        }
        let knownToRequire = try preference == .whenRequired && boundKey().map(cache.hasEntry) == true
        let response = try await fetch(
            configuration, authServer: authServer, lifetime: lifetime, http: http,
            dpop: knownToRequire ? .always : preference, clock: cache)
        let received = Date()
        var key = bearerKey
        key.dpopThumbprint = response.dpopThumbprint
        if let expiresIn = response.expiresIn, expiresIn > 0 {
            do {
                try cache.write(
                    key, accessToken: response.accessToken, tokenType: response.tokenType, expiresIn: expiresIn,
                    response: response.json, now: received)
            } catch {
                cacheUnusable(cache, error)
            }
        }
        return Result(response, receivedAt: received)
    }

    /// The cache prepared and this client's entry locked, or nil (said on stderr) when the cache
    /// folder cannot be made or locked: the token is then fetched without the cache.
    private static func lockedCache(_ cache: TokenCache, for key: TokenCache.Key) -> FileLock? {
        do {
            try cache.prepare()
            return try FileLock(for: cache.path(for: key))
        } catch {
            cacheUnusable(cache, error)
            return nil
        }
    }

    private static let cacheWarningGiven = Atomic(false)

    /// One line, once per run: a cache that silently stores nothing would send every run to Okta and
    /// its rate limit without anyone knowing why.
    private static func cacheUnusable(_ cache: TokenCache, _ error: any Error) {
        guard !cacheWarningGiven.exchange(true, ordering: .relaxed) else { return }
        Output.diagnostic(
            "pkjwt: the token cache \(DisplayedPath(cache.directory)) cannot be used (\(error)); this token is not "
                + "cached, so every run asks Okta until that is fixed (set XDG_CACHE_HOME to a local folder, or "
                + "pass --no-cache to silence this)")
    }

    /// Org, authorization server, client id, kid and scopes: what a cached token is valid for. With
    /// KEY_ID set (keygen records it), a cache hit needs no key import at all.
    static func cacheKey(_ configuration: Configuration, authServer: String?) throws -> TokenCache.Key {
        let org = try configuration.org()  // the URL policy before the key, as in fetch
        let kid = try configuration.keyID(for: configuration.privateKey())
        return TokenCache.Key(
            orgURL: org.issuer, authorizationServer: authServer,
            clientID: try configuration.required(.clientID, "run 'pkjwt register' first, or set CLIENT_ID"),
            kid: kid, scopes: configuration.scopes)
    }

    /// A new token. With `clock` (the token cache), the offset between this machine's clock and Okta's
    /// that an earlier answer showed signs the assertion, and this answer's offset is kept for the next.
    static func fetch(
        _ configuration: Configuration, authServer: String?, lifetime: TimeInterval = ClientAssertion.defaultLifetime,
        http: OktaHTTPClient, dpop preference: DPoPKeyFile.Preference = .whenRequired, clock: TokenCache? = nil
    ) async throws -> TokenResponse {
        // The URL policy first: a refused http:// URL is the problem to report, even with no key yet.
        let org = try configuration.org()
        let key = try configuration.privateKey()
        let used = SessionBox()
        let keptOffset = clock?.clockOffset(for: org.issuer)
        let client = try OktaTokenClient(
            org: org, clientID: configuration.required(.clientID, "run 'pkjwt register' first, or set CLIENT_ID"),
            key: key, kid: configuration.keyID(for: key), authorizationServer: authServer,
            assertionLifetime: lifetime, http: http,
            dpop: try dpopMode(preference, configuration: configuration, assertionKey: key, used: used),
            clockOffset: keptOffset ?? 0)
        // The nonces the server gave are kept for the next run, whatever the outcome.
        defer {
            if let session = used.session, let path = try? DPoPKey.path(configuration) {
                DPoPKey.saveNonces(session, beside: path)
            }
        }
        let response = try await client.token(scopes: configuration.scopes)
        settleClock(response, kept: keptOffset, clock: clock, org: org.issuer)
        return response
    }

    /// Says once that the assertion was signed again on Okta's time, and keeps the offset the answer
    /// showed (two seconds or more) for the next run, or forgets a kept one the answer shows is over
    /// (quietly: a retry that went back to this machine's own clock is news about no clock).
    private static func settleClock(_ response: TokenResponse, kept: TimeInterval?, clock: TokenCache?, org: String) {
        let margin = 2 + response.clockOffsetUncertainty
        if let offset = response.clockRetryOffset, abs(offset) >= margin {
            let seconds = Int(abs(offset))
            Output.diagnostic(
                "pkjwt: this machine's clock is \(seconds) s \(offset > 0 ? "behind" : "ahead of") Okta's (its Date "
                    + "header); the assertion was signed again on Okta's time"
                    + (clock == nil ? "" : ", and later runs will do so until the clock is right")
                    + " (set the clock with NTP)")
        }
        guard let clock, let observed = response.observedClockOffset ?? response.clockRetryOffset else { return }
        let keep = abs(observed) >= margin ? observed : nil
        // The header counts whole seconds: a kept offset a second from this answer's is still right,
        // and rewriting it would cost a file write on every request of a host whose clock is off.
        if let keep, let kept, abs(keep - kept) < 2 { return }
        guard keep != kept else { return }
        do { try clock.keepClockOffset(keep, for: org) } catch { cacheUnusable(clock, error) }
    }

    /// The DPoP session a token request ended up using, if any.
    final class SessionBox: @unchecked Sendable {
        var session: DPoPSession?
    }

    /// The token client's DPoP mode; the key is loaded (or made) only when a proof is needed, and the
    /// session used is left in `used`.
    static func dpopMode(
        _ preference: DPoPKeyFile.Preference, configuration: Configuration, assertionKey: RSAPrivateKey,
        used: SessionBox = SessionBox()
    ) throws -> DPoPMode {
        switch preference {
        case .never: return .off
        case .always:
            let session = try DPoPKey.session(at: DPoPKey.path(configuration), assertionKey: assertionKey)
            used.session = session
            return .on(session)
        case .whenRequired:
            let path = try DPoPKey.path(configuration)
            return .whenRequired { () throws(OktaAPIError) -> DPoPSession in
                do {
                    let session = try DPoPKey.session(at: path, assertionKey: assertionKey)
                    used.session = session
                    return session
                } catch let error as OktaAPIError { throw error } catch {
                    throw .configuration(.dpopKeyUnavailable(reason: Output.words(for: error)))
                }
            }
        }
    }
}
