// One finding of a doctor run: a check's verdict, what it saw, and (typed) the step that fixes a
// failure; the caller words the step in its own terms.

/// A check's outcome.
public struct DoctorCheck: Equatable, Sendable {
    public enum Status: String, Sendable {
        /// Nothing wrong here.
        case pass
        /// Works today, but worth fixing (a clock 40 s off, a key file others can read).
        case warn
        /// This is why no token (or no answer) comes; `fix` says what to do.
        case fail
        /// Not looked at, and `saw` says why (a check before it failed, or API_KEY is not set).
        case skip
    }

    /// The checks in the order they run.
    public enum Name: String, Sendable, CaseIterable {
        case configuration, key, network, clock, app, grants, token, call
    }

    public let name: Name
    public var status: Status
    /// One line: what the check saw. Never a secret.
    public var saw: String
    /// For a failure or a warning: the step that fixes it.
    public var fix: DoctorFix?
    /// Further facts, a line each (which layer gave each setting, the app's other keys, ...).
    public var details: [String]
    /// How long the check's network calls took, when it made any.
    public var milliseconds: Int?

    public init(
        _ name: Name, _ status: Status, saw: String, fix: DoctorFix? = nil, details: [String] = [],
        milliseconds: Int? = nil
    ) {
        (self.name, self.status, self.saw, self.fix) = (name, status, saw, fix)
        (self.details, self.milliseconds) = (details, milliseconds)
    }

    static func pass(_ name: Name, _ saw: String, details: [String] = []) -> DoctorCheck {
        DoctorCheck(name, .pass, saw: saw, details: details)
    }

    static func fail(_ name: Name, _ saw: String, fix: DoctorFix, details: [String] = []) -> DoctorCheck {
        DoctorCheck(name, .fail, saw: saw, fix: fix, details: details)
    }

    static func warn(_ name: Name, _ saw: String, fix: DoctorFix, details: [String] = []) -> DoctorCheck {
        DoctorCheck(name, .warn, saw: saw, fix: fix, details: details)
    }

    static func skip(_ name: Name, _ why: String) -> DoctorCheck { DoctorCheck(name, .skip, saw: why) }
}
