import Foundation
import Testing

@testable import PrivateKeyJWT

@Suite("JSONValue and sortedJSON: the one JSON writer")
struct JSONValueTests {
    static func text(_ value: JSONValue) -> String { String(decoding: value.compactJSON, as: UTF8.self) }

    @Test("keys sorted at every depth, slashes unescaped, no spaces") func compact() {
        let value = JSONValue.object([
            "b": .array([.number(1), .object(["z": .null, "a": .bool(true)])]),
            "a": .string("https://x/y"),
        ])
        #expect(Self.text(value) == #"{"a":"https://x/y","b":[1,{"a":true,"z":null}]}"#)
    }

    @Test("numbers: integral ones without a fraction (NumericDate), the rest as doubles, NaN never traps")
    func numbers() {
        #expect(Self.text(.number(1_700_000_000)) == "1700000000")
        #expect(Self.text(.number(-3)) == "-3")
        #expect(Self.text(.number(0.5)) == "0.5")
        #expect(Self.text(.number(1e16)) == "1e+16", "beyond 2^53 stays a double")
        #expect(Self.text(.number(.nan)) == #""NaN""#)
    }

    @Test("strings are escaped as RFC 8259 §7 requires, and parse back") func strings() throws {
        let hostile = "quote \" backslash \\ newline \n tab \t nul \u{0} é 😀"
        let written = JSONValue.object(["s": .string(hostile)]).compactJSON
        #expect(try JSONValue.parseObject(written, what: "test")["s"] == .string(hostile))
    }

    @Test("accessors read their own case only") func accessors() {
        #expect(JSONValue.string("a").stringValue == "a" && JSONValue.number(1).stringValue == nil)
        #expect(JSONValue.number(2).numberValue == 2 && JSONValue.string("2").numberValue == nil)
        #expect(JSONValue.array([.string("a"), .number(1), .string("b")]).stringArray == ["a", "b"])
        #expect(JSONValue.string("a").stringArray == nil)
    }

    @Test("parseObject refuses what is not one object, naming what it read") func parseObject() {
        let cases: [(String, PrivateKeyJWTError.JSONFailure?)] = [
            ("[]", nil), ("1", nil), ("\"s\"", nil), ("{", .init(.memberNameNotString, at: 1)),
            (#"{"a":1,"a":2}"#, .init(.duplicateMember("a"), at: 10)),
        ]
        for (text, failure) in cases {
            #expect(throws: PrivateKeyJWTError.invalidJWS(.notJSONObject(what: "header", failure))) {
                _ = try JSONValue.parseObject(Array(text.utf8), what: "header")
            }
        }
    }
}
