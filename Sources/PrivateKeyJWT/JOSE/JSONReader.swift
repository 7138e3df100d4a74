// A strict JSON reader for JOSE (RFC 8259), refusing duplicate member names (RFC 7515 §5.2,
// RFC 7517 §4, RFC 7519 §4), so this module never reads a header, claim or key differently from another
// library that takes the last of two members where Foundation's decoder takes the first.
//
//   value  = object / array / string / number / true / false / null      (RFC 8259 §3)
//   number = [ "-" ] int [ frac ] [ exp ]                                  (RFC 8259 §6)
//   string = '"' *char '"', char unescaped ≥ 0x20 or an escape             (RFC 8259 §7)

/// Parses JSON text into a `JSONValue`.
/// - Timing: variable time; the input is public (headers, claims, public JWKs) or parsed once per
///   key import.
struct JSONReader {
    /// JOSE objects are at most a few levels deep; the limit keeps recursion bounded on any input.
    static let maximumDepth = 32

    private let bytes: [UInt8]
    private var index = 0

    /// The one JSON value that `bytes` holds, with nothing after it but whitespace.
    static func parse(_ bytes: [UInt8]) throws(PrivateKeyJWTError) -> JSONValue {
        var reader = JSONReader(bytes: bytes)
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.index == bytes.count else { throw reader.failure(.textAfterValue) }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func failure(_ rule: PrivateKeyJWTError.JSONRule) -> PrivateKeyJWTError {
        .invalidJSON(PrivateKeyJWTError.JSONFailure(rule, at: index))
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        // RFC 8259 §2: ws = space, horizontal tab, line feed, carriage return.
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    private mutating func value(depth: Int) throws(PrivateKeyJWTError) -> JSONValue {
        guard depth < Self.maximumDepth else { throw failure(.tooDeep(limit: Self.maximumDepth)) }
        skipWhitespace()
        guard let byte = current else { throw failure(.missingValue) }
        switch byte {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return .number(try number())
        }
    }

    private mutating func literal(_ word: StaticString) throws(PrivateKeyJWTError) {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard bytes.count - index >= expected.count, bytes[index..<index + expected.count].elementsEqual(expected)
        else {
            throw failure(.notAValue)
        }
        index += expected.count
    }

    private mutating func object(depth: Int) throws(PrivateKeyJWTError) -> JSONValue {
        index += 1
        var members = [String: JSONValue]()
        skipWhitespace()
        if current == UInt8(ascii: "}") { index += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw failure(.memberNameNotString) }
            let name = try string()
            // RFC 7515 §5.2 step 4 and RFC 7519 §4: "MUST either reject ... with duplicate Header
            // Parameter names or use a JSON parser that returns only the lexically last" — we reject.
            guard members[name] == nil else { throw failure(.duplicateMember(Self.printable(name))) }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw failure(.colonExpected) }
            index += 1
            members[name] = try value(depth: depth + 1)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return .object(members)
            default: throw failure(.objectSeparatorExpected)
            }
        }
    }

    private mutating func array(depth: Int) throws(PrivateKeyJWTError) -> JSONValue {
        index += 1
        var elements = [JSONValue]()
        skipWhitespace()
        if current == UInt8(ascii: "]") { index += 1; return .array(elements) }
        while true {
            elements.append(try value(depth: depth + 1))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return .array(elements)
            default: throw failure(.arraySeparatorExpected)
            }
        }
    }

    /// RFC 8259 §6; the value must be finite as a Double (no 1e999).
    private mutating func number() throws(PrivateKeyJWTError) -> Double {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        // int = zero / ( digit1-9 *DIGIT ): no leading zeros.
        if current == UInt8(ascii: "0") {
            index += 1
        } else {
            guard try digits() > 0 else { throw failure(.notAValue) }
        }
        if current == UInt8(ascii: ".") {
            index += 1
            guard try digits() > 0 else { throw failure(.digitAfterPoint) }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard try digits() > 0 else { throw failure(.digitAfterExponent) }
        }
        guard let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)), value.isFinite else {
            throw failure(.numberOutOfRange)
        }
        return value
    }

    private mutating func digits() throws(PrivateKeyJWTError) -> Int {
        let start = index
        while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
        return index - start
    }

    /// RFC 8259 §7 (escapes) and §8.2 (valid UTF-8, no lone surrogates).
    private mutating func string() throws(PrivateKeyJWTError) -> String {
        index += 1
        var scalars = String.UnicodeScalarView()
        var runStart = index
        while true {
            guard let byte = current else { throw failure(.unterminatedString) }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                try appendUTF8(bytes[runStart..<index], to: &scalars)
                index += 1
                if byte == UInt8(ascii: "\"") { return String(scalars) }
                scalars.append(try escape())
                runStart = index
            } else if byte < 0x20 {
                throw failure(.controlCharacter)
            } else {
                index += 1
            }
        }
    }

    private func appendUTF8(_ run: ArraySlice<UInt8>, to scalars: inout String.UnicodeScalarView)
        throws(PrivateKeyJWTError)
    {
        guard !run.isEmpty else { return }
        guard let text = String(validating: run, as: UTF8.self) else {
            throw failure(.invalidUTF8)
        }
        scalars.append(contentsOf: text.unicodeScalars)
    }

    private mutating func escape() throws(PrivateKeyJWTError) -> Unicode.Scalar {
        guard let byte = current else { throw failure(.unterminatedEscape) }
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"): return try unicodeEscape()
        default: throw failure(.unknownEscape)
        }
    }

    /// \uXXXX, with a UTF-16 surrogate pair as two escapes.
    private mutating func unicodeEscape() throws(PrivateKeyJWTError) -> Unicode.Scalar {
        let first = try hex4()
        if (0xD800..<0xDC00).contains(first) {
            guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
            else {
                throw failure(.loneSurrogate)
            }
            index += 2
            let second = try hex4()
            guard (0xDC00..<0xE000).contains(second) else { throw failure(.loneSurrogate) }
            let combined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            guard let scalar = Unicode.Scalar(combined) else { throw failure(.invalidUnicodeEscape) }
            return scalar
        }
        guard let scalar = Unicode.Scalar(first) else { throw failure(.loneSurrogate) }
        return scalar
    }

    private mutating func hex4() throws(PrivateKeyJWTError) -> UInt32 {
        guard bytes.count - index >= 4 else { throw failure(.shortUnicodeEscape) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Self.hexValue(bytes[index]) else { throw failure(.shortUnicodeEscape) }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// A member name for a message: short names only, so no value can ride along in an error.
    private static func printable(_ name: String) -> String? {
        name.count <= 16 && name.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0 != "\"" })
            ? name : nil
    }
}
