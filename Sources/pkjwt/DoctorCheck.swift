// One line of `pkjwt doctor`: a check's verdict, what it saw, and the step that fixes a failure.

import Foundation

/// A check's outcome, printed as a line (and its details below it) or as a member of --json's array.
struct DoctorCheck: Encodable, Equatable {
    enum Status: String, Encodable {
        /// Nothing wrong here.
        case pass
        /// Works today, but worth fixing (a clock 40 s off, a key file others can read).
        case warn
        /// This is why no token (or no answer) comes; `fix` says what to do.
        case fail
        /// Not looked at, and `saw` says why (a check before it failed, or API_KEY is not set).
        case skip
    }

    /// The checks in the order they run, as --json names them.
    enum Name: String, Encodable, CaseIterable {
        case configuration, key, network, clock, app, grants, token, call
    }

    let name: Name
    var status: Status
    /// One line: what the check saw. Never a secret.
    var saw: String
    /// For a failure or a warning: the command or console step that fixes it.
    var fix: String?
    /// Further facts, a line each (which layer gave each setting, the app's other keys, ...).
    var details: [String] = []
    /// How long the check's network calls took, when it made any.
    var milliseconds: Int?

    static func pass(_ name: Name, _ saw: String, details: [String] = []) -> DoctorCheck {
        DoctorCheck(name: name, status: .pass, saw: saw, details: details)
    }

    static func fail(_ name: Name, _ saw: String, fix: String, details: [String] = []) -> DoctorCheck {
        DoctorCheck(name: name, status: .fail, saw: saw, fix: fix, details: details)
    }

    static func warn(_ name: Name, _ saw: String, fix: String, details: [String] = []) -> DoctorCheck {
        DoctorCheck(name: name, status: .warn, saw: saw, fix: fix, details: details)
    }

    static func skip(_ name: Name, _ why: String) -> DoctorCheck {
        DoctorCheck(name: name, status: .skip, saw: why)
    }

    /// The text form: a verdict column, the check, what it saw; details and the fix indented below.
    var lines: [String] {
        let head =
            "\(status.rawValue.padding(toLength: 5, withPad: " ", startingAt: 0)) "
            + "\(name.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)) \(saw)"
            + (milliseconds.map { " (\($0) ms)" } ?? "")
        return [head] + details.map { "      " + $0 } + (fix.map { ["      fix: " + $0] } ?? [])
    }
}

/// The whole run, as --json prints it.
struct DoctorReport: Encodable {
    let checks: [DoctorCheck]
    /// 0 when no check failed, 1 when one did.
    let exit_code: Int

    init(checks: [DoctorCheck]) {
        self.checks = checks
        exit_code = checks.contains { $0.status == .fail } ? 1 : 0
    }

    var summary: String {
        let failed = checks.filter { $0.status == .fail }.map(\.name.rawValue)
        let warned = checks.filter { $0.status == .warn }.map(\.name.rawValue)
        var text = failed.isEmpty ? "no check failed" : "failed: \(failed.joined(separator: ", "))"
        if !warned.isEmpty { text += "; warnings: \(warned.joined(separator: ", "))" }
        return text
    }
}
