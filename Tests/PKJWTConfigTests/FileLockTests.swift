import Foundation
import Testing

@testable import PKJWTConfig

#if canImport(Glibc)
    import Glibc
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
        do {
            _ = try FileLock(for: folder.file(".env"))
            Issue.record("locked through a symbolic link")
        } catch {
            #expect("\(error)".contains("cannot create the lock file"), "\(error)")
        }
    }

    @Test("a folder that does not exist is refused by name") func missingFolder() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        do {
            _ = try FileLock(for: folder.file("none/.env"))
            Issue.record("locked in a missing folder")
        } catch {
            #expect("\(error)".contains("cannot create the lock file"), "\(error)")
        }
    }
}
