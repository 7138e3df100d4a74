import Testing

@testable import PrivateKeyJWT

@Suite("strict JSON reader (RFC 8259; duplicate names refused, RFC 7515 §5.2)")
struct JSONReaderTests {
    static func parse(_ text: String) throws -> JSONValue { try JSONReader.parse(Array(text.utf8)) }

    @Test("values, escapes and surrogate pairs") func accepted() throws {
        let value = try Self.parse(
            " {\"a\": [1, -0.5, 2e3, true, false, null], \"s\": \"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\udd11\", "
                + "\"o\": {}} "
        )
        guard case .object(let members) = value else { Issue.record("not an object"); return }
        #expect(members["a"] == .array([.number(1), .number(-0.5), .number(2000), .bool(true), .bool(false), .null]))
        #expect(members["s"] == .string("\"\\/\u{08}\u{0C}\n\r\té🔑"))
        #expect(members["o"] == .object([:]))
    }

    @Test(
        "one negative case per rule, at the byte it was found",
        arguments: [
            ("{\"a\":1,\"a\":2}", .duplicateMember("a"), 10), ("{\"o\":{\"x\":1,\"x\":1}}", .duplicateMember("x"), 15),
            ("{} {}", .textAfterValue, 3), ("", .missingValue, 0),
            ("{\"a\":01}", .objectSeparatorExpected, 6),
            ("[1.]", .digitAfterPoint, 3), ("[.5]", .notAValue, 1),
            ("[1e]", .digitAfterExponent, 3),
            ("[+1]", .notAValue, 1), ("[1e999]", .numberOutOfRange, 6),
            ("[\"open]", .unterminatedString, 7),
            ("[\"a\u{01}b\"]", .controlCharacter, 3), ("[\"\\x\"]", .unknownEscape, 4),
            ("[\"\\ud800\"]", .loneSurrogate, 8), ("[\"\\udc00\"]", .loneSurrogate, 8),
            ("[\"\\u12g4\"]", .shortUnicodeEscape, 6),
            ("{1:2}", .memberNameNotString, 1), ("{\"a\" 1}", .colonExpected, 5),
            ("{\"a\":1,}", .memberNameNotString, 7),
            ("[1,]", .notAValue, 3), ("[1 2]", .arraySeparatorExpected, 3), ("[tru]", .notAValue, 1),
            (String(repeating: "[", count: 40) + String(repeating: "]", count: 40), .tooDeep(limit: 32), 32),
            ("[\"\\u", .shortUnicodeEscape, 4), ("[\"\\", .unterminatedEscape, 3),
        ] as [(String, PrivateKeyJWTError.JSONRule, Int)])
    func refused(text: String, rule: PrivateKeyJWTError.JSONRule, offset: Int) {
        #expect(throws: PrivateKeyJWTError.invalidJSON(.init(rule, at: offset))) { try Self.parse(text) }
    }

    @Test("invalid UTF-8 inside a string is refused") func invalidUTF8() {
        #expect(throws: PrivateKeyJWTError.invalidJSON(.init(.invalidUTF8, at: 3))) {
            try JSONReader.parse([0x5B, 0x22, 0xFF, 0x22, 0x5D])
        }
    }

    @Test("a long name in a duplicate is not quoted back") func longNameNotEchoed() {
        let name = String(repeating: "k", count: 40)
        #expect(throws: PrivateKeyJWTError.invalidJSON(.init(.duplicateMember(nil), at: 88))) {
            try Self.parse("{\"\(name)\":1,\"\(name)\":2}")
        }
        #expect(!PrivateKeyJWTError.JSONRule.duplicateMember(nil).description.contains("k"))
    }
}
