// Reading inputs with a size cap and without blocking, and writing secrets atomically with mode
// 0600 so that a kill at any point leaves no copy of the secret behind but under the one name the
// next write sweeps (StagingFile.swift).

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

public enum SecretFiles {
    /// Key files, claims, tokens and .env files are small; anything larger is not one of them.
    public static let maximumInputBytes = 1 << 20

    /// The bytes of `path` ("-" for stdin), at most `maximumInputBytes`. Anything but a regular file
    /// (a FIFO, a device, a socket, a directory) is refused without blocking: the file is opened
    /// non-blocking and checked with fstat before a byte is read.
    public static func read(_ path: String, what: String, allowEmpty: Bool = false) throws(ConfigError) -> [UInt8] {
        if path == "-" {
            return try readCapped(
                fd: STDIN_FILENO, what: "\(what) on standard input", path: nil, allowEmpty: allowEmpty)
        }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            throw .unreadable(what: what, path: path, errno == ENOENT ? .missing : .system(errno: errno))
        }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else {
            throw .unreadable(what: what, path: path, .system(errno: errno))
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .unreadable(what: what, path: path, .directory)
        default: throw .unreadable(what: what, path: path, .notRegularFile)
        }
        return try readCapped(fd: fd, what: what, path: path, allowEmpty: allowEmpty)
    }

    /// Reads until end of file, failing as soon as more than `maximumInputBytes` arrive.
    private static func readCapped(fd: Int32, what: String, path: String?, allowEmpty: Bool) throws(ConfigError)
        -> [UInt8]
    {
        var bytes = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { PlatformFiles.read(fd, into: $0) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw .unreadable(what: what, path: path, .system(errno: errno)) }
            if count == 0 { break }
            bytes += chunk[0..<count]
            guard bytes.count <= maximumInputBytes else {
                throw .unreadable(what: what, path: path, .tooLarge)
            }
        }
        guard !bytes.isEmpty || allowEmpty else { throw .unreadable(what: what, path: path, .empty) }
        return bytes
    }

    /// Writes `bytes` to `path` with mode 0600, atomically, on any POSIX file system. The bytes are
    /// staged in an unnamed file where the file system has them (Linux O_TMPFILE), else under the
    /// swept name `.NAME.OWNER-new` (StagingFile.swift), written and synced, then renamed over `path`
    /// (overwrite) or linked to it (no overwrite: fails if `path` exists), and the folder synced.
    /// Callers that overwrite hold `FileLock`, so no two writers share the staging name.
    /// - Timing: depends on the length and the file system only; the bytes are handed to write(2),
    ///   never branched on.
    public static func writeSecret(
        _ bytes: [UInt8], to path: String, overwrite: Bool, staging: SecretStaging = .fromEnvironment
    ) throws(ConfigError) {
        if !overwrite && access(path, F_OK) == 0 { throw .alreadyExists(path: path) }
        let file = try StagingFile(for: path, staging: staging)
        do {
            try writeAll(bytes, to: file.fd, path: path)
            try file.publish(to: path, overwrite: overwrite)
        } catch {
            file.discard()
            throw error
        }
        syncFolder(split(path).0)
    }

    /// Removes the staging file a killed write to `path` left, unless a live writer holds it: for
    /// callers that find `path` complete and so write nothing (keygen adopting an unrecorded key).
    public static func sweepStaging(for path: String) {
        try? StagingFile.sweep(StagingFile.stagingPath(for: path))
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(ConfigError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw writeFailure(path) }
            offset += written
        }
        guard fchmod(fd, 0o600) == 0, PlatformFiles.sync(fd) else { throw writeFailure(path) }
    }

    static func writeFailure(_ path: String) -> ConfigError {
        .unwritable(path: path, .file(errno: errno))
    }

    /// The rename or link is durable once the folder is synced.
    private static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = PlatformFiles.sync(fd)
        close(fd)
    }

    /// ("folder", "name") of a path; the folder is "." for a bare name.
    static func split(_ path: String) -> (String, String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }
}
