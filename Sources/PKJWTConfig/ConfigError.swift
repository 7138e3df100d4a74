// The one error type of this module: files, .env syntax, locks and key files. No case carries a file's
// contents, and paths are shown only when they look like paths (`DisplayedPath`).

/// What reading or writing local configuration can fail at; each reason is a case (ConfigRules.swift).
public enum ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A file that cannot be read as needed. `what` says what it should hold ("key file"); `path` is
    /// nil for standard input.
    case unreadable(what: String, path: String?, ReadProblem)
    /// A file or folder that cannot be written; nothing was left behind.
    case unwritable(path: String, WriteProblem)
    /// A file that exists where the caller asked for a new one (the CLI says how to replace it).
    case alreadyExists(path: String)
    /// A .env line python-dotenv could not read either.
    case dotEnvSyntax(line: Int, DotEnvRule)
    /// The same in the .env file at `path`, as read by `DotEnvStore`.
    case dotEnvFileSyntax(path: String, line: Int, DotEnvRule)
    /// A value python-dotenv's syntax cannot carry (the key is named, never the value).
    case unwritableValue(key: String, ValueProblem)
    /// A private key that a setting names but that cannot be used.
    case key(KeyOrigin, KeyProblem)

    public var description: String {
        switch self {
        case .unreadable(let what, let path, let problem): problem.description(what: what, path: path)
        case .unwritable(let path, let problem): problem.description(path: path)
        case .alreadyExists(let path): "\(DisplayedPath(path)) already exists"
        case .dotEnvSyntax(let line, let rule): "line \(line): \(rule)"
        case .dotEnvFileSyntax(let path, let line, let rule):
            "cannot read \(DisplayedPath(path)): line \(line): \(rule) (python-dotenv syntax: KEY=value, 'quoted', "
                + "\"quoted\", # comments)"
        case .unwritableValue(let key, let problem): "cannot write \(key) to the .env file: \(problem)"
        case .key(let origin, let problem): problem.description(origin: origin)
        }
    }
}

/// A path as messages show it: quoted when it looks like a path, withheld when it may be a secret
/// pasted where a path belongs (a key, a token: long, base64-like, multi-line or PEM-like).
public struct DisplayedPath: CustomStringConvertible, Sendable {
    public let path: String

    public init(_ path: String) { self.path = path }

    public var description: String {
        Self.looksLikePath(path) ? "'\(path)'" : "(a value that does not look like a file path; not shown)"
    }

    /// True for what a person types as a file path; false for a pasted key or token: multi-line,
    /// PEM- or JSON-like, very long, or with a component (between '/', '.' and '-') that is a long
    /// run of mixed-case base64 with digits (a token, a JWT part, a line of a key).
    public static func looksLikePath(_ path: String) -> Bool {
        guard !path.isEmpty, path.utf8.count <= 255, !path.contains("-----"), !path.hasPrefix("{"),
            path.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x7F })
        else { return false }
        // '-' separates too: temporary folders carry UUIDs ("tmp-66086B74-511C-...").
        return !path.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" }).contains(where: isEncodedRun)
    }

    private static func isEncodedRun(_ component: Substring) -> Bool {
        let bytes = component.utf8
        guard bytes.count > 24 else { return false }
        let isBase64 = bytes.allSatisfy {
            isAlphanumeric($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: "_")
                || $0 == UInt8(ascii: "-")
        }
        let mixed =
            bytes.contains { (0x41...0x5A).contains($0) } && bytes.contains { (0x61...0x7A).contains($0) }
            && bytes.contains { (0x30...0x39).contains($0) }
        return isBase64 && mixed
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
