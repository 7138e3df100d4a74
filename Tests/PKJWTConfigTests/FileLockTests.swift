import Foundation
import Testing

@testable import PKJWTConfig

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether another open file description could take the lock now (LOCK_NB: no waiting, no sleep).
private func lockIsFree(_ lockPath: String) -> Bool {
    let fd = open(lockPath, O_RDWR | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { return false }
    flock(fd, LOCK_UN)
    return true
}

@Suite("FileLock: an exclusive flock beside the file")
struct FileLockTests {
    @Test("held from init to release, then free; the lock file stays, empty and 0600") func heldAndReleased() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = folder.file(".env")
        let lock = try FileLock(for: path)
        #expect(!lockIsFree(path + ".lock"), "a second taker would wait")
        lock.release()
        #expect(lockIsFree(path + ".lock"))
        lock.release()  // twice is harmless
        let attributes = try FileManager.default.attributesOfItem(atPath: path + ".lock")
        #expect(attributes[.posixPermissions] as? Int == 0o600 && attributes[.size] as? Int == 0)
    }

    @Test("released when the lock goes out of scope") func releasedOnDeinit() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = folder.file(".env")
        do {
            let lock = try FileLock(for: path)
            #expect(!lockIsFree(path + ".lock"))
            withExtendedLifetime(lock) {}
        }
        #expect(lockIsFree(path + ".lock"))
    }

    @Test("a lock file that is a symbolic link is refused (O_NOFOLLOW)") func symlinkRefused() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        try FileManager.default.createSymbolicLink(atPath: folder.file(".env.lock"), withDestinationPath: "/etc/passwd")
        #expect(throws: ConfigError.unwritable(path: folder.file(".env.lock"), .lockFile(errno: ELOOP))) {
            _ = try FileLock(for: folder.file(".env"))
        }
    }

    @Test("a folder that does not exist is refused by name") func missingFolder() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        #expect(throws: ConfigError.unwritable(path: folder.file("none/.env.lock"), .lockFile(errno: ENOENT))) {
            _ = try FileLock(for: folder.file("none/.env"))
        }
    }

    /// fcntl locks belong to a process (the same process always gets its own again), so another
    /// process asks: Python's fcntl.lockf with LOCK_NB is fcntl(F_SETLK) on the whole file.
    static func anotherProcessCanRecordLock(_ path: String) throws -> Bool {
        let script =
            "import fcntl,sys\nf=open(sys.argv[1],'r+')\ntry: fcntl.lockf(f,fcntl.LOCK_EX|fcntl.LOCK_NB)\n"
            + "except OSError: sys.exit(1)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    @Test("the fcntl fallback (file systems without flock) excludes another process until closed")
    func recordLock() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = folder.file(".env.lock")
        FileManager.default.createFile(atPath: path, contents: Data())
        #expect(try Self.anotherProcessCanRecordLock(path), "free before")
        let fd = open(path, O_RDWR | O_CLOEXEC)
        #expect(FileLock.recordLockWaiting(fd))
        #expect(try !Self.anotherProcessCanRecordLock(path), "held")
        close(fd)
        #expect(try Self.anotherProcessCanRecordLock(path), "free after close")
    }
}
