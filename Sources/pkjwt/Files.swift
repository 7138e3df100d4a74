// Reading inputs and writing secrets: atomic, mode 0600, never clobbering without --force.

import Foundation

#if canImport(Glibc)
import Glibc
#endif

enum Files {
    /// Key files are small; anything larger is not a key.
    static let maximumInputBytes = 1 << 20

    /// The bytes of `path` ("-" for stdin), or a one-line explanation.
    static func read(_ path: String, what: String, allowEmpty: Bool = false) throws -> [UInt8] {
        if path == "-" { return [UInt8](FileHandle.standardInput.readDataToEndOfFile()) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIError("\(what) '\(path)' does not exist")
        }
        guard !isDirectory.boolValue else { throw CLIError("\(what) '\(path)' is a directory, not a file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CLIError("cannot read \(what) '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { try? handle.close() }
        let data = handle.readData(ofLength: maximumInputBytes + 1)
        guard data.count <= maximumInputBytes else { throw CLIError("\(what) '\(path)' is larger than 1 MiB; it is not a key") }
        guard !data.isEmpty || allowEmpty else { throw CLIError("\(what) '\(path)' is empty") }
        return [UInt8](data)
    }

    /// Writes `bytes` to `path` with mode 0600, atomically: a temporary file in the same folder,
    /// flushed, then linked (no --force: fails if `path` exists) or renamed (--force) into place.
    /// On any failure nothing is left behind.
    static func writeSecret(_ bytes: [UInt8], to path: String, overwrite: Bool) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        if !overwrite && FileManager.default.fileExists(atPath: path) {
            throw CLIError("'\(path)' already exists; pass --force to replace it")
        }
        let temporary = folder + "/." + url.lastPathComponent + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CLIError("cannot write in '\(folder)': \(String(cString: strerror(errno)))") }
        var committed = false
        defer { if !committed { unlink(temporary) } }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let flushed = fchmod(fd, 0o600) == 0 && fsync(fd) == 0
        close(fd)
        guard written == bytes.count, flushed else { throw CLIError("cannot write '\(path)': \(String(cString: strerror(errno)))") }
        if overwrite {
            guard rename(temporary, path) == 0 else { throw CLIError("cannot replace '\(path)': \(String(cString: strerror(errno)))") }
        } else {
            guard link(temporary, path) == 0 else {
                throw CLIError(errno == EEXIST ? "'\(path)' already exists; pass --force to replace it" : "cannot create '\(path)': \(String(cString: strerror(errno)))")
            }
            unlink(temporary)
        }
        committed = true
    }
}
