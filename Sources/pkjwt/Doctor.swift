// pkjwt doctor: the checks that find why no token comes, in the order a token depends on them, each
// with what it saw and the step that fixes it.

import ArgumentParser
import Foundation
import OktaAPI
import OktaConfig
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
        var run = DoctorRun(options: options, callPath: path)
        let report = DoctorReport(checks: await run.all())
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

/// What the checks learn, handed from each to the next.
struct DoctorRun {
    let options: ConfigOptions
    let callPath: String
    let http: OktaHTTPClient
    var configuration: Configuration?
    var key: RSAPrivateKey?
    var org: OktaOrg?
    var probe: OrgProbe?
    var app: OktaApp?
    var token: Token.Result?
    /// The hint of a refused token request or call, for the checks that were skipped without API_KEY.
    var refusal: OktaHint?

    init(options: ConfigOptions, callPath: String) {
        self.options = options
        self.callPath = callPath
        http = options.http
    }

    /// Every check in order; each one is reported, whatever the ones before it found.
    mutating func all() async -> [DoctorCheck] {
        var checks = [configurationCheck(), keyCheck()]
        checks.append(await networkCheck())
        checks.append(clockCheck())
        let (app, grants) = await appChecks()
        checks += [app, grants]
        checks.append(await tokenCheck())
        checks.append(await callCheck())
        return traced(checks)
    }

    /// Without API_KEY, the app and grants checks say what the token request's refusal points at.
    private func traced(_ checks: [DoctorCheck]) -> [DoctorCheck] {
        guard let refusal, let name = Self.check(pointedAtBy: refusal) else { return checks }
        return checks.map { check in
            guard check.name == name, check.status == .skip else { return check }
            return .fail(
                name, "not read (no API_KEY), but Okta's refusal points here: \(OktaWords.hint(refusal))",
                fix: "set API_KEY and run pkjwt doctor again to see the app's settings; "
                    + (Self.consoleStep[name] ?? ""))
        }
    }

    /// The check a hint is about, when it is one doctor reads only with API_KEY.
    static func check(pointedAtBy hint: OktaHint) -> DoctorCheck.Name? {
        switch hint {
        case .registerKey, .checkClientCredentials, .turnOnDPoP, .registerServiceApp, .useServiceApp, .noSuchApp,
            .keyRemoved:
            .app
        case .grantScopes, .grantAdminRole: .grants
        default: nil
        }
    }

    static let consoleStep: [DoctorCheck.Name: String] = [
        .app:
            "in the Admin Console open the app (Applications > Applications): it must be Active, its client "
            + "authentication 'Public key / Private key', with this key Active among its public keys",
        .grants:
            "in the Admin Console open the app: grant the scopes on its 'Okta API Scopes' tab and an admin role on "
            + "its 'Admin roles' tab",
    ]

    /// A thrown error in the words pkjwt uses everywhere.
    static func words(_ error: any Error) -> String {
        switch error {
        // The hint goes on the fix line, not twice.
        case OktaAPIError.okta(let failure): failure.description(hint: nil)
        default: Output.words(for: error)
        }
    }

    /// Milliseconds since `start`, for the checks that call Okta.
    static func milliseconds(since start: Date) -> Int { Int((Date().timeIntervalSince(start) * 1000).rounded()) }
}
