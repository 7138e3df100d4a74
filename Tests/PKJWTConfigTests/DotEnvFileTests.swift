import Foundation
import Testing

@testable import PKJWTConfig

extension DotEnvFile {
    init(text: String, environment: [String: String] = [:]) throws {
        try self.init(bytes: Array(text.utf8), environment: environment)
    }
    var text: String { String(decoding: bytes, as: UTF8.self) }
}

@Suite("the .env file: rewriting entries byte for byte (python-dotenv syntax)")
struct DotEnvFileTests {

    @Test("set rewrites only its own entry and appends new keys") func set() throws {
        var file = try DotEnvFile(text: DotEnvParserTests.sample)
        try file.set("SPACED", "new")
        try file.set("MULTI", "one line")
        try file.set("NEW_KEY", "ssh-rsa AAAA pkjwt")
        let expected =
            DotEnvParserTests.sample
            .replacingOccurrences(
                of: "SPACED = spaced value   # trailing comment", with: "SPACED = new   # trailing comment"
            )
            .replacingOccurrences(of: "MULTI='-----BEGIN X-----\nAAAA\n-----END X-----'", with: "MULTI='one line'")
            + "NEW_KEY='ssh-rsa AAAA pkjwt'\n"
        #expect(file.text == expected)
        #expect(file.value("NEW_KEY") == "ssh-rsa AAAA pkjwt" && file.value("PLAIN") == "value")
    }

    @Test(
        "written values read back identically",
        arguments: ["plain", "with space", "it's", "back\\slash", "multi\nline", "$dollar", "", "a=b"])
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

    // Regression test for the hostile-input issue: it failed before the byte-level parser.
    @Test("a value starting with a combining mark cannot inject a line") func combiningMarkCannotInject() throws {
        var file = try DotEnvFile(text: "B=1\n")
        let hostile = "\u{301}x\nA=evil"
        try file.set("K", hostile)
        let reread = try DotEnvFile(bytes: file.bytes)
        #expect(reread.value("K") == hostile)
        #expect(reread.value("A") == nil)
        #expect(reread.entries.map(\.key) == ["B", "K"])
    }

    @Test("rewriting keeps export, a comment right after a quote, and the spacing") func rewriteKeepsSurroundings()
        throws
    {
        var file = try DotEnvFile(text: "export KEY=old # note\nQ='old'# tight\n")
        try file.set("KEY", "new")
        try file.set("Q", "new")
        #expect(file.text == "export KEY=new # note\nQ='new'# tight\n")
        #expect(file.value("Q") == "new")
    }

    @Test("an invalid UTF-8 line and a byte-order mark are kept byte for byte") func bytesKept() throws {
        let original: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("A=1\n# caf".utf8) + [0xE9, 0xFF] + Array("\nB=2\n".utf8)
        var file = try DotEnvFile(bytes: original)
        #expect(file.value("A") == "1", "the BOM is not part of the first key")
        try file.set("B", "3")
        #expect(Array(file.bytes.prefix(original.count - 2)) == Array(original.prefix(original.count - 2)))
        #expect(file.value("B") == "3")
    }

    @Test("a CRLF file gets CRLF lines") func crlf() throws {
        var file = try DotEnvFile(text: "A=1\r\n")
        try file.set("B", "2")
        #expect(file.text == "A=1\r\nB=2\r\n")
    }

    @Test(
        "values python-dotenv cannot carry are refused, naming the key only",
        arguments: [
            ("a${X}b", .expansionMarker), ("ends in \\", .trailingBackslash), ("${", .expansionMarker),
        ] as [(String, ConfigError.ValueProblem)])
    func unwritable(value: String, problem: ConfigError.ValueProblem) throws {
        var file = try DotEnvFile(text: "")
        #expect(throws: ConfigError.unwritableValue(key: "SECRET", problem)) { try file.set("SECRET", value) }
        #expect(throws: ConfigError.unwritableValue(key: "A B", .invalidKey)) { try file.set("A B", "x") }
        do { try file.set("SECRET", value) } catch { #expect(!"\(error)".contains(value)) }
    }

    /// Values from an alphabet of everything that has broken .env writers: quotes, backslashes, '#',
    /// '$', braces, spaces, CR, LF, tabs, NUL, combining marks, a BOM, emoji and '='.
    static let alphabet: [String] = [
        "a", "Z", "0", " ", "\t", "\n", "\r", "\r\n", "'", "\"", "\\", "#", "$", "{", "}", ":", "-", "=",
        "\u{0}", "\u{301}", "\u{FEFF}", "é", "🔑", "\u{7F}", "export ",
    ]

    @Test("property: set then read gives the same value, and every other entry is unchanged") func roundTripProperty()
        throws
    {
        var generator = SplitMix64(seed: 0x5EED)
        var refused = 0
        for trial in 0..<3000 {
            let length = Int(generator.next() % 12)
            let value = (0..<length).map { _ in Self.alphabet[Int(generator.next() % UInt64(Self.alphabet.count))] }
                .joined()
            let unwritable =
                value.contains("${")
                || (value.hasSuffix("\\") && (try? DotEnvFile.encoded(value, key: "K", bareAllowed: true)) == nil)
            var file = try DotEnvFile(text: DotEnvParserTests.sample)
            let before = file.values
            let key = trial % 2 == 0 ? "SPACED" : "FRESH_KEY"
            do {
                try file.set(key, value)
            } catch {
                #expect(unwritable, "refused \(value.debugDescription)")
                refused += 1
                continue
            }
            #expect(!unwritable, "wrote \(value.debugDescription), which python-dotenv cannot read back")
            let reread = try DotEnvFile(bytes: file.bytes)
            #expect(
                reread.value(key) == value,
                "\(value.debugDescription) read back as \(String(describing: reread.value(key)?.debugDescription))")
            var expected = before
            expected[key] = value
            // EXPANDED refers to PLAIN only; nothing else depends on the key that changed.
            #expect(reread.values == expected, "\(value.debugDescription)")
        }
        #expect(refused < 600, "the generator mostly makes writable values")
    }
}

/// A small deterministic generator, so a failing property case is reproducible.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("python-dotenv reads what pkjwt writes")
struct DotEnvPythonInteropTests {
    @Test("300 hostile values written by DotEnvFile.set read back identically with python-dotenv 1.2.2")
    func pythonReadsBack() throws {
        var generator = SplitMix64(seed: 0xD07E)
        var file = try DotEnvFile(text: "# written by the interop test\n")
        var expected = [String: String]()
        while expected.count < 300 {
            let length = Int(generator.next() % 10)
            let value = (0..<length).map { _ in
                DotEnvFileTests.alphabet[Int(generator.next() % UInt64(DotEnvFileTests.alphabet.count))]
            }.joined()
            let key = "V\(expected.count)"
            guard (try? file.set(key, value)) != nil else { continue }
            expected[key] = value
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pkjwt-dotenv-\(UUID().uuidString).env")
        defer { try? FileManager.default.removeItem(at: path) }
        try Data(file.bytes).write(to: path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import dotenv, json, sys; sys.stdout.write(json.dumps(dotenv.dotenv_values(sys.argv[1])))", path.path,
        ]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(
            process.terminationStatus == 0, "python3 with python-dotenv is needed (Tests/run-all.sh installs it)")
        let read = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
        for (key, value) in expected where read[key] != value {
            let got = String(describing: read[key]?.debugDescription)
            Issue.record("\(key): wrote \(value.debugDescription), python-dotenv read \(got)")
        }
    }
}
