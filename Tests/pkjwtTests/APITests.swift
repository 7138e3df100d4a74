import Foundation
import PrivateKeyJWT
import Testing

/// pkjwt api and pkjwt proof against `pkjwt serve`, DPoP-bound and Bearer, with curl for proof.
@Suite("pkjwt api and pkjwt proof end to end", .serialized)
struct APITests {
    /// Resource calls with DPoP need a nonce on this server too (RFC 9449 §9).
    static let server = try! DevServerProcess(extraArguments: ["--dpop-resource-nonce"])

    @Test("api with a DPoP token: the resource nonce answered, one page and --all pages") func dpopCalls() throws {
        let s = try DPoPKeyTests.registered(on: Self.server)
        let one = try s.pkjwt("api", "/api/v1/users?limit=1")
        #expect(one.status == 0, "\(one.stderr)")
        let page = try #require(JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [[String: Any]])
        #expect(page.count == 1)
        let all = try s.pkjwt("api", "GET", "/api/v1/users?limit=1", "--all")
        let users = try #require(JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [[String: Any]])
        #expect(
            users.compactMap { $0["id"] as? String } == [
                "00u1dev0000000000", "00u2dev0000000000", "00u3dev0000000000",
            ], "\(all.stderr)")
    }

    @Test("curl with pkjwt proof: refused for the nonce, accepted with --nonce; a proof is single-use")
    func curlWithProof() throws {
        let s = try DPoPKeyTests.registered(on: Self.server)
        let url = Self.server.url + "/api/v1/users?limit=2"
        let script = """
            "$PKJWT" proof GET '\(url)' > h1 || exit 9
            curl -s -D head1 -o body1 -H @h1 '\(url)'
            nonce=$(grep -i '^DPoP-Nonce:' head1 | cut -d' ' -f2 | tr -d '\\r')
            "$PKJWT" proof GET '\(url)' --nonce "$nonce" > h2 || exit 9
            curl -s -o body2 -w '%{http_code}\\n' -H @h2 '\(url)'
            curl -s -o body3 -w '%{http_code}\\n' -H @h2 '\(url)'
            head -1 head1
            """
        let cache = ["XDG_CACHE_HOME=\(s.path(".cache"))"]
        let result = try s.shell(cache.map { "export \($0)\n" }.joined() + script)
        let lines = result.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(lines == ["200", "401", "HTTP/1.1 401 Unauthorized"], "\(result.stdout) \(result.stderr)")
        // The nonce given with --nonce was kept: the next proof carries it, and curl gets in at once.
        let again = try s.shell(
            cache.map { "export \($0)\n" }.joined()
                + "\"$PKJWT\" proof GET '\(url)' > h3 && curl -s -o /dev/null -w '%{http_code}' -H @h3 '\(url)'")
        #expect(again.stdout == "200", "\(again.stdout) \(again.stderr)")
        let headers = try s.read("h2").split(separator: "\n")
        #expect(headers.count == 2 && headers[0].hasPrefix("Authorization: DPoP ") && headers[1].hasPrefix("DPoP: "))
        let users = try #require(JSONSerialization.jsonObject(with: Data(s.read("body2").utf8)) as? [[String: Any]])
        #expect(users.count == 2)
        let replay = try s.read("body3")
        #expect(replay.contains("E0000011"), "the replayed proof was refused: \(replay)")
    }

    @Test("a Bearer app: api works, proof prints the Authorization line only") func bearer() throws {
        let s = try DPoPKeyTests.registered(on: Self.server, requireDPoP: false)
        let one = try s.pkjwt("api", "/api/v1/users?limit=1")
        #expect(one.status == 0, "\(one.stderr)")
        let proof = try s.pkjwt("proof", "GET", "/api/v1/users")
        #expect(
            proof.status == 0 && proof.stdout.hasPrefix("Authorization: Bearer ")
                && proof.stdout.split(separator: "\n").count == 1)
        #expect(proof.stderr.contains("Bearer token: no DPoP header"))
    }

    @Test("a cached token the server refuses is replaced once, then the call succeeds") func refusedCachedToken() throws
    {
        let s = try DPoPKeyTests.registered(on: Self.server, requireDPoP: false)
        #expect(try s.pkjwt("token").status == 0)
        let folder = s.path(".cache/pkjwt")
        let file = try #require(
            try FileManager.default.contentsOfDirectory(atPath: folder).first {
                $0.hasPrefix("token-") && $0.hasSuffix(".json")
            })
        var entry = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/" + file)))
                as? [String: Any])
        entry["accessToken"] = "eyJhbGciOiJSUzI1NiJ9.e30.c2ln"
        try JSONSerialization.data(withJSONObject: entry).write(to: URL(fileURLWithPath: folder + "/" + file))
        let call = try s.pkjwt("api", "/api/v1/users?limit=1")
        #expect(call.status == 0, "\(call.stderr)")
    }

    @Test("bad requests: another host, data that is not JSON, --data with GET, --all with POST") func refusals() throws
    {
        let s = try DPoPKeyTests.registered(on: Self.server, requireDPoP: false)
        expectExplainedFailure(
            try s.pkjwt("api", "https://evil.example/api/v1/users"), mentioning: "only the org's own URLs")
        expectExplainedFailure(
            try s.pkjwt("api", "POST", "/api/v1/groups", "--data", "{not json"), mentioning: "--data is not JSON")
        expectExplainedFailure(try s.pkjwt("api", "/api/v1/users", "--data", "{}"), mentioning: "--data goes with")
        expectExplainedFailure(
            try s.pkjwt("api", "POST", "/api/v1/users", "--all"), mentioning: "--all follows pages of a GET only")
        expectExplainedFailure(
            try s.pkjwt("api", "FETCH", "/api/v1/users"),
            mentioning: "METHOD must be one of GET, POST, PUT, PATCH, DELETE")
        expectExplainedFailure(
            try s.pkjwt("proof", "GET", "/x", "--nonce", "a\"b"), mentioning: "--nonce must be the DPoP-Nonce value")
        expectExplainedFailure(try s.pkjwt("api", "HEAD", "/api/v1/users"), mentioning: "METHOD must be one of")
        expectExplainedFailure(try s.pkjwt("proof", "TRACE", "/api/v1/users"), mentioning: "'TRACE' is invalid")
        let lower = try s.pkjwt("proof", "head", "/api/v1/users")
        #expect(lower.status == 0 && lower.stdout.hasPrefix("Authorization: "), "a method in any case: \(lower.stderr)")
    }
}
