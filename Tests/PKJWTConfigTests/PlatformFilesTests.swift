import Foundation
import Testing

@testable import PKJWTConfig

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("PlatformFiles: the calls that differ between Linux and macOS")
struct PlatformFilesTests {
    #if os(Linux)
        @Test("an unnamed file where the file system has them; linked once, refused over an existing name")
        func unnamed() throws {
            let folder = try ScratchFolder()
            defer { folder.remove() }
            guard case .opened(let fd) = PlatformFiles.openUnnamed(in: folder.path) else {
                Issue.record("no O_TMPFILE in \(folder.path)")
                return
            }
            defer { close(fd) }
            #expect(folder.names.isEmpty, "unnamed until linked")
            #expect(PlatformFiles.linkUnnamed(fd, to: folder.file("a")))
            #expect(!PlatformFiles.linkUnnamed(fd, to: folder.file("a")) && errno == EEXIST)
            #expect(folder.names == ["a"])
        }
    #endif

    @Test("a missing folder is a failure, not 'unsupported' (which would stage under a name)") func missing() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        guard case .failed = PlatformFiles.openUnnamed(in: folder.file("none")) else {
            #if os(Linux)
                Issue.record("a missing folder was not a failure")
            #endif
            return
        }
        #expect(errno == ENOENT)
    }

    @Test("read and sync on an ordinary file") func readAndSync() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        FileManager.default.createFile(atPath: folder.file("f"), contents: Data("abc".utf8))
        let fd = open(folder.file("f"), O_RDWR)
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 8)
        let count = buffer.withUnsafeMutableBytes { PlatformFiles.read(fd, into: $0) }
        #expect(count == 3 && buffer.prefix(3) == [0x61, 0x62, 0x63])
        #expect(PlatformFiles.sync(fd))
    }
}
