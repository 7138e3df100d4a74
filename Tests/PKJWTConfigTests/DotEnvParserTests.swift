import Foundation
import Testing

@testable import PKJWTConfig

/// The reading side of .env (python-dotenv syntax), through DotEnvFile(bytes:), which runs it.
@Suite("the .env parser (python-dotenv syntax)")
struct DotEnvParserTests {
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

    @Test(
        "malformed lines are refused with their line number",
        arguments: [
            ("A='never closed\n", 1, .quoteNeverClosed), ("OK=1\nB=\"open\n", 2, .quoteNeverClosed),
            ("A='x' junk\n", 1, .textAfterValue), ("=value\n", 1, .expectedKeyValue),
            ("OK=1\n\nA B=1\n", 3, .textAfterValue),
        ] as [(String, Int, ConfigError.DotEnvRule)])
    func malformed(text: String, line: Int, rule: ConfigError.DotEnvRule) {
        #expect(throws: ConfigError.dotEnvSyntax(line: line, rule)) { _ = try DotEnvFile(text: text) }
    }

    // Regression test for the hostile-input issue: it failed before the byte-level parser.
    @Test("a combining mark after ${VAR} neither crashes nor fuses with the brace") func combiningMarkAfterVariable()
        throws
    {
        let file = try DotEnvFile(text: "A=${E}\u{301}\n")
        #expect(file.value("A") == "\u{301}")
    }

    /// python-dotenv's key pattern: anything but "=", "#", white space and line breaks, not starting
    /// with a quote.
    @Test("keys: one rule per refused byte")
    func keys() {
        for key in ["A", "_A", "a.b", "1A", "A-B", "Ä", "$A", "A'"] {
            #expect(DotEnvParser.isValidKey(Array(key.utf8)), "\(key)")
        }
        for key in ["", "A=B", "A#B", "A B", "A\tB", "A\nB", "A\rB", "A\u{0B}B", "A\u{0C}B", "'A"] {
            #expect(!DotEnvParser.isValidKey(Array(key.utf8)), "\(key.debugDescription)")
        }
    }
}

@Suite(".env expansion is bounded")
struct DotEnvExpansionTests {
    @Test("a value that doubles on every line stops at the bound with an error") func doubling() {
        let text = "A=x\n" + String(repeating: "A=${A}${A}\n", count: 40)
        #expect(throws: ConfigError.dotEnvSyntax(line: 23, .expansionTooLong), "expanded 2^40 bytes") {
            _ = try DotEnvFile(text: text)
        }
    }
}
