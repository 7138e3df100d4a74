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
        "one negative case per rule",
        arguments: [
            ("{\"a\":1,\"a\":2}", "duplicate member name"), ("{\"o\":{\"x\":1,\"x\":1}}", "duplicate member name"),
            ("{} {}", "text after the JSON value"), ("", "a JSON value is missing"),
            ("{\"a\":01}", "',' or '}' expected"),
            ("[1.]", "a digit must follow '.'"), ("[.5]", "not a JSON value"),
            ("[1e]", "a digit must follow the exponent mark"),
            ("[+1]", "not a JSON value"), ("[1e999]", "outside the range of a double"),
            ("[\"open]", "an unterminated string"),
            ("[\"a\u{01}b\"]", "a control character inside a string"), ("[\"\\x\"]", "an unknown escape"),
            ("[\"\\ud800\"]", "a lone UTF-16 surrogate"), ("[\"\\udc00\"]", "a lone UTF-16 surrogate"),
            ("[\"\\u12g4\"]", "four hex digits"),
            ("{1:2}", "member name must be a string"), ("{\"a\" 1}", "':' expected"),
            ("{\"a\":1,}", "member name must be a string"),
            ("[1,]", "not a JSON value"), ("[1 2]", "',' or ']' expected"), ("[tru]", "not a JSON value"),
            (String(repeating: "[", count: 40) + String(repeating: "]", count: 40), "nested deeper than 32"),
        ])
    func refused(text: String, reason: String) {
        do {
            _ = try Self.parse(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect("\(error)".contains(reason), "\(error)")
        }
    }

    @Test("invalid UTF-8 inside a string is refused") func invalidUTF8() {
        #expect(throws: PrivateKeyJWTError.self) { try JSONReader.parse([0x5B, 0x22, 0xFF, 0x22, 0x5D]) }
    }

    @Test("a long name in a duplicate is not quoted back") func longNameNotEchoed() {
        let name = String(repeating: "k", count: 40)
        do { _ = try Self.parse("{\"\(name)\":1,\"\(name)\":2}") } catch { #expect(!"\(error)".contains(name)) }
    }
}
