import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("pkjwt token answered from the cache before argument parsing")
struct CachedTokenTests {
    /// A running org and a scratch folder whose key is registered there.
    static func registered(scopes: String) throws -> (DevServerProcess, Scratch) {
        let server = try DevServerProcess()
        let s = try Scratch()
        try s.write(".env", server.env(scopes: scopes))
        #expect(try s.pkjwt("keygen").status == 0)
        #expect(try s.pkjwt("register").status == 0)
        return (server, s)
    }

    @Test("a hit prints what the full path prints; a folder others can read, DPOP=true and a broken .env go as before")
    func sameAnswers() throws {
        let (server, s) = try Self.registered(scopes: "okta.users.read")
        let first = try s.pkjwt("token")
        #expect(first.status == 0 && first.stdout.hasSuffix("\n") && first.stdout.split(separator: "\n").count == 1)
        let before = try server.tokenRequests()
        let hit = try s.pkjwt("token")
        #expect(hit.status == 0 && hit.stdout == first.stdout && hit.stderr.isEmpty, "\(hit.stderr)")
        let full = try jsonObject(try s.pkjwt("token", "--json").stdout)
        #expect(full["from_cache"] as? Bool == true)
        #expect(full["access_token"] as? String == first.stdout.dropLast(1).description)
        #expect(try server.tokenRequests() == before, "the hits asked nothing")

        // A cache folder others can read is made private again, as the full path does.
        #expect(chmod(s.path(".cache/pkjwt"), 0o755) == 0)
        #expect(try s.pkjwt("token").stdout == first.stdout)
        #expect(try s.mode(".cache/pkjwt") == 0o700)

        // DPOP=true never takes the Bearer token from the cache.
        let bound = try s.run(["token", "--json"], environment: ["DPOP": "true"])
        #expect(bound.status == 0, "\(bound.stderr)")
        #expect(try jsonObject(bound.stdout)["token_type"] as? String == "DPoP")
        #expect(try server.tokenRequests() > before, "asked for a DPoP-bound token (a nonce round trip included)")
        let afterBound = try server.tokenRequests()
        let boundPlain = try s.run(["token"], environment: ["DPOP": "true"])
        #expect(boundPlain.status == 0 && boundPlain.stdout != first.stdout)
        #expect(try server.tokenRequests() == afterBound, "the DPoP-bound token from the cache")

        // An .env that cannot be read is reported, a cached token or not.
        try s.write(".env", try s.read(".env") + "BROKEN='unterminated\n")
        expectExplainedFailure(try s.pkjwt("token"), mentioning: "cannot read")
    }

    @Test("an expired entry and a changed SCOPES are misses: a new token is asked for")
    func misses() throws {
        let (server, s) = try Self.registered(scopes: "okta.users.read okta.users.manage")
        let first = try s.pkjwt("token").stdout
        let before = try server.tokenRequests()
        let narrower = try s.run(["token"], environment: ["SCOPES": "okta.users.read"])
        #expect(narrower.status == 0 && narrower.stdout != first, "\(narrower.stderr)")
        #expect(try server.tokenRequests() == before + 1)
        // Every cached entry expired: rewrite expiresAt in place (the cache's own format).
        let folder = s.path(".cache/pkjwt")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".json") {
            let path = folder + "/" + name
            var object = try jsonObject(try String(contentsOfFile: path, encoding: .utf8))
            object["expiresAt"] = Date().timeIntervalSince1970 - 1
            try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        }
        let renewed = try s.pkjwt("token")
        #expect(renewed.status == 0 && renewed.stdout != first)
        #expect(try server.tokenRequests() == before + 2)
    }
}
