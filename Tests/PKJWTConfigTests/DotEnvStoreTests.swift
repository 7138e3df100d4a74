import Foundation
import Testing

@testable import PKJWTConfig

@Suite("DotEnvStore: a missing .env reads empty; syntax errors name the file; updates under the lock")
struct DotEnvStoreTests {
    @Test("a missing file is an empty one; a present one is parsed")
    func read() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        #expect(try DotEnvStore.read(folder.file(".env"), environment: [:]).entries.isEmpty)
        try folder.write(".env", "A=1\n")
        #expect(try DotEnvStore.read(folder.file(".env"), environment: [:]).values == ["A": "1"])
    }

    @Test("a line python-dotenv cannot read names the file and the line")
    func syntax() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        try folder.write(".env", "A=1\nB='open\n")
        let path = folder.file(".env")
        let expected = ConfigError.dotEnvFileSyntax(path: path, line: 2, .quoteNeverClosed)
        #expect(throws: expected) { _ = try DotEnvStore.read(path, environment: [:]) }
        #expect(expected.description.hasPrefix("cannot read '\(path)': line 2: "))
    }

    @Test("update without the lock held reads the file again first: another writer's values are kept")
    func updateRereads() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = folder.file(".env")
        try folder.write(".env", "A=1\n")
        let stale = try DotEnvStore.read(path, environment: [:])
        try folder.write(".env", "A=1\nB=2\n")  // another run recorded B meanwhile
        let written = try DotEnvStore.update(path, stale, with: [("C", "3")], lockHeld: false, environment: [:])
        #expect(written.values == ["A": "1", "B": "2", "C": "3"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "A=1\nB=2\nC=3\n")
        var status = stat()
        #expect(stat(path, &status) == 0 && status.st_mode & 0o777 == 0o600)
    }

    @Test("update with the lock held writes what the caller read, and refuses a key .env cannot hold")
    func updateHeld() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = folder.file(".env")
        try folder.write(".env", "A=1\n")
        let file = try DotEnvStore.read(path, environment: [:])
        _ = try DotEnvStore.update(path, file, with: [("A", "2")], lockHeld: true, environment: [:])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "A=2\n")
        #expect(throws: ConfigError.unwritableValue(key: "NO KEY", .invalidKey)) {
            _ = try DotEnvStore.update(path, file, with: [("NO KEY", "x")], lockHeld: true, environment: [:])
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "A=2\n", "nothing written")
    }
}
