// .env files in python-dotenv syntax: read with quotes, multi-line values, comments and `export`;
// updated atomically, every other byte kept.

import Foundation

/// A parsed .env file that remembers where each entry sits, so updates touch nothing else.
struct DotEnvFile {
    struct Entry {
        let key: String
        let value: String
        /// From the start of the entry's first line to the end of its last line (newline excluded).
        let span: Range<String.Index>
    }

    private(set) var text: String
    private(set) var entries: [Entry] = []

    /// Parses `text`; a line python-dotenv could not read either is an error naming the line.
    init(text: String, environment: [String: String] = [:]) throws {
        self.text = text
        var parser = DotEnvParser(text: text, environment: environment)
        entries = try parser.parseAll()
    }

    /// The last value given for `key`.
    func value(_ key: String) -> String? { entries.last { $0.key == key }?.value }

    /// All keys and their values (later entries win).
    var values: [String: String] { Dictionary(entries.map { ($0.key, $0.value) }) { $1 } }

    /// Sets `key`: rewrites its last entry in place, or appends a line. Other bytes are untouched.
    mutating func set(_ key: String, _ value: String) throws {
        let line = key + "=" + Self.quoted(value)
        if let entry = entries.last(where: { $0.key == key }) {
            text.replaceSubrange(entry.span, with: line)
        } else {
            if let last = text.last, !DotEnvParser.isLineBreak(last) { text += "\n" }
            text += line + "\n"
        }
        self = try DotEnvFile(text: text)
    }

    /// A value as python-dotenv reads it back: bare when plain, else single-quoted, else
    /// double-quoted with backslash escapes. (No form protects a literal "${": pkjwt never writes one.)
    static func quoted(_ value: String) -> String {
        let plain = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-./:@+,=")
        if !value.isEmpty && value.unicodeScalars.allSatisfy(plain.contains) { return value }
        if !value.contains("'") && !value.contains("\\") { return "'" + value + "'" }
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
        return "\"" + escaped + "\""
    }
}

/// python-dotenv's grammar (its parser.py): `[export] KEY [= VALUE] [# comment]`, VALUE bare,
/// 'single-quoted' (\\ and \' escapes) or "double-quoted" (backslash escapes); quoted values may
/// span lines; ${VAR} and ${VAR:-default} expand in every value, quoted or not (as python-dotenv
/// 1.x does).
struct DotEnvParser {
    struct Failure: Error, CustomStringConvertible {
        let line: Int
        let reason: String
        var description: String { "line \(line): \(reason)" }
    }

    private let text: String
    private var index: String.Index
    private let environment: [String: String]
    private var seen: [String: String] = [:]

    init(text: String, environment: [String: String]) {
        self.text = text
        index = text.startIndex
        self.environment = environment
    }

    mutating func parseAll() throws -> [DotEnvFile.Entry] {
        var entries = [DotEnvFile.Entry]()
        while index < text.endIndex {
            skip { $0 == " " || $0 == "\t" || Self.isLineBreak($0) }
            guard index < text.endIndex else { break }
            if text[index] == "#" { skipToEndOfLine(); continue }
            let start = index
            let entry = try parseEntry(start: start)
            if let entry { entries.append(entry); seen[entry.key] = entry.value }
        }
        return entries
    }

    private mutating func parseEntry(start: String.Index) throws -> DotEnvFile.Entry? {
        if text[index...].hasPrefix("export "), let after = text.index(index, offsetBy: 7, limitedBy: text.endIndex) {
            index = after
            skip { $0 == " " || $0 == "\t" }
        }
        let key = try parseKey()
        skip { $0 == " " || $0 == "\t" }
        // A key with no '=' has no value (python-dotenv gives None): skip it.
        guard index < text.endIndex, text[index] == "=" else {
            try expectEndOfLine()
            return nil
        }
        index = text.index(after: index)
        skip { $0 == " " || $0 == "\t" }
        let value = try parseValue()
        let end = index
        try expectEndOfLine()
        return DotEnvFile.Entry(key: key, value: value, span: start..<end)
    }

    private mutating func parseKey() throws -> String {
        let start = index
        while index < text.endIndex, !" \t=#".contains(text[index]), !Self.isLineBreak(text[index]) { index = text.index(after: index) }
        let key = String(text[start..<index])
        guard !key.isEmpty else { throw Failure(line: lineNumber, reason: "expected KEY=VALUE") }
        return key
    }

    private mutating func parseValue() throws -> String {
        guard index < text.endIndex else { return "" }
        switch text[index] {
        case "'": return expand(try parseQuoted("'"))
        case "\"": return expand(try parseQuoted("\""))
        default:
            // An unquoted value ends at whitespace followed by '#' (an inline comment), or the line's end.
            let start = index
            var end = index
            var previousWasSpace = false
            while index < text.endIndex, !Self.isLineBreak(text[index]) {
                let c = text[index]
                if c == "#" && previousWasSpace { break }
                previousWasSpace = c == " " || c == "\t"
                index = text.index(after: index)
                if !previousWasSpace { end = index }
            }
            index = end
            return expand(String(text[start..<end]))
        }
    }

    private mutating func parseQuoted(_ quote: Character) throws -> String {
        let openLine = lineNumber
        index = text.index(after: index)
        var value = ""
        while index < text.endIndex {
            let c = text[index]
            if c == quote { index = text.index(after: index); return value }
            if c == "\\", let next = text.index(index, offsetBy: 1, limitedBy: text.endIndex), next < text.endIndex {
                value += Self.unescape(text[next], in: quote)
                index = text.index(after: next)
                continue
            }
            value.append(c)
            index = text.index(after: index)
        }
        throw Failure(line: openLine, reason: "the \(quote)-quoted value is never closed")
    }

    /// python-dotenv's escapes: in single quotes \\ and \' only; in double quotes also \" \a \b \f
    /// \n \r \t \v. Any other backslash stays as it is.
    private static func unescape(_ c: Character, in quote: Character) -> String {
        if quote == "'" { return c == "'" || c == "\\" ? String(c) : "\\" + String(c) }
        switch c {
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "a": return "\u{07}"
        case "b": return "\u{08}"
        case "f": return "\u{0C}"
        case "v": return "\u{0B}"
        case "\"", "\\", "'": return String(c)
        default: return "\\" + String(c)
        }
    }

    /// ${VAR} and ${VAR:-default}, from keys above in the file, then the environment.
    private func expand(_ value: String) -> String {
        guard value.contains("${") else { return value }
        let pattern = try! NSRegularExpression(pattern: #"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}"#)
        var result = value
        for match in pattern.matches(in: value, range: NSRange(value.startIndex..., in: value)).reversed() {
            let name = String(value[Range(match.range(at: 1), in: value)!])
            let fallback = Range(match.range(at: 2), in: value).map { String(value[$0]) } ?? ""
            let replacement = seen[name] ?? environment[name] ?? fallback
            result.replaceSubrange(Range(match.range, in: result)!, with: replacement)
        }
        return result
    }

    private mutating func expectEndOfLine() throws {
        skip { $0 == " " || $0 == "\t" }
        guard index < text.endIndex else { return }
        if text[index] == "#" { skipToEndOfLine() }
        guard index == text.endIndex || Self.isLineBreak(text[index]) else {
            throw Failure(line: lineNumber, reason: "unexpected text after the value (quote it, or start a comment with ' #')")
        }
    }

    private mutating func skip(_ predicate: (Character) -> Bool) {
        while index < text.endIndex, predicate(text[index]) { index = text.index(after: index) }
    }

    private mutating func skipToEndOfLine() { skip { !Self.isLineBreak($0) } }

    /// Swift reads "\r\n" as one Character, so every line-break test goes through here.
    static func isLineBreak(_ c: Character) -> Bool { c == "\n" || c == "\r\n" || c == "\r" }

    private var lineNumber: Int { text[..<index].reduce(1) { Self.isLineBreak($1) ? $0 + 1 : $0 } }
}
