import Foundation
import PrivateKeyJWT
import Testing

/// pkjwt rotate against `pkjwt serve`: no failed request while a loop of token calls runs beside it,
/// nothing changed when the new key fails, the plan on --dry-run, and the recorded finish.
@Suite("pkjwt rotate end to end", .serialized)
struct RotateTests {
    /// A loop of `pkjwt token --no-cache` in the scratch folder, one "ok" or "fail" line per call,
    /// until `stop()`: the machines that keep asking for tokens during a rotation.
    final class TokenLoop {
        let process = Process()
        let scratch: Scratch

        init(_ scratch: Scratch) throws {
            self.scratch = scratch
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = [
                "-c",
                """
                while [ ! -f stop ]; do
                  if "$PKJWT" token --no-cache > /dev/null 2>> loop.err; then echo ok >> loop.log; else echo fail >> loop.log; fi
                done
                """,
            ]
            process.currentDirectoryURL = scratch.folder
            process.environment = [
                "PATH": "/usr/bin:/bin", "PKJWT": pkjwtBinary.path, "HOME": scratch.folder.path,
                "XDG_CACHE_HOME": scratch.path(".cache"),
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        var results: [Substring] { ((try? scratch.read("loop.log")) ?? "").split(separator: "\n") }

        /// Waits until `count` more calls have finished (bounded: 120 s).
        func waitFor(_ count: Int) {
            let target = results.count + count
            let deadline = Date().addingTimeInterval(120)
            while results.count < target && Date() < deadline && process.isRunning {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }

        func stop() {
            try? scratch.write("stop", "")
            let deadline = Date().addingTimeInterval(30)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            end(process, graceSeconds: 10)
        }

        deinit { if process.isRunning { stop() } }
    }

    static func keys(_ server: DevServerProcess, _ s: Scratch) throws -> [[String: Any]] {
        let clientID = try #require(
            s.read(".env").split(separator: "\n").first { $0.hasPrefix("CLIENT_ID=") }?.dropFirst(10))
        return try #require(server.get("/api/v1/apps/\(clientID)/credentials/jwks") as? [[String: Any]])
    }

    static func value(_ name: String, in s: Scratch) throws -> String? {
        try s.read(".env").split(separator: "\n").last { $0.hasPrefix(name + "=") }.map {
            String($0.dropFirst(name.count + 1))
        }
    }

    @Test("a rotation with a token loop running beside it: zero failed calls, then only the new key on the app")
    func zeroDowntime() throws {
        let server = try DevServerProcess()
        let s = try DPoPKeyTests.registered(on: server, requireDPoP: false)
        let oldKID = try #require(try Self.value("KEY_ID", in: s))
        let loop = try TokenLoop(s)
        defer { loop.stop() }
        loop.waitFor(3)

        let start = try s.pkjwt("rotate")
        #expect(start.status == 0, "\(start.stderr)")
        let newKID = try #require(try Self.value("KEY_ID", in: s))
        let newFile = try #require(try Self.value("PRIVATE_KEY_FILE", in: s))
        #expect(newKID != oldKID && newFile != "private_key.pem" && s.exists("private_key.pem") && s.exists(newFile))
        #expect(try s.mode(newFile) == 0o600)
        #expect(try Self.value("ROTATION_OLD_KID", in: s) == oldKID)
        #expect(
            try Self.keys(server, s).map { $0["status"] as? String } == ["ACTIVE", "ACTIVE"],
            "both keys active in phase 1")
        loop.waitFor(3)

        let finish = try s.pkjwt("rotate", "--finish")
        #expect(finish.status == 0, "\(finish.stderr)")
        loop.waitFor(3)
        loop.stop()

        let results = loop.results
        #expect(
            results.count >= 9 && !results.contains("fail"),
            "\(results.filter { $0 == "fail" }.count) failed of \(results.count): \((try? s.read("loop.err")) ?? "")")
        let keys = try Self.keys(server, s)
        #expect(keys.count == 1 && keys[0]["kid"] as? String == newKID && keys[0]["status"] as? String == "ACTIVE")
        #expect(!s.exists("private_key.pem"), "the old key file is removed")
        #expect(try Self.value("ROTATION_OLD_KID", in: s) == "''")
        #expect(try s.pkjwt("token", "--no-cache").status == 0)
    }

    @Test("a P-256 key rotates to a new P-256 key: both phases, then only the new EC key on the app")
    func p256() throws {
        let server = try DevServerProcess()
        let s = try Scratch()
        try s.write(".env", server.env(scopes: "okta.users.read"))
        #expect(try s.pkjwt("keygen", "--type", "ec").status == 0)
        #expect(try s.pkjwt("register", "--admin-role", "READ_ONLY_ADMIN").status == 0)
        let oldKID = try #require(try Self.value("KEY_ID", in: s))
        let start = try s.pkjwt("rotate")
        #expect(start.status == 0, "\(start.stderr)")
        let newFile = try #require(try Self.value("PRIVATE_KEY_FILE", in: s))
        let newKey = try P256PrivateKey(pemRepresentation: s.read(newFile))
        #expect(try Self.value("KEY_ID", in: s) == newKey.publicKey.thumbprint && newKey.publicKey.thumbprint != oldKID)
        #expect(try s.pkjwt("token", "--no-cache").status == 0)
        let finish = try s.pkjwt("rotate", "--finish")
        #expect(finish.status == 0, "\(finish.stderr)")
        let keys = try Self.keys(server, s)
        #expect(
            keys.count == 1 && keys[0]["kid"] as? String == newKey.publicKey.thumbprint
                && keys[0]["kty"] as? String == "EC")
    }

    @Test("the new key cannot get a token: nothing local changes and the added key is removed") func failedProof()
        throws
    {
        let server = try DevServerProcess()
        let s = try DPoPKeyTests.registered(on: server, requireDPoP: false)
        let before = try s.read(".env"), files = try s.listing()
        try server.queueFaults(["invalid_client"], for: "POST /oauth2/v1/token")
        let result = try s.pkjwt("rotate")
        expectExplainedFailure(result, mentioning: "the new key could not be used")
        #expect(result.stderr.contains("removed again") && result.stderr.contains("nothing in .env changed"))
        #expect(try s.read(".env") == before)
        #expect(try s.listing() == files, "no new key file left behind")
        #expect(try Self.keys(server, s).count == 1)
        #expect(try s.pkjwt("token", "--no-cache").status == 0)
    }

    @Test("--dry-run prints the plan and changes nothing, in both phases") func dryRun() throws {
        let server = try DevServerProcess()
        let s = try DPoPKeyTests.registered(on: server, requireDPoP: false)
        let before = try s.read(".env"), files = try s.listing()
        let plan = try s.pkjwt("rotate", "--dry-run")
        #expect(plan.status == 0 && plan.stdout.contains("plan: add its public JWK"), "\(plan.stdout) \(plan.stderr)")
        #expect(try s.read(".env") == before && (try s.listing()) == files && (try Self.keys(server, s)).count == 1)
        #expect(try s.pkjwt("rotate").status == 0)
        let during = try s.read(".env")
        let finishPlan = try s.pkjwt("rotate", "--finish", "--dry-run")
        #expect(finishPlan.stdout.contains("plan: deactivate and delete kid"), "\(finishPlan.stdout)")
        #expect(try s.read(".env") == during && (try Self.keys(server, s)).count == 2)
    }

    @Test("a recorded finish: refused before its time, done by the first run after it; one rotation at a time")
    func recordedFinish() throws {
        let server = try DevServerProcess()
        let s = try DPoPKeyTests.registered(on: server, requireDPoP: false)
        let start = try s.pkjwt("rotate", "--finish-after", "24h")
        #expect(start.status == 0 && start.stdout.contains("any 'pkjwt rotate' after"), "\(start.stdout)")
        expectExplainedFailure(try s.pkjwt("rotate"), mentioning: "a rotation is in progress")
        // The recorded time, as if a day had passed: ROTATION_FINISH_AFTER from the environment.
        let later = try s.run(["rotate"], environment: ["ROTATION_FINISH_AFTER": "1"])
        #expect(later.status == 0 && later.stdout.contains("rotation finished"), "\(later.stdout) \(later.stderr)")
        #expect(try Self.keys(server, s).count == 1)
        expectExplainedFailure(try s.pkjwt("rotate", "--finish"), mentioning: "no rotation to finish")
    }

    @Test("a key set in the environment cannot be rotated through .env; bad durations are usage errors") func refusals()
        throws
    {
        let server = try DevServerProcess()
        let s = try DPoPKeyTests.registered(on: server, requireDPoP: false)
        let env = try s.run(["rotate"], environment: ["PRIVATE_KEY_FILE": s.path("private_key.pem")])
        expectExplainedFailure(env, mentioning: "set in the environment")
        for bad in ["soon", "-1h", "1y", "99999d"] {
            expectExplainedFailure(try s.pkjwt("rotate", "--finish-after", bad), mentioning: "--finish-after")
        }
        expectExplainedFailure(
            try s.pkjwt("rotate", "--finish", "--finish-after", "1h"), mentioning: "--finish finishes now")
    }
}
