// The one error type of PKJWTConfig: files, .env syntax and locks. No case carries a file's
// contents, and paths are shown only when they look like paths (`DisplayedPath`).

/// What reading or writing local configuration can fail at.
public enum ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A file that cannot be read, or is not what it should be; the message names it safely.
    case unreadable(String)
    /// A file that cannot be written; nothing was left behind.
    case unwritable(String)
    /// A file that exists where pkjwt will not replace it without --force.
    case alreadyExists(path: String)
    /// A .env line python-dotenv could not read either.
    case dotEnvSyntax(line: Int, reason: String)
    /// A value python-dotenv's syntax cannot carry (the key is named, never the value).
    case unwritableValue(key: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let why), .unwritable(let why): why
        case .alreadyExists(let path): "\(DisplayedPath(path)) already exists; pass --force to replace it"
        case .dotEnvSyntax(let line, let reason): "line \(line): \(reason)"
        case .unwritableValue(let key, let reason): "cannot write \(key) to the .env file: \(reason)"
        }
    }
}

/// A path as messages show it: quoted when it looks like a path, withheld when it may be a secret
/// pasted where a path belongs (a key, a token: long, base64-like, multi-line or PEM-like).
public struct DisplayedPath: CustomStringConvertible, Sendable {
    public let path: String

    public init(_ path: String) { self.path = path }

    public var description: String { Self.looksLikePath(path) ? "'\(path)'" : "(a value that does not look like a file path; not shown)" }

    static func looksLikePath(_ path: String) -> Bool {
        let scalars = path.unicodeScalars
        guard !path.isEmpty, path.utf8.count <= 255, !path.contains("-----"), !path.hasPrefix("{"),
              scalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F && !$0.properties.isWhitespace || $0 == " " })
        else { return false }
        // An API token or a bare base64 key has no path separator or extension dot, or is long.
        let base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-".unicodeScalars
        let looksEncoded = scalars.allSatisfy { base64.contains($0) }
        return !(looksEncoded && scalars.count > 24)
    }
}
