import Foundation
import Testing
@testable import pkjwt

@Suite("the .env reader and writer (python-dotenv syntax)")
struct DotEnvTests {
    static let sample = """
        # comment line
        PLAIN=value
        SPACED = spaced value   # trailing comment
        export EXPORTED=yes
        SINGLE='it\\'s escaped #'
        DOUBLE="line1\\nline2 \\"q\\" \\\\ \\$HOME"
        MULTI='-----BEGIN X-----
        AAAA
        -----END X-----'
        EMPTY=
        BARE_KEY
        EXPANDED=${PLAIN}-${MISSING:-fallback}
        NOT_EXPANDED='${PLAIN}'
        HASH_INSIDE=a#b

        """

    /// Every expectation below is what python-dotenv 1.2.2's dotenv_values gives for the same text.
    @Test("quotes, multi-line values, comments, export, escapes and expansion") func parse() throws {
        let file = try DotEnvFile(text: Self.sample)
        #expect(file.value("PLAIN") == "value")
        #expect(file.value("SPACED") == "spaced value")
        #expect(file.value("EXPORTED") == "yes")
        #expect(file.value("SINGLE") == "it's escaped #")
        #expect(file.value("DOUBLE") == "line1\nline2 \"q\" \\ \\$HOME")
        #expect(file.value("MULTI") == "-----BEGIN X-----\nAAAA\n-----END X-----")
        #expect(file.value("EMPTY") == "")
        #expect(file.value("BARE_KEY") == nil)
        #expect(file.value("EXPANDED") == "value-fallback")
        #expect(file.value("NOT_EXPANDED") == "value", "python-dotenv expands in single quotes too")
        #expect(file.value("HASH_INSIDE") == "a#b")
    }

    @Test("malformed lines are refused with their line number", arguments: [
        ("A='never closed\n", "line 1"), ("OK=1\nB=\"open\n", "line 2"), ("A='x' junk\n", "unexpected text"), ("=value\n", "expected KEY=VALUE"),
    ])
    func malformed(text: String, message: String) {
        do {
            _ = try DotEnvFile(text: text)
            Issue.record("accepted \(text)")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }

    @Test("set rewrites only its own entry and appends new keys") func set() throws {
        var file = try DotEnvFile(text: Self.sample)
        try file.set("SPACED", "new")
        try file.set("MULTI", "one line")
        try file.set("NEW_KEY", "ssh-rsa AAAA pkjwt")
        let expected = Self.sample
            .replacingOccurrences(of: "SPACED = spaced value   # trailing comment", with: "SPACED=new   # trailing comment")
            .replacingOccurrences(of: "MULTI='-----BEGIN X-----\nAAAA\n-----END X-----'", with: "MULTI='one line'")
            + "NEW_KEY='ssh-rsa AAAA pkjwt'\n"
        #expect(file.text == expected)
        #expect(file.value("NEW_KEY") == "ssh-rsa AAAA pkjwt" && file.value("PLAIN") == "value")
    }

    @Test("written values read back identically", arguments: ["plain", "with space", "it's", "back\\slash", "multi\nline", "$dollar", "", "a=b"])
    func roundTrip(value: String) throws {
        var file = try DotEnvFile(text: "")
        try file.set("K", value)
        #expect(try DotEnvFile(text: file.text).value("K") == value, "\(file.text)")
    }

    @Test("a file without a final newline gets one before an appended key") func noFinalNewline() throws {
        var file = try DotEnvFile(text: "A=1")
        try file.set("B", "2")
        #expect(file.text == "A=1\nB=2\n")
    }
}
