import Foundation
import Testing

@testable import PKJWTConfig

/// A fresh folder under the system's temporary folder, removed by `remove()`.
struct ScratchFolder {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "pkjwt-config-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    }
    func remove() { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { path + "/" + name }
    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: file(name), atomically: false, encoding: .utf8)
    }
    var names: [String] { (try? FileManager.default.contentsOfDirectory(atPath: path).sorted()) ?? [] }
}

@Suite("SecretFiles: capped non-blocking reads, atomic 0600 writes")
struct SecretFilesTests {
    @Test("read: one refusal per rule, each naming the file") func readRules() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let missing = ConfigError.unreadable(what: "key file", path: folder.file("missing"), .missing)
        #expect(throws: missing) { _ = try SecretFiles.read(folder.file("missing"), what: "key file") }
        #expect(missing.description == "key file '\(folder.file("missing"))' does not exist")
        #expect(throws: ConfigError.unreadable(what: "key file", path: folder.path, .directory)) {
            _ = try SecretFiles.read(folder.path, what: "key file")
        }
        #expect(mkfifo(folder.file("fifo"), 0o600) == 0)
        // Refused without blocking: nobody writes to the FIFO, so a blocking read would hang here.
        #expect(throws: ConfigError.unreadable(what: "key file", path: folder.file("fifo"), .notRegularFile)) {
            _ = try SecretFiles.read(folder.file("fifo"), what: "key file")
        }
        FileManager.default.createFile(atPath: folder.file("empty"), contents: Data())
        #expect(throws: ConfigError.unreadable(what: "key file", path: folder.file("empty"), .empty)) {
            _ = try SecretFiles.read(folder.file("empty"), what: "key file")
        }
        #expect(try SecretFiles.read(folder.file("empty"), what: "key file", allowEmpty: true).isEmpty)
    }

    @Test("read: exactly the cap is read, one byte more is refused") func cap() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let cap = SecretFiles.maximumInputBytes
        FileManager.default.createFile(atPath: folder.file("at"), contents: Data(repeating: 0x41, count: cap))
        FileManager.default.createFile(atPath: folder.file("over"), contents: Data(repeating: 0x41, count: cap + 1))
        #expect(try SecretFiles.read(folder.file("at"), what: "file").count == cap)
        #expect(throws: ConfigError.unreadable(what: "file", path: folder.file("over"), .tooLarge)) {
            _ = try SecretFiles.read(folder.file("over"), what: "file")
        }
    }

    @Test("writeSecret: mode 0600, no overwrite unless asked, nothing left beside the file") func write() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = folder.file("key.pem")
        try SecretFiles.writeSecret(Array("one".utf8), to: path, overwrite: false)
        #expect(try SecretFiles.read(path, what: "key") == Array("one".utf8))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(throws: ConfigError.alreadyExists(path: path)) {
            try SecretFiles.writeSecret(Array("two".utf8), to: path, overwrite: false)
        }
        #expect(try SecretFiles.read(path, what: "key") == Array("one".utf8), "the refused write changed nothing")
        // A staging file left by a kill between link and rename is replaced, not kept.
        FileManager.default.createFile(atPath: folder.file(".key.pem.app-new"), contents: Data("stale".utf8))
        try SecretFiles.writeSecret(Array("two".utf8), to: path, overwrite: true)
        #expect(try SecretFiles.read(path, what: "key") == Array("two".utf8))
        #expect(folder.names == ["key.pem"])
    }

    @Test("writeSecret into a folder that does not exist is refused by name") func missingFolder() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        #expect(throws: ConfigError.unwritable(path: folder.file("none"), .folder(errno: ENOENT))) {
            try SecretFiles.writeSecret([1], to: folder.file("none/key.pem"), overwrite: false)
        }
        #expect(folder.names.isEmpty)
    }

    @Test("split: folder and name, for nested, root-level and bare paths") func split() {
        #expect(SecretFiles.split("a/b/c.pem") == ("a/b", "c.pem"))
        #expect(SecretFiles.split("/c.pem") == ("/", "c.pem"))
        #expect(SecretFiles.split("c.pem") == (".", "c.pem"))
    }
}
