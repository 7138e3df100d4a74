// The hostile-input issue's regression tests, through the built binary: no crash, no hang, no
// secret in any output, nothing half-written, two writers taking turns.

import Foundation
import PrivateKeyJWT
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Scratch {
    /// Runs a shell script here with $PKJWT set, under `timeout` so a hang fails instead of blocking.
    func shell(_ script: String, seconds: Int = 30) throws -> RunResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["-s", "KILL", "\(seconds)", "/bin/sh", "-c", script]
        process.currentDirectoryURL = folder
        process.environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "PKJWT": pkjwtBinary.path,
        ]
        return try Self.collect(process)
    }
}

/// A fixed 2048-bit key for these tests.
private let testKey = try! RSAPrivateKey(generatingBits: 2048)

@Suite("hostile input: crashes, hangs and bounds")
struct HostileInputCrashTests {
    @Test("a NumericDate beyond Int's range is a clear error, not a trap", arguments: ["nbf", "exp", "iat"])
    func hugeNumericDate(claim: String) throws {
        let s = try Scratch()
        try s.write("key.pem", testKey.pemRepresentation)
        let token = try JWS.sign(payload: Array("{\"\(claim)\":1e19}".utf8), key: testKey, kid: nil)
        expectExplainedFailure(
            try s.pkjwt("verify", "--key", "key.pem", token), mentioning: "\"\(claim)\" is not a NumericDate")
    }

    @Test("a combining mark after ${VAR} in .env is read, not a crash") func combiningMarkInEnv() throws {
        let s = try Scratch()
        try s.write(".env", "A=${E}\u{301}\n")
        expectExplainedFailure(try s.pkjwt("token"), mentioning: "OKTA_URL is not set")
    }

    @Test("endless standard input stops at 1 MiB with an error") func endlessStdin() throws {
        let s = try Scratch()
        let result = try s.shell("yes 2>/dev/null | \"$PKJWT\" inspect -")
        expectExplainedFailure(result, mentioning: "larger than 1 MiB")
    }

    @Test("a FIFO given as a key file is refused without blocking") func fifo() throws {
        let s = try Scratch()
        #expect(mkfifo(s.path("key.pem"), 0o600) == 0)
        let result = try s.shell("\"$PKJWT\" inspect key.pem")
        expectExplainedFailure(result, mentioning: "not a regular file")
        let viaEnv = try s.shell(
            "printf 'PRIVATE_KEY_FILE=key.pem\\nCLIENT_ID=x\\nOKTA_URL=http://127.0.0.1:9\\n' > .env; \"$PKJWT\" token")
        expectExplainedFailure(viaEnv, mentioning: "not a regular file")
    }

    @Test("a private JWK with an oversized d is refused before any arithmetic") func oversizedD() throws {
        let s = try Scratch()
        let n = Base64.urlEncode(testKey.publicKey.modulus)
        let d = "A" + String(repeating: "z", count: 3999)
        try s.write("key.json", "{\"kty\":\"RSA\",\"n\":\"\(n)\",\"e\":\"AQAB\",\"d\":\"\(d)\"}")
        expectExplainedFailure(try s.pkjwt("inspect", "key.json"), mentioning: "d must be positive and below n")
    }

    @Test("duplicate JOSE members are refused: header, claims and JWK") func duplicateMembers() throws {
        let s = try Scratch()
        try s.write("key.pem", testKey.pemRepresentation)
        let header = Array("{\"alg\":\"RS256\",\"alg\":\"none\"}".utf8)
        let token = try JWS.sign(protectedHeader: header, payload: Array("{}".utf8), key: testKey)
        expectExplainedFailure(try s.pkjwt("verify", "--key", "key.pem", token), mentioning: "duplicate member name")
        let claims = try JWS.sign(payload: Array("{\"exp\":1,\"exp\":9999999999}".utf8), key: testKey)
        expectExplainedFailure(try s.pkjwt("verify", "--key", "key.pem", claims), mentioning: "duplicate member name")
        let jwk = String(decoding: JWK(publicKey: testKey.publicKey).jsonRepresentation, as: UTF8.self)
        try s.write("dup.json", String(jwk.dropLast()) + ",\"n\":\"AQAB\"}")
        expectExplainedFailure(try s.pkjwt("inspect", "dup.json"), mentioning: "duplicate member name")
    }
}

/// Secrets in play in the matrix: a private key's PEM body, its DER in base64, an API token and an
/// access token. No output of any command may contain any 8-character piece of any of them.
@Suite("hostile input: no secret in any output")
struct SecretEchoTests {
    static let pem = testKey.pemRepresentation
    static let derBase64 = Base64.encode(testKey.derRepresentation)
    static let apiToken = "00Zq9Xw7Vv3Tt1Ss8Rr6Pp4Oo2Nn0Mm5Ll3Kk1Jj"
    static let accessToken = "eyJraWQiOiJ4In0.eyJzdWIiOiJzZWNyZXQtc3ViamVjdCJ9.c2lnbmF0dXJlLXNlY3JldC1ieXRlcw"
    /// The PEM's base64 body (its armor lines are public words), the DER, the API token, the access token.
    static var secrets: [String] {
        [pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined(), derBase64, apiToken, accessToken]
    }

    /// Malformed configurations, as .env lines. Each holds at least one secret.
    static let configurations: [(String, String)] = {
        var damagedDER = Array(derBase64)
        damagedDER[200] = damagedDER[200] == "A" ? "B" : "A"
        let literalNewlines = pem.replacingOccurrences(of: "\n", with: "\\n")
        let truncated = String(pem.prefix(900))
        return [
            ("bare base64 DER, damaged", "PRIVATE_KEY=\(String(damagedDER))\n"),
            ("PEM with literal \\n", "PRIVATE_KEY='\(literalNewlines)'\n"),
            ("PEM as PRIVATE_KEY_FILE", "PRIVATE_KEY_FILE='\(literalNewlines)'\n"),
            ("truncated PEM", "PRIVATE_KEY='\(truncated)'\n"),
            ("API token as PRIVATE_KEY_FILE", "PRIVATE_KEY_FILE=\(apiToken)\n"),
            ("API token as PRIVATE_KEY", "PRIVATE_KEY=\(apiToken)\n"),
            (
                "API token with a line break",
                "API_KEY=\"\(apiToken.prefix(20))\\n\(apiToken.dropFirst(20))\"\nPRIVATE_KEY='\(pem)'\n"
            ),
            ("API token as OKTA_URL", "OKTA_URL=\(apiToken)\n"),
            ("access token as the claims' key file", "PRIVATE_KEY_FILE=\(accessToken)\n"),
            (
                "PEM as DPOP_KEY_FILE, with a good key",
                "PRIVATE_KEY='\(pem)'\nDPOP_KEY_FILE='\(literalNewlines)'\nDPOP=true\n"
            ),
        ]
    }()

    static let commands: [[String]] = [
        ["token"], ["register"], ["keygen"], ["token", "--json"], ["token", "--dpop"], ["api", "/api/v1/users"],
        ["proof", "GET", "/api/v1/users"], ["rotate"], ["rotate", "--dry-run"],
        ["export", "okta-yaml", "--out", "okta.yaml"],
    ]
    /// Commands that may succeed on some of these configurations: keygen makes a key; export writes
    /// a file (the key goes into it, not into any output).
    static let maySucceed: Set<String> = ["keygen", "export"]

    @Test("every command against every malformed configuration", arguments: configurations.indices)
    func matrix(index: Int) throws {
        let (name, lines) = Self.configurations[index]
        for command in Self.commands {
            let s = try Scratch()
            try s.write(
                ".env",
                "OKTA_URL=http://127.0.0.1:9\nAPI_KEY=\(Self.apiToken)\nCLIENT_ID=0oa1\nSCOPES=okta.users.read\n"
                    + lines)
            let result = try s.run(command + ["--timeout", "3"].filter { _ in command[0] != "keygen" })
            #expect(
                result.status != 0 || Self.maySucceed.contains(command[0]), "\(name) / \(command): \(result.stderr)")
            #expect(result.status < 128, "\(name) / \(command) crashed")
            expectNoSecret(in: result.stdout + result.stderr, context: "\(name) / \(command)")
        }
    }

    @Test("key files given on the command line: inspect, sign and verify", arguments: configurations.indices)
    func keyArguments(index: Int) throws {
        let (name, lines) = Self.configurations[index]
        let s = try Scratch()
        let value = try #require(
            lines.split(separator: "=", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        try s.write("key.pem", value.replacingOccurrences(of: "'", with: ""))
        for command in [
            ["inspect", "key.pem"], ["sign", "--key", "key.pem", "{}"],
            ["verify", "--key", "key.pem", Self.accessToken],
            ["inspect", value], ["verify", "--key", value, Self.accessToken],
        ] {
            let result = try s.run(command)
            #expect(result.status < 128, "\(name) / \(command[0]) crashed")
            expectNoSecret(in: result.stdout + result.stderr, context: "\(name) / \(command[0])")
        }
    }

    private func expectNoSecret(in output: String, context: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in Self.secrets {
            let characters = Array(secret)
            var start = 0
            while start + 8 <= characters.count {
                let piece = String(characters[start..<(start + 8)])
                if output.contains(piece) {
                    Issue.record(
                        "\(context): the output holds '\(piece)' from a secret: \(output)",
                        sourceLocation: sourceLocation)
                    return
                }
                start += 1
            }
        }
    }
}

@Suite(
    "hostile input: worst cases finish (a hang fails the time limit; speed is not asserted)", .timeLimit(.minutes(1)))
struct WorstCaseInputTests {
    /// Each is close to the 1 MiB cap and aimed at one parser's slowest path.
    static let inputs: [(String, [UInt8])] = {
        let cap = (1 << 20) - 64
        let n = Base64.urlEncode(testKey.publicKey.modulus)
        return [
            ("nested JSON", Array(String(repeating: "[", count: cap).utf8)),
            (
                "JWK with a huge d",
                Array(
                    "{\"kty\":\"RSA\",\"n\":\"\(n)\",\"e\":\"AQAB\",\"d\":\"A\(String(repeating: "z", count: cap - 600))\"}"
                        .utf8)
            ),
            (
                "PEM of junk lines",
                Array(
                    ("-----BEGIN PRIVATE KEY-----\n" + String(repeating: "A\n", count: cap / 2 - 40)
                        + "-----END PRIVATE KEY-----\n").utf8)
            ),
            (
                "JSON of many members",
                Array(("{" + (0..<60_000).map { "\"k\($0)\":1" }.joined(separator: ",") + "}").utf8)
            ),
            ("DER of nested SEQUENCEs", [UInt8](repeating: 0x30, count: 2) + [UInt8](repeating: 0x80, count: cap)),
            ("OpenSSH line", Array(("ssh-rsa " + String(repeating: "A", count: cap - 16)).utf8)),
        ]
    }()

    @Test("inspect refuses or reads each worst case", arguments: inputs.indices)
    func worstCase(index: Int) throws {
        let (name, bytes) = Self.inputs[index]
        let s = try Scratch()
        try s.write("input", bytes: bytes)
        let result = try s.pkjwt("inspect", "input")
        #expect(result.status == 1, "\(name): \(result.stderr.prefix(300))")
    }

    @Test("a .env near the cap of quotes, expansions and comments is read") func worstCaseDotEnv() throws {
        let s = try Scratch()
        let line = "A='${A}${A}${A}' # c\nB=\"\\\"\\\"\"\n"
        try s.write(".env", String(repeating: line, count: ((1 << 20) - 64) / line.utf8.count))
        expectExplainedFailure(try s.pkjwt("token"), mentioning: "OKTA_URL is not set")
    }
}

@Suite("hostile input: kills and concurrent writers", .serialized)
struct ConcurrencyAndKillTests {
    @Test("keygen killed at random points leaves no temporary copy, and the next run finishes the job") func killLoop()
        throws
    {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<12 {
            let s = try Scratch()
            try s.write(".env", "OKTA_URL=http://127.0.0.1:9\nAPI_KEY=00secret-api-token-value\n")
            let delay = Double.random(in: 0.0...0.25, using: &generator)
            _ = try s.shell(
                "\"$PKJWT\" keygen >/dev/null 2>&1 & pid=$!; sleep \(delay); kill -9 $pid 2>/dev/null; wait $pid "
                    + "2>/dev/null; true"
            )
            let leftovers = try s.listing().filter { ![".env", ".env.lock", "private_key.pem"].contains($0) }
            #expect(leftovers.isEmpty, "round \(round) after \(delay) s: \(leftovers)")
            #expect(!(try s.read(".env")).isEmpty, "round \(round): .env kept")
            let next = try s.pkjwt("keygen")
            let envAfter = try s.read(".env")
            if next.status != 0 {
                #expect(next.stderr.contains("already exists"), "round \(round): \(next.stderr)")
            }
            let key = try RSAPrivateKey(pemRepresentation: s.read("private_key.pem"))
            #expect(
                envAfter.contains("KEY_ID=\(key.publicKey.thumbprint)"), "round \(round): .env records the key on disk")
            #expect(envAfter.hasPrefix("OKTA_URL=http://127.0.0.1:9\nAPI_KEY=00secret-api-token-value\n"))
        }
    }

    @Test("a key that .env does not record (keygen killed between the writes) is adopted, not refused")
    func adoptOrphanKey() throws {
        let s = try Scratch()
        try s.write(".env", "OKTA_URL=http://127.0.0.1:9\n")
        try s.write("private_key.pem", testKey.pemRepresentation)
        let result = try s.pkjwt("keygen")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("adopting it"))
        #expect(try s.read(".env").contains("KEY_ID=\(testKey.publicKey.thumbprint)"))
        #expect(try s.read("private_key.pem") == testKey.pemRepresentation, "the key on disk is kept")
        expectExplainedFailure(try s.pkjwt("keygen"), mentioning: "already exists")
    }

    @Test("an API_KEY with a line break inside is refused by name") func apiKeyWithLineBreak() throws {
        let s = try Scratch()
        try s.write(
            ".env", "OKTA_URL=http://127.0.0.1:9\nAPI_KEY=\"00abcdefgh\r\nX-Injected: 1\"\nPRIVATE_KEY_FILE=k.pem\n")
        try s.write("k.pem", testKey.pemRepresentation)
        let result = try s.pkjwt("register")
        expectExplainedFailure(result, mentioning: "API_KEY holds a line break")
        #expect(!result.stderr.contains("00abcdefgh") && !result.stderr.contains("Injected"))
    }

    @Test("two register runs on one .env create one app and both record it") func concurrentRegister() throws {
        let server = try DevServerProcess()
        let s = try Scratch()
        try s.write(".env", server.env())
        #expect(try s.pkjwt("keygen").status == 0)
        let result = try s.shell(
            "\"$PKJWT\" register --json > a.json 2>a.err & \"$PKJWT\" register --json > b.json 2>b.err; wait")
        #expect(result.status == 0)
        let a = try jsonObject(s.read("a.json")), b = try jsonObject(s.read("b.json"))
        #expect(
            (a["app_created"] as? Bool ?? false) != (b["app_created"] as? Bool ?? false),
            "exactly one run created the app: \(a) \(b)")
        #expect(a["client_id"] as? String == b["client_id"] as? String)
        let env = try s.read(".env")
        #expect(env.components(separatedBy: "CLIENT_ID=").count == 2, "one CLIENT_ID line: \(env)")
    }
}
