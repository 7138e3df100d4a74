// pkjwt doctor: OktaDoctor's checks run with pkjwt's configuration and token flow, each printed with
// what it saw and, in pkjwt's words, the step that fixes it.

import ArgumentParser
import Foundation
import OktaAPI
import OktaConfig
import OktaDoctor
import PrivateKeyJWT

struct Doctor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Find why no token comes: check the settings, key, network, clock, app, grants, token and a call.",
        discussion: """
            One line per check: pass, warn, fail or skip, what it saw, and for a failure the command or console \
            step that fixes it. The app and grants checks read the app's settings with API_KEY; without it they \
            are skipped, and a refused token request is traced to the check it points at. Exit status: 0 when no \
            check failed, 1 when one did, 2 when doctor could not get its report out (standard output refused \
            it). No secret is printed.
            """)

    @OptionGroup var options: ConfigOptions

    @OptionGroup var output: JSONOption

    @Option(name: .long, help: "The org path the last check calls with the token.")
    var path = "/api/v1/users?limit=1"

    func run() async throws {
        let http = options.http
        var run = DoctorRun(
            .init(
                load: { [options] in try options.load() }, tokens: { $0.tokens(http: http) }, http: http,
                caFile: options.cacert, caFileOption: "--cacert", callPath: path, describe: Output.words(for:)))
        let report = DoctorReport(checks: await run.all().map(DoctorLine.init))
        let text =
            output.json
            ? String(decoding: sortedJSON(report, pretty: true), as: UTF8.self) + "\n"
            : report.checks.flatMap(\.lines).map { $0 + "\n" }.joined()
        // A report nobody can read is no verdict: the checks ran, but doctor did not get its answer out.
        guard Output.unbuffered(text) else {
            Output.diagnostic(
                "pkjwt doctor: the report could not be written to standard output (\(String(cString: strerror(errno))))"
            )
            throw ExitCode(2)
        }
        if !output.json { Output.diagnostic("pkjwt doctor: \(report.summary)") }
        throw ExitCode(Int32(report.exit_code))
    }
}

/// A check as pkjwt prints it: a line (and its details below it), or a member of --json's array.
struct DoctorLine: Encodable, Equatable {
    let name: String
    let status: String
    let saw: String
    let fix: String?
    let details: [String]
    let milliseconds: Int?

    init(_ check: DoctorCheck) {
        (name, status, saw, details, milliseconds) = (
            check.name.rawValue, check.status.rawValue, check.saw, check.details, check.milliseconds
        )
        fix = check.fix.map(DoctorWords.fix)
    }

    /// The text form: a verdict column, the check, what it saw; details and the fix indented below.
    var lines: [String] {
        let head =
            "\(status.padding(toLength: 5, withPad: " ", startingAt: 0)) "
            + "\(name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(saw)"
            + (milliseconds.map { " (\($0) ms)" } ?? "")
        return [head] + details.map { "      " + $0 } + (fix.map { ["      fix: " + $0] } ?? [])
    }
}

/// The whole run, as --json prints it.
struct DoctorReport: Encodable {
    let checks: [DoctorLine]
    /// 0 when no check failed, 1 when one did.
    let exit_code: Int

    init(checks: [DoctorLine]) {
        self.checks = checks
        exit_code = checks.contains { $0.status == "fail" } ? 1 : 0
    }

    var summary: String {
        let failed = checks.filter { $0.status == "fail" }.map(\.name)
        let warned = checks.filter { $0.status == "warn" }.map(\.name)
        var text = failed.isEmpty ? "no check failed" : "failed: \(failed.joined(separator: ", "))"
        if !warned.isEmpty { text += "; warnings: \(warned.joined(separator: ", "))" }
        return text
    }
}
