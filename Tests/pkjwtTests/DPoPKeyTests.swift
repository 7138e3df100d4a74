import Foundation
import PrivateKeyJWT
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// DPoP through the binary against `pkjwt serve`: a DPoP-required app gets a token with no flag, the
/// nonce round-trip, the separate key made once (0600), and the cache that remembers the app needs it.
@Suite("DPoP end to end: pkjwt token against a DPoP-required app", .serialized)
struct DPoPKeyTests {
    /// A scratch folder with a key and an app registered on `server` (`--dpop` when `requireDPoP`).
    static func registered(on server: DevServerProcess, requireDPoP: Bool = true) throws -> Scratch {
        let s = try Scratch()
        try s.write(".env", server.env(scopes: "okta.users.read"))
        #expect(try s.pkjwt("keygen").status == 0)
        let role = ["--admin-role", "READ_ONLY_ADMIN"]
        let register = try s.run(["register"] + role + (requireDPoP ? ["--dpop"] : []))
        #expect(register.status == 0, "\(register.stderr)")
        return s
    }

    /// The claims of an access token (the dev org's JWTs), unverified: what the server bound it to.
    static func claims(_ token: String) throws -> [String: JSONValue] {
        try JSONValue.parseObject(Base64.urlDecode(String(token.split(separator: ".")[1])), what: "claims")
    }

    /// The DPoP key pkjwt made in the scratch folder's cache.
    static func dpopKey(_ s: Scratch) throws -> SigningKey {
        try SigningKey(jwk: JWK(jsonRepresentation: Array(s.read(".cache/pkjwt/dpop-key.jwk").utf8)))
    }

    static func jkt(_ token: String) throws -> String? {
        guard case .object(let cnf)? = try claims(token)["cnf"] else { return nil }
        return cnf["jkt"]?.stringValue
    }

    @Test(
        "no flag: missing proof → DPoP on, use_dpop_nonce → nonce, then a token bound to the new key; cached"
    )
    func automatic() throws {
        let server = try DevServerProcess()
        let s = try Self.registered(on: server)
        let before = try server.tokenRequests()
        let first = try s.pkjwt("token", "--json")
        #expect(first.status == 0, "\(first.stderr)")
        let json = try jsonObject(first.stdout)
        #expect(json["token_type"] as? String == "DPoP")
        #expect(try server.tokenRequests() - before == 3, "without proof, without nonce, then with both")
        let keyPath = ".cache/pkjwt/dpop-key.jwk"
        #expect(s.exists(keyPath))
        #expect(try s.mode(keyPath) == 0o600)
        #expect(try s.mode(".cache/pkjwt") == 0o700)
        let key = try Self.dpopKey(s)
        guard case .p256 = key else {
            Issue.record("the DPoP key pkjwt makes is P-256 unless DPOP_KEY_TYPE says RSA")
            return
        }
        let assertionKey = try #require(KeyDocument(bytes: Array(s.read("private_key.pem").utf8)).privateKey)
        #expect(key.thumbprint != assertionKey.publicKey.thumbprint, "a separate key")
        #expect(json["dpop_jkt"] as? String == key.thumbprint)
        #expect(
            try Self.jkt(#require(json["access_token"] as? String)) == key.thumbprint, "the token is bound (cnf.jkt)")
        #expect(first.stderr.contains("made a DPoP key (P-256)"))

        let cached = try jsonObject(try s.pkjwt("token", "--json").stdout)
        #expect(cached["from_cache"] as? Bool == true && cached["token_type"] as? String == "DPoP")
        #expect(try server.tokenRequests() - before == 3, "the cache answered")
        #expect(s.exists(".cache/pkjwt/dpop-nonces.json"), "the server's nonce is kept for the next run")
        #expect(try s.pkjwt("token", "--no-cache").status == 0)
        #expect(
            try server.tokenRequests() - before == 5,
            "no cache: the requirement learnt again, but the kept nonce saves its round trip")
    }

    @Test("a cached (even expired) DPoP entry means the next request sends its proof at once") func remembered() throws
    {
        // Tokens live 30 s here, so a 60 s margin makes every cached one stale: each run asks Okta.
        let server = try DevServerProcess(extraArguments: ["--token-lifetime", "30"])
        let s = try Self.registered(on: server)
        #expect(try s.pkjwt("token").status == 0)
        let before = try server.tokenRequests()
        let again = try s.pkjwt("token", "--json")
        #expect(
            try jsonObject(again.stdout)["from_cache"] as? Bool == false,
            "the margin is honoured: 30 s left < 60 s margin")
        #expect(try server.tokenRequests() - before == 1, "straight to the proof, with the kept nonce: one request")
        let margin0 = try jsonObject(try s.pkjwt("token", "--json", "--cache-margin", "0").stdout)
        #expect(margin0["from_cache"] as? Bool == true, "with no margin the 30 s token is reused")
    }

    @Test("DPOP=false on a DPoP app: one clear line; --dpop on a Bearer app: a bound token") func forcedModes() throws {
        let server = try DevServerProcess()
        let s = try Self.registered(on: server)
        let off = try s.run(["token", "--no-cache"], environment: ["DPOP": "false"])
        expectExplainedFailure(off, mentioning: "invalid_dpop_proof")
        #expect(off.stderr.contains("requires DPoP-bound tokens"))
        expectExplainedFailure(
            try s.run(["token"], environment: ["DPOP": "maybe"]), mentioning: "DPOP must be true or false")

        let bearer = try Self.registered(on: server, requireDPoP: false)
        let plain = try jsonObject(try bearer.pkjwt("token", "--json").stdout)
        #expect(
            plain["token_type"] as? String == "Bearer" && !bearer.exists(".cache/pkjwt/dpop-key.jwk"),
            "no DPoP key made for a Bearer app")
        let forced = try jsonObject(try bearer.pkjwt("token", "--json", "--dpop").stdout)
        #expect(
            forced["token_type"] as? String == "DPoP" && forced["from_cache"] as? Bool == false,
            "a bound token is cached apart")
    }

    @Test("the DPoP key is never the assertion key; a damaged key file is an explained failure") func keyRules() throws
    {
        let server = try DevServerProcess()
        let s = try Self.registered(on: server)
        let same = try s.run(["token", "--no-cache"], environment: ["DPOP_KEY_FILE": s.path("private_key.pem")])
        expectExplainedFailure(same, mentioning: "a DPoP key must be a separate key")
        try s.write("bad.jwk", "{\"kty\":\"RSA\"}")
        expectExplainedFailure(
            try s.run(["token", "--no-cache", "--dpop"], environment: ["DPOP_KEY_FILE": s.path("bad.jwk")]),
            mentioning: "DPOP_KEY_FILE")
    }

    @Test("eight concurrent first uses make one DPoP key, and every token is bound to it") func concurrentFirstUse()
        throws
    {
        let server = try DevServerProcess()
        let s = try Self.registered(on: server)
        let cache = s.path(".cache")
        let result = try s.shell(
            "for i in 1 2 3 4 5 6 7 8; do XDG_CACHE_HOME='\(cache)' \"$PKJWT\" token --no-cache > out.$i & done; wait; "
                + "cat out.*"
        )
        let tokens = result.stdout.split(separator: "\n").map(String.init)
        #expect(tokens.count == 8, "\(result.stderr)")
        let key = try Self.dpopKey(s)
        for token in tokens { #expect(try Self.jkt(token) == key.thumbprint) }
    }

    @Test("the token endpoint's rate limit: 429 with Okta's headers; 20 cached runs under a limit of 1 all succeed")
    func rateLimit() throws {
        let server = try DevServerProcess(extraArguments: ["--token-rate-limit", "2"])
        let s = try Self.registered(on: server, requireDPoP: false)
        let cache = s.path(".cache")
        let result = try s.shell(
            "for i in $(seq 20); do XDG_CACHE_HOME='\(cache)' \"$PKJWT\" token > out.$i || echo fail; done; cat out.* "
                + "| sort -u | wc -l"
        )
        #expect(
            result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "\(result.stdout) \(result.stderr)")
        // Two plain posts use up the minute; the third is refused as Okta refuses it.
        var statuses = [Int](), headers = [String: String]()
        for _ in 0..<3 {
            var request = URLRequest(url: URL(string: server.url + "/oauth2/v1/token")!)
            request.httpMethod = "POST"
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data("grant_type=client_credentials".utf8)
            let semaphore = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var answer: HTTPURLResponse?
            URLSession.shared.dataTask(with: request) { _, response, _ in
                answer = response as? HTTPURLResponse
                semaphore.signal()
            }.resume()
            semaphore.wait()
            statuses.append(answer?.statusCode ?? 0)
            headers = (answer?.allHeaderFields as? [String: String]) ?? [:]
        }
        #expect(statuses.last == 429, "\(statuses)")
        #expect(
            headers["X-Rate-Limit-Remaining"] == "0"
                && Double(headers["X-Rate-Limit-Reset"] ?? "") ?? 0 > Date().timeIntervalSince1970)
    }
}
