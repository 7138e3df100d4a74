import Foundation
import OktaAPI
import PrivateKeyJWT
import Testing

/// keygen → register → token against `pkjwt serve`, through the built binary.
@Suite("Okta flow end to end against pkjwt serve", .serialized)
struct OktaFlowTests {
    static let server = try! DevServerProcess()

    @Test("the three commands, re-runs, modes and .env kept byte for byte") func threeCommands() throws {
        let s = try Scratch()
        let env = "# my settings\n" + Self.server.env() + "OTHER = 'keep me'   # a comment\nexport EXTRA=\"a\\nb\"\n"
        try s.write(".env", env)
        let keygen = try s.pkjwt("keygen")
        #expect(keygen.status == 0, "\(keygen.stderr)")
        #expect(try s.mode("private_key.pem") == 0o600 && s.mode(".env") == 0o600)
        let afterKeygen = try s.read(".env")
        #expect(afterKeygen.hasPrefix(env), "every earlier byte kept")
        for name in ["PRIVATE_KEY_FILE=private_key.pem", "KEY_ID=", "MODULUS=", "PUBLIC_KEY='ssh-rsa "] {
            #expect(afterKeygen.contains(name))
        }

        let register = try s.pkjwt("register")
        #expect(register.status == 0, "\(register.stderr)")
        #expect(register.stdout.contains("scopes granted now: okta.users.read okta.users.manage"))
        #expect(register.stdout.contains("scopes granted before: none"))
        let afterRegister = try s.read(".env")
        #expect(afterRegister.hasPrefix(afterKeygen) && afterRegister.contains("CLIENT_ID=0oa"))

        let again = try s.pkjwt("register")
        #expect(again.status == 0 && again.stderr.contains("nothing changed"))
        #expect(again.stdout.contains("scopes granted now: none"))
        #expect(try s.read(".env") == afterRegister, "a second run writes nothing")

        let token = try s.pkjwt("token")
        #expect(token.status == 0, "\(token.stderr)")
        let lines = token.stdout.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].split(separator: ".").count == 3, "only the token on stdout")
        #expect(token.stderr.isEmpty)
        let json = try s.pkjwt("token", "--json", "--scopes", "okta.users.read")
        #expect(try jsonObject(json.stdout)["scope"] as? String == "okta.users.read")

        let rekey = try s.pkjwt("keygen")
        expectExplainedFailure(rekey, mentioning: "already registered for CLIENT_ID")
        #expect(try s.read(".env") == afterRegister)
    }

    @Test("the seed scripts' .env works as it is: inline PKCS#1 PRIVATE_KEY, quoted values") func seedEnv() throws {
        let s = try Scratch()
        let key = try RSAPrivateKey(generatingBits: 2048)
        let seed = """
            OKTA_URL='\(Self.server.url)'
            API_KEY='\(Self.server.apiToken)'
            SCOPES='okta.users.read okta.users.manage'
            PRIVATE_KEY='\(key.pkcs1PEMRepresentation)'
            PUBLIC_KEY='\(key.publicKey.openSSHRepresentation())'
            MODULUS='\(Base64.encode(key.publicKey.modulus))'

            """
        try s.write(".env", seed)
        let register = try s.pkjwt("register", "--via", "apps")
        #expect(register.status == 0, "\(register.stderr)")
        #expect(register.stdout.contains("kid: \(key.publicKey.thumbprint)"))
        let token = try s.pkjwt("token")
        #expect(token.status == 0, "\(token.stderr)")
        #expect(try s.read(".env").hasPrefix(seed))
    }

    @Test("PKCS#1, PKCS#8 and private JWK key files", arguments: ["pkcs1", "pkcs8", "jwk"])
    func keyFormats(format: String) throws {
        let s = try Scratch()
        let key = try RSAPrivateKey(generatingBits: 2048)
        let contents =
            switch format {
            case "pkcs1": Array(key.pkcs1PEMRepresentation.utf8)
            case "pkcs8": Array(key.pemRepresentation.utf8)
            default: JWK(privateKey: key).jsonRepresentation
            }
        try s.write("key.\(format)", bytes: contents)
        try s.write(".env", Self.server.env(extra: "PRIVATE_KEY_FILE=key.\(format)\n"))
        #expect(try s.pkjwt("register").status == 0)
        let token = try s.pkjwt("token")
        #expect(token.status == 0, "\(token.stderr)")
    }

    @Test("ES256: keygen --type ec, register, token and doctor; export says why okta.yaml needs an RSA key")
    func es256() throws {
        let s = try Scratch()
        try s.write(".env", Self.server.env(scopes: "okta.users.read"))
        #expect(try s.pkjwt("keygen", "--type", "ec").status == 0)
        let register = try s.pkjwt("register", "--admin-role", "READ_ONLY_ADMIN")
        #expect(register.status == 0, "\(register.stderr)")
        let token = try s.pkjwt("token", "--json", "--no-cache")
        #expect(token.status == 0, "\(token.stderr)")
        #expect(try jsonObject(token.stdout)["token_type"] as? String == "Bearer")
        let doctor = try s.pkjwt("doctor")
        #expect(doctor.status == 0, "\(doctor.stdout)")
        #expect(doctor.stdout.contains("pass  key            P-256, kid "))
        expectExplainedFailure(
            try s.pkjwt("export", "okta-yaml", "--out", "okta.yaml"),
            mentioning: "which sign RS256 with an RSA key only")
    }

    @Test("P-256 key files given by hand: PKCS#8 PEM and private JWK (SEC 1: PrivateKeyFilesTests)")
    func p256KeyFiles() throws {
        let key = try P256PrivateKey()
        let documents: [(String, [UInt8])] = [
            ("pkcs8.pem", Array(key.pemRepresentation.utf8)),
            ("key.jwk", JWK(privateKey: key, kid: "k").jsonRepresentation),
        ]
        for (name, bytes) in documents {
            let s = try Scratch()
            try s.write(name, bytes: bytes)
            try s.write(".env", Self.server.env(scopes: "okta.users.read", extra: "PRIVATE_KEY_FILE=\(name)\n"))
            #expect(try s.pkjwt("register").status == 0, "\(name)")
            let token = try s.pkjwt("token")
            #expect(token.status == 0, "\(name): \(token.stderr)")
        }
    }

    @Test("environment and flags override .env; the Okta SDK names are read") func precedence() throws {
        let s = try Scratch()
        try s.write(".env", "OKTA_URL=http://127.0.0.1:1\nSCOPES=okta.users.read\n")
        #expect(try s.pkjwt("keygen").status == 0)
        let viaSDKNames = try s.pkjwtEnv(
            ["OKTA_CLIENT_ORGURL": Self.server.url, "OKTA_CLIENT_TOKEN": Self.server.apiToken], "register")
        #expect(viaSDKNames.status == 0, "\(viaSDKNames.stderr)")
        let wrongFlag = try s.pkjwtEnv(
            ["OKTA_URL": Self.server.url], "token", "--okta-url", "http://127.0.0.1:1", "--timeout", "5")
        expectExplainedFailure(wrongFlag, mentioning: "cannot reach http://127.0.0.1:1")
        #expect(try s.pkjwtEnv(["OKTA_URL": Self.server.url], "token").status == 0)
    }

    @Test("a wrong API token, an unknown scope and an ungranted scope are explained") func refusals() throws {
        let s = try Scratch()
        try s.write(".env", "OKTA_URL=\(Self.server.url)\nAPI_KEY=00wrong\nSCOPES=okta.users.read\n")
        #expect(try s.pkjwt("keygen").status == 0)
        expectExplainedFailure(try s.pkjwt("register"), mentioning: "API_KEY is not a valid Okta API token")
        #expect(!(try s.read(".env")).contains("CLIENT_ID"))
        let t = try Scratch()
        try t.write(".env", Self.server.env(scopes: "okta.nope.read"))
        #expect(try t.pkjwt("keygen").status == 0)
        expectExplainedFailure(try t.pkjwt("register"), mentioning: "okta.nope.read is not an Okta API scope")
        let token = try t.pkjwt("token", "--scopes", "okta.users.read")
        expectExplainedFailure(token, mentioning: "invalid_scope")
        #expect(token.stderr.contains("Hint: the scope is not granted"))
    }

    @Test("fault switches: 429 then 200, 503 twice then 200, a truncated body then 200, truncated bodies only")
    func faults() throws {
        let s = try Scratch()
        try s.write(".env", Self.server.env(scopes: "okta.users.read"))
        #expect(try s.pkjwt("keygen").status == 0)
        #expect(try s.pkjwt("register").status == 0)
        try Self.server.queueFaults(["429"], for: "/oauth2/v1/token")
        #expect(try s.pkjwt("token", "--no-cache").status == 0, "token obtained after the rate-limit reset")
        try Self.server.queueFaults(["503", "503"], for: "/oauth2/v1/token")
        #expect(try s.pkjwt("token", "--no-cache").status == 0, "token obtained after two 503s")
        try Self.server.queueFaults(["truncate"], for: "/oauth2/v1/token")
        #expect(try s.pkjwt("token", "--no-cache").status == 0, "a cut token answer is retried with a fresh assertion")
        try Self.server.queueFaults(Array(repeating: "truncate", count: 4), for: "/oauth2/v1/token")
        expectExplainedFailure(try s.pkjwt("token", "--no-cache"), mentioning: "truncated")
        try Self.server.queueFaults(["delay:5"], for: "/oauth2/v1/token")
        let started = Date()
        expectExplainedFailure(try s.pkjwt("token", "--no-cache", "--timeout", "1"), mentioning: "timed out")
        #expect(Date().timeIntervalSince(started) < 4.5, "gave up within the timeout")
    }

    @Test("unreachable hosts and plain http to non-loopback hosts fail clearly") func unreachable() throws {
        let s = try Scratch()
        try s.write(".env", "OKTA_URL=http://127.0.0.1:1\nAPI_KEY=x\nSCOPES=okta.users.read\nCLIENT_ID=0oa1\n")
        try s.write("k.pem", try RSAPrivateKey(generatingBits: 2048).pemRepresentation)
        let started = Date()
        expectExplainedFailure(
            try s.pkjwtEnv(["PRIVATE_KEY_FILE": "k.pem"], "token", "--timeout", "5"),
            mentioning: "cannot reach http://127.0.0.1:1")
        #expect(Date().timeIntervalSince(started) < 20)
        expectExplainedFailure(
            try s.pkjwtEnv(["PRIVATE_KEY_FILE": "k.pem"], "token", "--okta-url", "http://example.okta.com"),
            mentioning: "need https://")
        // The URL policy comes first: with no key at all, the refused URL is still what is reported.
        expectExplainedFailure(
            try s.pkjwtEnv(["PRIVATE_KEY_FILE": "missing.pem"], "token", "--okta-url", "http://example.okta.com"),
            mentioning: "need https://")
    }

    @Test("quickstart runs the whole flow offline") func quickstart() throws {
        let s = try Scratch()
        let result = try s.pkjwt("quickstart")
        #expect(result.status == 0, "\(result.stderr)")
        for step in [
            "1. pkjwt keygen", "2. pkjwt register", "3. pkjwt register again: nothing to change", "4. pkjwt token",
            "5. GET /api/v1/users?limit=1 with the token: 1 user",
        ] {
            #expect(result.stdout.contains(step), "\(result.stdout)")
        }
        #expect(try s.listing().isEmpty, "nothing written in the current folder")
    }
}

extension Scratch {
    /// Runs pkjwt with extra environment variables.
    func pkjwtEnv(_ environment: [String: String], _ arguments: String...) throws -> RunResult {
        try run(arguments, environment: environment)
    }
}

/// Assertions made through the library, sent to `pkjwt serve`, refused with the right hint.
@Suite("Bad assertions against pkjwt serve", .serialized)
struct BadAssertionTests {
    static let server = OktaFlowTests.server

    /// A registered app (through the CLI) and a token client for it.
    static func registered() throws -> (OktaTokenClient, OktaHTTPClient) {
        let s = try Scratch()
        try s.write(".env", server.env(scopes: "okta.users.read"))
        #expect(try s.pkjwt("keygen").status == 0)
        #expect(try s.pkjwt("register").status == 0)
        let env = try s.read(".env")
        let clientID = String(env.split(separator: "\n").first { $0.hasPrefix("CLIENT_ID=") }!.dropFirst(10))
        let key = try RSAPrivateKey(pemRepresentation: s.read("private_key.pem"))
        let http = OktaHTTPClient(transport: AsyncHTTPTransport(), retry: .never)
        return (
            try OktaTokenClient(
                org: OktaOrg(server.url), clientID: clientID, key: key, kid: key.publicKey.thumbprint, http: http), http
        )
    }

    static func refusal(_ request: HTTPRequest, http: OktaHTTPClient) async -> String {
        do {
            _ = try await http.send { () throws(OktaAPIError) -> HTTPRequest in request }
            return "accepted"
        } catch {
            return error.description
        }
    }

    @Test("expired: the clock hint") func expired() async throws {
        let (tokens, http) = try Self.registered()
        let request = try tokens.request(
            url: tokens.tokenURL, scopes: ["okta.users.read"], now: Date().addingTimeInterval(-600))
        let message = await Self.refusal(request, http: http)
        #expect(message.contains("invalid_client — The client_assertion token is expired."), "\(message)")
        #expect(message.contains("Hint: check this machine's clock"), "\(message)")
    }

    @Test("replayed: the jti hint") func replayed() async throws {
        let (tokens, http) = try Self.registered()
        let request = try tokens.request(url: tokens.tokenURL, scopes: ["okta.users.read"])
        #expect(await Self.refusal(request, http: http) == "accepted")
        let message = await Self.refusal(request, http: http)
        #expect(
            message.contains("has already been used") && message.contains("Hint: the assertion's jti was used before"),
            "\(message)")
    }

    @Test("wrong aud: the audience hint") func wrongAudience() async throws {
        let (tokens, http) = try Self.registered()
        // Signed for the custom server's URL, sent to the org server's.
        var request = try tokens.request(
            url: tokens.org.tokenURL(authorizationServer: "default"), scopes: ["okta.users.read"])
        request.url = tokens.tokenURL
        let message = await Self.refusal(request, http: http)
        #expect(
            message.contains("must be the endpoint invoked")
                && message.contains("Hint: the assertion's aud must be the exact token URL"), "\(message)")
    }

    @Test("a kid the app does not have: the kid hint") func unknownKid() async throws {
        let (tokens, http) = try Self.registered()
        let other = try OktaTokenClient(
            org: tokens.org, clientID: tokens.clientID, key: tokens.key, kid: "not-registered", http: http)
        let message = await Self.refusal(
            try other.request(url: other.tokenURL, scopes: ["okta.users.read"]), http: http)
        #expect(
            message.contains("kid is invalid") && message.contains("Hint: the assertion's kid is not a key registered"),
            "\(message)")
    }

    @Test("token cache: 20 concurrent token runs make one token request; --no-cache, --json and --clear-cache")
    func tokenCache() throws {
        let server = try DevServerProcess()
        let s = try Scratch()
        try s.write(".env", server.env(scopes: "okta.users.read"))
        #expect(try s.pkjwt("keygen").status == 0)
        #expect(try s.pkjwt("register").status == 0)
        let before = try server.tokenRequests()
        let cache = s.path(".cache")
        let result = try s.shell(
            "for i in $(seq 20); do XDG_CACHE_HOME='\(cache)' \"$PKJWT\" token > out.$i & done; wait; cat out.* | sort "
                + "-u | wc -l"
        )
        #expect(
            result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1",
            "one token for all 20: \(result.stdout) \(result.stderr)")
        #expect(try server.tokenRequests() - before == 1, "one request at the server")
        let cached = try jsonObject(try s.pkjwt("token", "--json").stdout)
        #expect(
            cached["from_cache"] as? Bool == true
                && (cached["expires_at"] as? Double ?? 0) > Date().timeIntervalSince1970 + 3000)
        let fresh = try jsonObject(try s.pkjwt("token", "--json", "--no-cache").stdout)
        #expect(fresh["from_cache"] as? Bool == false)
        #expect(try server.tokenRequests() - before == 2, "--no-cache asked again")
        // The margin itself is tested with an injected clock (TokenCacheTests); here only its bounds.
        expectExplainedFailure(
            try s.pkjwt("token", "--cache-margin", "3600"), mentioning: "--cache-margin must be between 0 and 3599")
        let cleared = try s.pkjwt("token", "--clear-cache")
        #expect(cleared.status == 0 && cleared.stderr.contains("removed 1 cached token"))
        #expect(try jsonObject(try s.pkjwt("token", "--json").stdout)["from_cache"] as? Bool == false)
    }

    @Test("a token cache that cannot be used is said once per run on stderr; the token still comes")
    func unusableCache() throws {
        let server = try DevServerProcess()
        let s = try Scratch()
        try s.write(".env", server.env(scopes: "okta.users.read"))
        #expect(try s.pkjwt("keygen").status == 0)
        #expect(try s.pkjwt("register").status == 0)
        // A cache folder under a regular file cannot be made (ENOTDIR), as one on a full or read-only disk.
        try s.write("not-a-folder", "")
        let before = try server.tokenRequests()
        for run in 1...2 {
            let token = try s.run(["token"], environment: ["XDG_CACHE_HOME": s.path("not-a-folder/cache")])
            #expect(token.status == 0, "\(token.stderr)")
            #expect(token.stdout.split(separator: "\n").count == 1, "the token alone on stdout")
            let warnings = token.stderrLines.filter { $0.contains("the token cache") && $0.contains("cannot be used") }
            #expect(warnings.count == 1, "run \(run): \(token.stderr)")
            #expect(token.stderr.contains("every run asks Okta until that is fixed"))
        }
        #expect(try server.tokenRequests() - before == 2, "nothing cached, so each run asked")
    }
}
