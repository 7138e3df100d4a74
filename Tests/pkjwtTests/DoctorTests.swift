import Foundation
import OktaDoctor
import Testing

@testable import pkjwt

/// pkjwt doctor against `pkjwt serve`: one all-pass run, and each check made to fail as Okta would
/// fail it, with doctor naming that check and its fix.
@Suite("pkjwt doctor: each check fails for its own cause and says the fix")
struct DoctorTests {
    static let server = try! DevServerProcess()

    /// A folder with a key registered on `server`, scopes granted and (unless `role` is nil) an admin role.
    static func registered(
        on server: DevServerProcess = server, scopes: String = "okta.users.read", role: String? = "READ_ONLY_ADMIN",
        dpop: Bool = false
    ) throws -> Scratch {
        let s = try Scratch()
        try s.write(".env", server.env(scopes: scopes))
        #expect(try s.pkjwt("keygen").status == 0)
        let register = try s.run(["register"] + (role.map { ["--admin-role", $0] } ?? []) + (dpop ? ["--dpop"] : []))
        #expect(register.status == 0, "\(register.stderr)")
        return s
    }

    /// `pkjwt doctor --json` in `s`: the run, and the checks by name.
    static func doctor(_ s: Scratch, environment: [String: String] = [:], _ extra: String...) throws -> (
        RunResult, [String: [String: Any]]
    ) {
        let run = try s.run(["doctor", "--json"] + extra, environment: environment)
        let report = try jsonObject(run.stdout)
        let checks = report["checks"] as? [[String: Any]] ?? []
        #expect(
            checks.compactMap { $0["name"] as? String } == [
                "configuration", "key", "network", "clock", "app", "grants", "token", "call",
            ])
        #expect(report["exit_code"] as? Int == Int(run.status))
        return (run, Dictionary(checks.map { ($0["name"] as? String ?? "", $0) }) { $1 })
    }

    /// The check's status is `status` and its fix mentions `fix`.
    static func expect(
        _ checks: [String: [String: Any]], _ name: String, _ status: String, fix: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let check = checks[name] ?? [:]
        #expect(check["status"] as? String == status, "\(name): \(check)", sourceLocation: sourceLocation)
        if let fix {
            #expect(
                (check["fix"] as? String)?.contains(fix) == true, "\(name): \(check)", sourceLocation: sourceLocation)
        }
    }

    @Test("a registered app with a role: every check passes, exit 0, no secret printed")
    func allPass() throws {
        let s = try Self.registered()
        let (run, checks) = try Self.doctor(s)
        #expect(run.status == 0, "\(run.stdout)")
        for name in checks.keys { Self.expect(checks, name, "pass") }
        #expect((checks["token"]?["milliseconds"] as? Int) != nil)
        let text = try s.pkjwt("doctor")
        #expect(text.status == 0 && text.stdout.split(separator: "\n").filter { $0.hasPrefix("pass ") }.count == 8)
        // Neither the API token nor the key nor the access token appears anywhere.
        let key = try s.read("private_key.pem").split(separator: "\n")[1]
        for output in [run.stdout, run.stderr, text.stdout, text.stderr] {
            #expect(!output.contains(Self.server.apiToken) && !output.contains(key) && !output.contains("eyJ"))
        }
    }

    @Test("a report standard output refuses (a full device) exits 2 and says so")
    func unwritable() throws {
        let s = try Self.registered()
        let process = Process()
        process.executableURL = pkjwtBinary
        process.arguments = ["doctor"]
        process.currentDirectoryURL = s.folder
        process.environment = ["HOME": s.folder.path, "XDG_CACHE_HOME": s.path(".cache"), "PATH": "/usr/bin:/bin"]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(said.contains("the report could not be written to standard output"), "\(said)")
    }

    @Test("the text form: one line per check, the fix under a failure, the verdict on stderr")
    func text() throws {
        let s = try Self.registered()
        let run = try s.run(["doctor"], environment: ["SCOPES": "okta.users.read okta.groups.read"])
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.filter { !$0.hasPrefix(" ") }.count == 8)
        #expect(lines.contains { $0.hasPrefix("fail  grants") })
        #expect(lines.contains { $0.hasPrefix("      fix: run 'pkjwt register'") })
        #expect(run.stderr == "pkjwt doctor: failed: grants, token\n", "\(run.stderr)")
    }

    @Test("a check's lines: the verdict column, details and pkjwt's words for the fix indented below")
    func lines() {
        let check = DoctorLine(
            DoctorCheck(
                .grants, .fail, saw: "not granted: okta.groups.read", fix: .grantScopes, details: ["granted: none"],
                milliseconds: 12))
        #expect(
            check.lines == [
                "fail  grants         not granted: okta.groups.read (12 ms)", "      granted: none",
                "      fix: run 'pkjwt register' (it grants SCOPES), or grant them on the app's Okta API Scopes tab",
            ])
        #expect(DoctorReport(checks: [check, DoctorLine(DoctorCheck(.key, .pass, saw: "ok"))]).exit_code == 1)
        let warned = DoctorLine(DoctorCheck(.clock, .warn, saw: "40 s", fix: .setClock))
        #expect(DoctorReport(checks: [warned, DoctorLine(DoctorCheck(.app, .skip, saw: "no API_KEY"))]).exit_code == 0)
    }
}
