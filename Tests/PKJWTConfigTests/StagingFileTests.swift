import Foundation
import Testing

@testable import PKJWTConfig

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The named staging file: what macOS and file systems without O_TMPFILE (NFS, SMB, FUSE) use, forced
/// here with `staging: .named` so every rule runs on Linux too. The automatic way is SecretFilesTests'.
@Suite("StagingFile: the swept name, guarded by flock")
struct StagingFileTests {
    static func mode(_ path: String) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    }

    @Test(
        "named staging, no overwrite then overwrite: 0600, the bytes, nothing left beside",
        arguments: [
            SecretStaging.named, .automatic,
        ])
    func writes(staging: SecretStaging) throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = folder.file("key.pem")
        try SecretFiles.writeSecret(Array("one".utf8), to: path, overwrite: false, staging: staging)
        #expect(try SecretFiles.read(path, what: "key") == Array("one".utf8))
        #expect(try Self.mode(path) == 0o600)
        #expect(throws: ConfigError.alreadyExists(path: path)) {
            try SecretFiles.writeSecret(Array("two".utf8), to: path, overwrite: false, staging: staging)
        }
        try SecretFiles.writeSecret(Array("two".utf8), to: path, overwrite: true, staging: staging)
        #expect(try SecretFiles.read(path, what: "key") == Array("two".utf8))
        #expect(try Self.mode(path) == 0o600)
        #expect(folder.names == ["key.pem"])
    }

    @Test("a staging file a killed writer left (unlocked) is swept, for both kinds of write", arguments: [false, true])
    func staleSwept(overwrite: Bool) throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        FileManager.default.createFile(atPath: folder.file(".key.pem.app-new"), contents: Data("half a ke".utf8))
        try SecretFiles.writeSecret(
            Array("whole".utf8), to: folder.file("key.pem"), overwrite: overwrite, staging: .named)
        #expect(try SecretFiles.read(folder.file("key.pem"), what: "key") == Array("whole".utf8))
        #expect(folder.names == ["key.pem"])
    }

    @Test("a staging file a live writer holds is refused, and left to that writer") func liveRefused() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let staging = folder.file(".key.pem.app-new")
        let fd = open(staging, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        #expect(fd >= 0 && flock(fd, LOCK_EX) == 0)
        defer { close(fd) }
        #expect(throws: ConfigError.unwritable(path: staging, .busy)) {
            try SecretFiles.writeSecret([1], to: folder.file("key.pem"), overwrite: false, staging: .named)
        }
        #expect(folder.names == [".key.pem.app-new"], "the other writer's file is still there; no key appeared")
    }

    @Test("a symbolic link planted under the staging name is removed, never written through") func symlink() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        FileManager.default.createFile(atPath: folder.file("victim"), contents: Data("untouched".utf8))
        try FileManager.default.createSymbolicLink(
            atPath: folder.file(".key.pem.app-new"), withDestinationPath: folder.file("victim"))
        try SecretFiles.writeSecret(Array("key".utf8), to: folder.file("key.pem"), overwrite: true, staging: .named)
        #expect(try SecretFiles.read(folder.file("victim"), what: "file") == Array("untouched".utf8))
        #expect(try SecretFiles.read(folder.file("key.pem"), what: "key") == Array("key".utf8))
        #expect(folder.names == ["key.pem", "victim"])
    }

    @Test("a publish that fails removes what was staged", arguments: [SecretStaging.named, .automatic])
    func failedPublish(staging: SecretStaging) throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        // rename(2) of a file over a non-empty directory fails (EISDIR): the write is refused.
        try FileManager.default.createDirectory(
            atPath: folder.file("key.pem/inside"), withIntermediateDirectories: true)
        #expect(throws: ConfigError.unwritable(path: folder.file("key.pem"), .file(errno: EISDIR))) {
            try SecretFiles.writeSecret(
                Array("key".utf8), to: folder.file("key.pem"), overwrite: true, staging: staging)
        }
        #expect(folder.names == ["key.pem"], "no staging file left")
    }

    @Test("sweepStaging removes a stale staging file and leaves a live one") func sweepStaging() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let staging = folder.file(".key.pem.app-new")
        FileManager.default.createFile(atPath: staging, contents: Data("stale".utf8))
        SecretFiles.sweepStaging(for: folder.file("key.pem"))
        #expect(folder.names.isEmpty)
        let fd = open(staging, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        #expect(fd >= 0 && flock(fd, LOCK_EX) == 0)
        defer { close(fd) }
        SecretFiles.sweepStaging(for: folder.file("key.pem"))
        #expect(folder.names == [".key.pem.app-new"])
    }

    @Test("the staging name: a dot, the name, .app-new, in the target's folder") func stagingPath() {
        #expect(StagingFile.stagingPath(for: "a/b/key.pem") == "a/b/.key.pem.app-new")
        #expect(StagingFile.stagingPath(for: "key.pem") == "./.key.pem.app-new")
    }
}
