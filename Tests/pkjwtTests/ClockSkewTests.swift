import Foundation
import PrivateKeyJWT
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("Clock skew: a refused assertion is signed again on Okta's clock, and the offset is kept")
struct ClockSkewTests {
    /// A running org whose clock is `offset` seconds from this machine's, and a registered folder.
    static func registered(offset: Int) throws -> (DevServerProcess, Scratch) {
        let server = try DevServerProcess(extraArguments: ["--clock-offset=\(offset)"])
        let s = try Scratch()
        try s.write(".env", server.env(scopes: "okta.users.read okta.users.manage"))
        #expect(try s.pkjwt("keygen").status == 0)
        #expect(try s.pkjwt("register").status == 0)
        return (server, s)
    }

    /// The clock offset files in the scratch folder's token cache.
    static func keptOffsets(_ s: Scratch) throws -> [String] {
        let folder = s.path(".cache/pkjwt")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return try names.filter { $0.hasPrefix("clock-") }.map {
            try String(contentsOfFile: folder + "/" + $0, encoding: .utf8)
        }
    }

    @Test(
        "Okta's clock ahead (the assertion looks expired) and behind (issued in the future, exp too far)",
        arguments: [4000, -4000, -600])
    func retried(offset: Int) throws {
        let (server, s) = try Self.registered(offset: offset)
        let before = try server.tokenRequests()
        let first = try s.pkjwt("token")
        #expect(first.status == 0, "\(first.stderr)")
        let said = first.stderrLines.filter { $0.contains("this machine's clock is") }
        #expect(said.count == 1, "\(first.stderr)")
        #expect(first.stderr.contains(offset > 0 ? "behind Okta's" : "ahead of Okta's"))
        #expect(try server.tokenRequests() - before == 2, "refused, then signed on Okta's time")
        let kept = try Self.keptOffsets(s)
        #expect(kept.count == 1)
        let value = try #require(Int(kept.first?.dropLast() ?? ""))
        #expect(abs(value - offset) <= 2, "kept \(value) for \(offset)")

        // The next run that asks (another scope set: a cache miss) signs on Okta's time at once, quietly.
        let again = try s.run(["token"], environment: ["SCOPES": "okta.users.read"])
        #expect(again.status == 0 && again.stderr.isEmpty, "\(again.stderr)")
        #expect(try server.tokenRequests() - before == 3, "one request, no refusal")
    }

    @Test("a kept offset the answers no longer show is dropped, quietly, after one refusal")
    func staleOffset() throws {
        let (server, s) = try Self.registered(offset: 0)
        // An offset of an hour and a half kept by an earlier run for this org (the cache's file name:
        // "clock-" and the first 16 bytes of SHA-256 of the org URL, in hex).
        let digest = SHA256.hash(data: Array(server.url.utf8)).bytes.prefix(16)
        let name = "clock-" + digest.map { String(format: "%02x", $0) }.joined()
        try FileManager.default.createDirectory(atPath: s.path(".cache/pkjwt"), withIntermediateDirectories: true)
        try s.write(".cache/pkjwt/" + name, "5400\n")
        let before = try server.tokenRequests()
        let run = try s.pkjwt("token")
        #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
        #expect(try server.tokenRequests() - before == 2, "refused on the kept offset, then signed on this clock")
        #expect(try Self.keptOffsets(s).isEmpty, "nothing kept once the clocks agree")
        let next = try s.run(["token"], environment: ["SCOPES": "okta.users.read"])
        #expect(next.status == 0 && next.stderr.isEmpty)
        #expect(try server.tokenRequests() - before == 3, "no refusal any more")
    }

    @Test("with DPoP the proof is signed on Okta's time too")
    func dpop() throws {
        let (server, s) = try Self.registered(offset: 4000)
        let run = try s.run(["token", "--json"], environment: ["DPOP": "true"])
        #expect(try server.tokenRequests() >= 3, "refused for its times, then for the nonce, then granted")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try jsonObject(run.stdout)["token_type"] as? String == "DPoP")
        #expect(run.stderrLines.filter { $0.contains("signed again on Okta's time") }.count == 1, "\(run.stderr)")
    }

    @Test("a wrong clock with --no-cache: retried within the run, nothing kept")
    func noCache() throws {
        let (server, s) = try Self.registered(offset: 4000)
        let before = try server.tokenRequests()
        let run = try s.pkjwt("token", "--no-cache")
        #expect(run.status == 0 && run.stderr.contains("signed again on Okta's time"), "\(run.stderr)")
        #expect(try server.tokenRequests() - before == 2)
        #expect(try Self.keptOffsets(s).isEmpty)
    }

    @Test("serve --clock-offset: its Date header runs on the org's clock; out of range is refused")
    func serveOption() throws {
        let server = try DevServerProcess(extraArguments: ["--clock-offset=-7200"])
        let request = URLRequest(url: try #require(URL(string: server.url + "/oauth2/v1/keys")))
        let semaphore = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var date: String?
        URLSession.shared.dataTask(with: request) { _, response, _ in
            date = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Date")
            semaphore.signal()
        }.resume()
        semaphore.wait()
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let header = try #require(date)
        let served = try #require(formatter.date(from: header))
        #expect(abs(served.timeIntervalSinceNow + 7200) < 5, "\(date ?? "")")
        let s = try Scratch()
        expectExplainedFailure(
            try s.pkjwt("serve", "--clock-offset", "400000000"), mentioning: "--clock-offset must be within ten years")
    }
}
