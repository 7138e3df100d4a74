import Foundation
import PrivateKeyJWT
import TestVectors
import Testing

@testable import PKJWTConfig

@Suite("KeyFileMemo: a key file is read once per run, and a replaced file is read again")
struct KeyFileMemoTests {
    @Test("the same file (device, inode, size, mtime) is not read again; a rewritten or replaced one is")
    func identity() throws {
        let s = try ScratchFolder()
        defer { s.remove() }
        try s.write("key", "one")
        let path = s.file("key")
        #expect(try KeyFileMemo.bytes(at: path, what: "key") == Array("one".utf8))
        // Same size, and the modification time put back to the nanosecond: to the memo it is the file it read.
        var before = stat()
        #expect(stat(path, &before) == 0)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data("two".utf8))
        try handle.close()
        #if canImport(Darwin)
            var times = [before.st_atimespec, before.st_mtimespec]
        #else
            var times = [before.st_atim, before.st_mtim]
        #endif
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        #expect(try KeyFileMemo.bytes(at: path, what: "key") == Array("one".utf8), "read once")
        // Written anew (another mtime), then replaced by rename (another inode): read again each time.
        times[1].tv_sec += 5
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        #expect(try KeyFileMemo.bytes(at: path, what: "key") == Array("two".utf8))
        try s.write("other", "three")
        #expect(rename(s.file("other"), path) == 0)
        #expect(try KeyFileMemo.bytes(at: path, what: "key") == Array("three".utf8))
    }

    @Test("a key is loaded once per file; a failed load is not remembered")
    func keys() throws {
        let s = try ScratchFolder()
        defer { s.remove() }
        try s.write("k", "x")
        try s.write("k2", "y")
        var loads = 0
        let key = try RSAPrivateKey(
            pemRepresentation: Vectors.text("rsa/openssl-keys/key1.pkcs8.pem"))
        for _ in 0..<3 {
            _ = try KeyFileMemo.key(at: s.file("k")) {
                loads += 1
                return KeyFileMemo.Loaded(key: .rsa(key), format: .jwkSet)
            }
        }
        #expect(loads == 1)
        struct Refused: Error, Equatable {}
        for _ in 0..<2 {
            #expect(throws: Refused()) { _ = try KeyFileMemo.key(at: s.file("k2")) { throw Refused() } }
        }
        let inline = try KeyFileMemo.key(inline: "-----BEGIN…") {
            loads += 1
            return KeyFileMemo.Loaded(key: .rsa(key), format: .jwkSet)
        }
        _ = try KeyFileMemo.key(inline: "-----BEGIN…") { throw Refused() }
        #expect(loads == 2 && inline.format == .jwkSet)
    }
}
