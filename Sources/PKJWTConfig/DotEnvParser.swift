// python-dotenv 1.2.2's grammar (its parser.py and variables.py), read over bytes: `DotEnvFile`
// keeps what this parser finds.

/// python-dotenv's grammar over bytes. Keys before a line win over the environment in ${VAR}
/// expansion (python-dotenv's dotenv_values, override=True), which applies to every value, quoted or
/// not, as python-dotenv 1.x does.
struct DotEnvParser {
    private let bytes: [UInt8]
    private var index = 0
    private let environment: [String: String]
    private var seen: [String: String] = [:]
    /// Bytes that expansion has produced so far. ${VAR} can double a value per line
    /// (A=${A}${A}), so without a bound a small file expands past any memory.
    private var expandedBytes = 0
    static let maximumExpandedBytes = 4 << 20

    init(bytes: [UInt8], environment: [String: String]) {
        self.bytes = bytes
        self.environment = environment
        // A UTF-8 byte-order mark is not part of the first key (it stays in the file).
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func parseAll() throws(ConfigError) -> [DotEnvFile.Entry] {
        var entries = [DotEnvFile.Entry]()
        while true {
            skip { Self.isSpace($0) || Self.isLineBreak($0) }
            guard let byte = current else { return entries }
            if byte == UInt8(ascii: "#") { skipToEndOfLine(); continue }
            if let entry = try parseEntry() {
                entries.append(entry)
                seen[entry.key] = entry.value
            }
        }
    }

    private mutating func parseEntry() throws(ConfigError) -> DotEnvFile.Entry? {
        // _export: "export" followed by at least one space or tab.
        if bytes[index...].starts(with: Array("export".utf8)), index + 6 < bytes.count, Self.isSpace(bytes[index + 6]) {
            index += 6
            skip(Self.isSpace)
        }
        let key = try parseKey()
        skip(Self.isSpace)
        // A key with no '=' has no value (python-dotenv gives None): skip it.
        guard current == UInt8(ascii: "=") else {
            try expectEndOfLine()
            return nil
        }
        index += 1
        skip(Self.isSpace)
        let start = index
        let raw = try parseValue()
        let span = start..<index
        let commentFollowsDirectly = current == UInt8(ascii: "#")
        try expectEndOfLine()
        return DotEnvFile.Entry(
            key: key, value: try expand(raw), valueSpan: span, commentFollowsDirectly: commentFollowsDirectly)
    }

    /// _unquoted_key `[^=#\s]+`, or _single_quoted_key `'[^']+'`.
    private mutating func parseKey() throws(ConfigError) -> String {
        if current == UInt8(ascii: "'") {
            let start = index + 1
            guard let close = bytes[start...].firstIndex(of: UInt8(ascii: "'")), close > start else {
                throw failure(.expectedKeyValue)
            }
            index = close + 1
            return String(decoding: bytes[start..<close], as: UTF8.self)
        }
        let start = index
        skip { Self.isKeyByte($0) }
        guard index > start else { throw failure(.expectedKeyValue) }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    static func isValidKey(_ key: [UInt8]) -> Bool {
        !key.isEmpty && key.allSatisfy(isKeyByte) && key.first != UInt8(ascii: "'")
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        byte != UInt8(ascii: "=") && byte != UInt8(ascii: "#") && !isSpace(byte) && !isLineBreak(byte) && byte != 0x0B
            && byte != 0x0C
    }

    private mutating func parseValue() throws(ConfigError) -> String {
        switch current {
        case UInt8(ascii: "'")?: return try parseQuoted(UInt8(ascii: "'"), escapes: Array("\\'".utf8))
        case UInt8(ascii: "\"")?: return try parseQuoted(UInt8(ascii: "\""), escapes: Array("\\'\"abfnrtv".utf8))
        default: return parseBare()
        }
    }

    /// _unquoted_value: to the end of the line, less an inline comment (whitespace then '#') and
    /// trailing whitespace.
    private mutating func parseBare() -> String {
        let start = index
        var end = index
        var previousWasSpace = false
        while let byte = current, !Self.isLineBreak(byte) {
            if byte == UInt8(ascii: "#") && previousWasSpace { break }
            previousWasSpace = Self.isSpace(byte)
            index += 1
            if !previousWasSpace { end = index }
        }
        index = end
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// _single_quoted_value `'((?:\\'|[^'])*)'` (and the double-quoted twin): a quote right after a
    /// backslash does not close the value. When no closing quote follows, the regex backtracks to
    /// the last escaped quote, and so does this.
    private mutating func parseQuoted(_ quote: UInt8, escapes: [UInt8]) throws(ConfigError) -> String {
        let open = index
        let start = index + 1
        var cursor = start
        var lastEscapedQuote: Int?
        var close: Int?
        while cursor < bytes.count {
            if bytes[cursor] == UInt8(ascii: "\\"), cursor + 1 < bytes.count, bytes[cursor + 1] == quote {
                lastEscapedQuote = cursor + 1
                cursor += 2
            } else if bytes[cursor] == quote {
                close = cursor
                break
            } else {
                cursor += 1
            }
        }
        guard let end = close ?? lastEscapedQuote else {
            index = bytes.count
            throw ConfigError.dotEnvSyntax(line: lineNumber(at: open), .quoteNeverClosed)
        }
        index = end + 1
        return Self.unescape(Self.universalNewlines(bytes[start..<end]), escapes: escapes)
    }

    /// Python reads the file with universal newlines: CRLF and a lone CR arrive as LF.
    private static func universalNewlines(_ raw: ArraySlice<UInt8>) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(raw.count)
        var i = raw.startIndex
        while i < raw.endIndex {
            if raw[i] == UInt8(ascii: "\r") {
                out.append(UInt8(ascii: "\n"))
                if i + 1 < raw.endIndex, raw[i + 1] == UInt8(ascii: "\n") { i += 1 }
            } else {
                out.append(raw[i])
            }
            i += 1
        }
        return out
    }

    /// decode_escapes: each backslash followed by one of `escapes` is decoded, left to right; any
    /// other backslash stays as it is.
    private static func unescape(_ raw: [UInt8], escapes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            if raw[i] == UInt8(ascii: "\\"), i + 1 < raw.count, escapes.contains(raw[i + 1]) {
                out.append(decoded(raw[i + 1]))
                i += 2
            } else {
                out.append(raw[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func decoded(_ escape: UInt8) -> UInt8 {
        switch escape {
        case UInt8(ascii: "a"): 0x07
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        case UInt8(ascii: "v"): 0x0B
        default: escape
        }
    }

    /// variables.py's `\$\{(?P<name>[^}:]*)(?::-(?P<default>[^}]*))?\}`: keys above in the file,
    /// then the environment, then the default (or nothing).
    private mutating func expand(_ value: String) throws(ConfigError) -> String {
        guard value.contains("${") else { return value }
        let scalars = Array(value.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if let (replacement, end) = variable(in: scalars, at: i) {
                expandedBytes += replacement.utf8.count
                guard expandedBytes <= Self.maximumExpandedBytes else {
                    throw failure(.expansionTooLong)
                }
                out.append(contentsOf: replacement.unicodeScalars)
                i = end
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out)
    }

    /// The expansion of a ${...} starting at `start`, and the index after it; nil when none starts there.
    private func variable(in scalars: [Unicode.Scalar], at start: Int) -> (String, Int)? {
        guard start + 1 < scalars.count, scalars[start] == "$", scalars[start + 1] == "{" else { return nil }
        var i = start + 2
        while i < scalars.count, scalars[i] != "}", scalars[i] != ":" { i += 1 }
        let name = String(String.UnicodeScalarView(scalars[(start + 2)..<i]))
        var fallback = ""
        if i < scalars.count, scalars[i] == ":" {
            guard i + 1 < scalars.count, scalars[i + 1] == "-" else { return nil }
            let defaultStart = i + 2
            i = defaultStart
            while i < scalars.count, scalars[i] != "}" { i += 1 }
            fallback = String(String.UnicodeScalarView(scalars[defaultStart..<min(i, scalars.count)]))
        }
        guard i < scalars.count, scalars[i] == "}" else { return nil }
        return (seen[name] ?? environment[name] ?? fallback, i + 1)
    }

    /// _comment then _end_of_line.
    private mutating func expectEndOfLine() throws(ConfigError) {
        skip(Self.isSpace)
        if current == UInt8(ascii: "#") { skipToEndOfLine() }
        guard let byte = current, !Self.isLineBreak(byte) else { return }
        throw failure(.textAfterValue)
    }

    private mutating func skip(_ predicate: (UInt8) -> Bool) {
        while let byte = current, predicate(byte) { index += 1 }
    }

    private mutating func skipToEndOfLine() { skip { !Self.isLineBreak($0) } }

    private func failure(_ rule: ConfigError.DotEnvRule) -> ConfigError {
        .dotEnvSyntax(line: lineNumber(at: index), rule)
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    private static func isLineBreak(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") }

    /// 1-based; CRLF, LF and a lone CR each end a line. Linear in `position`: called only to
    /// report an error, never per entry.
    private func lineNumber(at position: Int) -> Int {
        var line = 1
        var i = 0
        while i < min(position, bytes.count) {
            if bytes[i] == UInt8(ascii: "\n")
                || (bytes[i] == UInt8(ascii: "\r") && (i + 1 >= bytes.count || bytes[i + 1] != UInt8(ascii: "\n")))
            {
                line += 1
            }
            i += 1
        }
        return line
    }
}
