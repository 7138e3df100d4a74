import Foundation
import OktaAPI
import PKJWTConfig
import PrivateKeyJWT
import Synchronization
import Testing

@testable import OktaConfig

/// The token flow's decisions that need no server: a cache hit asks nobody, a cache that cannot be
/// used is a notice and not a failure, the DPoP key is made once with a notice, and a token bound to
/// another DPoP key is refused by case. (The flow against a server: pkjwtTests' TokenTests, DPoPKeyTests,
/// ClockSkewTests, through the binary.)
@Suite("TokenSource: the cache, the DPoP key and the notices", .serialized)
struct TokenSourceTests {
    static let key = Result { try RSAPrivateKey(generatingBits: 2048) }

    /// Every notice a source gave.
    final class Notices: Sendable {
        let said = Mutex([TokenSource.Notice]())
        func add(_ notice: TokenSource.Notice) { said.withLock { $0.append(notice) } }
        var all: [TokenSource.Notice] { said.withLock { $0 } }
    }

    /// A configuration for an org on a loopback port nothing listens on, so that any request fails.
    static func source(
        _ home: Home, cache: String, notices: Notices, dpopKey: RSAPrivateKey? = nil, settings: String = ""
    ) throws -> TokenSource {
        let key = try Self.key.get()
        try home.write("key.pem", key.pemRepresentation)
        let client = "OKTA_URL=http://127.0.0.1:1\nCLIENT_ID=0oa1\nSCOPES=okta.users.read\n"
        try home.write(".env", client + "PRIVATE_KEY_FILE=\(home.file("key.pem"))\n" + settings)
        let configuration = try OktaConfiguration(envFile: home.file(".env"), environment: home.environment)
        let made = dpopKey
        return TokenSource(
            configuration, http: OktaHTTPClient(retry: .never), cacheDirectory: cache,
            keys: .init(generate: { bits in try made ?? RSAPrivateKey(generatingBits: bits) }),
            notify: notices.add)
    }

    /// Whether `body` went to the org and found nothing listening (what every request here ends in).
    static func refused(_ body: () async throws -> Void) async -> Bool {
        do { try await body() } catch OktaAPIError.connection(_, .refused, _, _) { return true } catch {
            Issue.record("\(error)")
        }
        return false
    }

    @Test("a cached Bearer token is returned with no request; a margin past its life is a miss (the request fails)")
    func cacheHit() async throws {
        let home = try Home()
        defer { home.remove() }
        let notices = Notices()
        let source = try Self.source(home, cache: home.file("cache"), notices: notices)
        let cache = TokenCache(directory: home.file("cache"))
        try cache.prepare()
        let key = try TokenSource.cacheKey(source.configuration, authServer: nil)
        try cache.write(key, accessToken: "cached", tokenType: "Bearer", expiresIn: 3600, response: [:], now: Date())
        let hit = try await source.token(authServer: nil, cache: cache, margin: 60, dpop: .never)
        #expect(hit.accessToken == "cached" && hit.fromCache && hit.dpopThumbprint == nil)
        #expect(
            await Self.refused { _ = try await source.token(authServer: nil, cache: cache, margin: 3601, dpop: .never) }
        )
        #expect(notices.all.isEmpty)
    }

    @Test("a cache folder that cannot be made is said once per attempt as a notice, and the token is fetched anyway")
    func cacheUnusable() async throws {
        let home = try Home()
        defer { home.remove() }
        try home.write("not-a-folder", "")
        let notices = Notices()
        let cacheDirectory = home.file("not-a-folder") + "/cache"
        let source = try Self.source(home, cache: cacheDirectory, notices: notices)
        // The org is unreachable: the fetch after the notice is what fails.
        #expect(
            await Self.refused {
                _ = try await source.token(
                    authServer: nil, cache: TokenCache(directory: cacheDirectory), margin: 60, dpop: .never)
            })
        guard case .cacheUnusable(let directory, _)? = notices.all.first else {
            Issue.record("\(notices.all)")
            return
        }
        #expect(directory == cacheDirectory && notices.all.count == 1)
    }

    @Test("the DPoP key is P-256, made once, 0600, with a notice; a token bound to another key is refused by case")
    func dpopKey() throws {
        let home = try Home()
        defer { home.remove() }
        let notices = Notices()
        let source = try Self.source(home, cache: home.file("cache"), notices: notices)
        let first = try source.dpopSession(assertionKey: .rsa(Self.key.get()))
        let second = try source.dpopSession(assertionKey: .rsa(Self.key.get()))
        let path = home.file("cache") + "/dpop-key.jwk"
        guard case .p256(let key) = first.key else {
            Issue.record("not a P-256 key")
            return
        }
        #expect(first.thumbprint == key.publicKey.thumbprint && second.thumbprint == first.thumbprint)
        #expect(notices.all == [.madeDPoPKey(path: path, kind: "P-256")])
        #expect(try JWK(jsonRepresentation: SecretFiles.read(path, what: "key")).kty == "EC")
        var status = stat()
        #expect(stat(path, &status) == 0 && status.st_mode & 0o777 == 0o600)
        let cache = TokenCache(directory: home.file("cache"))
        try cache.prepare()
        let cacheKey = try TokenSource.cacheKey(source.configuration, authServer: nil)
        try cache.write(cacheKey, accessToken: "t", tokenType: "DPoP", expiresIn: 3600, response: [:], now: Date())
        let entry = try #require(cache.read(cacheKey, now: Date(), margin: 0))
        let bound = TokenResult(entry, dpopThumbprint: "another-key")
        #expect(throws: OktaConfigError.dpopKeyChanged) { _ = try source.resourceClient(for: bound) }
    }

    @Test("DPOP_KEY_TYPE=RSA makes an RSA-2048 key with the caller's generator; another value is refused")
    func rsaDPoPKey() throws {
        let home = try Home()
        defer { home.remove() }
        let notices = Notices()
        let dpop = try RSAPrivateKey(generatingBits: 2048)
        let source = try Self.source(
            home, cache: home.file("cache"), notices: notices, dpopKey: dpop, settings: "DPOP_KEY_TYPE=rsa\n")
        let session = try source.dpopSession(assertionKey: .rsa(Self.key.get()))
        #expect(session.thumbprint == dpop.publicKey.thumbprint)
        #expect(notices.all == [.madeDPoPKey(path: home.file("cache") + "/dpop-key.jwk", kind: "RSA-2048")])
        let refused = try Self.source(home, cache: home.file("other"), notices: notices, settings: "DPOP_KEY_TYPE=ed\n")
        #expect(throws: OktaConfigError.dpopKeyType("ed")) { _ = try refused.dpopSession(assertionKey: nil) }
    }

    @Test("the assertion key is never made the DPoP key")
    func separate() throws {
        let home = try Home()
        defer { home.remove() }
        let source = try Self.source(
            home, cache: home.file("cache"), notices: Notices(), dpopKey: Self.key.get(),
            settings: "DPOP_KEY_TYPE=RSA\n")
        #expect(throws: OktaConfigError.dpopKeyIsAssertionKey) {
            _ = try source.dpopSession(assertionKey: .rsa(Self.key.get()))
        }
    }
}
