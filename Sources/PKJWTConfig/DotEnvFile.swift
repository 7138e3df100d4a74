// .env files in python-dotenv 1.2.2's syntax (its parser.py and variables.py): read with quotes,
// multi-line values, comments and `export`; updated in place, every other byte kept.
//
//   line  = [ "export" ws ] KEY [ ws ] [ "=" [ ws ] VALUE ] [ ws "#" comment ]
//   VALUE = bare / 'single-quoted' / "double-quoted"; quoted values may span lines
//
// The file is read as bytes, not as Swift Characters: a combining mark after a quote or a "}"
// would otherwise fuse with it into one Character and hide it from the parser; bytes also keep an
// invalid UTF-8 line and a byte-order mark exactly as they were when another line is rewritten.

/// A parsed .env file that remembers where each value sits, so an update touches nothing else.
public struct DotEnvFile: Sendable {
    public struct Entry: Sendable {
        public let key: String
        public let value: String
        /// The value's bytes in the file, quotes included (empty for `KEY=`).
        let valueSpan: Range<Int>
        /// True when a '#' follows the value with no space: a bare value written there would swallow it.
        let commentFollowsDirectly: Bool
    }

    /// The file's bytes as they are now.
    public private(set) var bytes: [UInt8]
    public private(set) var entries: [Entry] = []
    private let environment: [String: String]

    /// Parses `bytes`; a line python-dotenv could not read either is an error naming the line.
    public init(bytes: [UInt8], environment: [String: String] = [:]) throws(ConfigError) {
        self.bytes = bytes
        self.environment = environment
        var parser = DotEnvParser(bytes: bytes, environment: environment)
        entries = try parser.parseAll()
    }

    /// The last value given for `key`.
    public func value(_ key: String) -> String? { entries.last { $0.key == key }?.value }

    /// All keys and their values (later entries win).
    public var values: [String: String] { Dictionary(entries.map { ($0.key, $0.value) }) { $1 } }

    /// Sets `key`: rewrites the value of its last entry in place (its `export`, spacing and comment
    /// stay), or appends a line. Every other byte is untouched.
    public mutating func set(_ key: String, _ value: String) throws(ConfigError) {
        guard DotEnvParser.isValidKey(Array(key.utf8)) else {
            throw .unwritableValue(key: key, .invalidKey)
        }
        if let entry = entries.last(where: { $0.key == key }) {
            let encoded = try Self.encoded(value, key: key, bareAllowed: !entry.commentFollowsDirectly)
            bytes.replaceSubrange(entry.valueSpan, with: encoded)
        } else {
            if let last = bytes.last, last != UInt8(ascii: "\n"), last != UInt8(ascii: "\r") { bytes += lineBreak }
            bytes +=
                Array(key.utf8) + [UInt8(ascii: "=")] + (try Self.encoded(value, key: key, bareAllowed: true))
                + lineBreak
        }
        self = try DotEnvFile(bytes: bytes, environment: environment)
    }

    /// The file's own line break (CRLF when its first line ends so), for appended lines.
    private var lineBreak: [UInt8] {
        guard let lf = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return [UInt8(ascii: "\n")] }
        return lf > 0 && bytes[lf - 1] == UInt8(ascii: "\r")
            ? [UInt8(ascii: "\r"), UInt8(ascii: "\n")] : [UInt8(ascii: "\n")]
    }

    /// A value in the form python-dotenv reads back as exactly `value`: bare when plain, else
    /// single-quoted (no escapes apply inside), else double-quoted with \\ \" \n \r escapes.
    ///
    /// Two kinds of value have no such form, and are refused rather than written wrongly: one
    /// containing "${" (python-dotenv expands it inside every kind of quote), and one ending in a
    /// backslash that cannot stand bare (a quote after a backslash does not close the value).
    static func encoded(_ value: String, key: String, bareAllowed: Bool) throws(ConfigError) -> [UInt8] {
        let scalars = value.unicodeScalars
        guard !value.contains("${") else {
            throw .unwritableValue(key: key, .expansionMarker)
        }
        let plain = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-./:@+,=".unicodeScalars
        if bareAllowed, !value.isEmpty, scalars.allSatisfy({ plain.contains($0) }) { return Array(value.utf8) }
        let quoteOrBackslash = scalars.contains { $0 == "'" || $0 == "\\" }
        // CR is read back as LF (Python opens the file with universal newlines): only escaped is it kept.
        if !quoteOrBackslash, !scalars.contains("\r") { return Array(("'" + value + "'").utf8) }
        guard scalars.last != "\\" else {
            throw .unwritableValue(key: key, .trailingBackslash)
        }
        var escaped = String.UnicodeScalarView()
        for scalar in scalars {
            switch scalar {
            case "\\": escaped.append(contentsOf: "\\\\".unicodeScalars)
            case "\"": escaped.append(contentsOf: "\\\"".unicodeScalars)
            case "\n": escaped.append(contentsOf: "\\n".unicodeScalars)
            case "\r": escaped.append(contentsOf: "\\r".unicodeScalars)
            default: escaped.append(scalar)
            }
        }
        return Array(("\"" + String(escaped) + "\"").utf8)
    }
}
