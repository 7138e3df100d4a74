// Reading inputs with a size cap and without blocking, and writing secrets atomically with mode
// 0600 so that a kill at any point leaves no copy of the secret behind.

#if canImport(Glibc)
    import Glibc
#endif

public enum SecretFiles {
    /// Key files, claims, tokens and .env files are small; anything larger is not one of them.
    public static let maximumInputBytes = 1 << 20

    /// The bytes of `path` ("-" for stdin), at most `maximumInputBytes`. Anything but a regular file
    /// (a FIFO, a device, a socket, a directory) is refused without blocking: the file is opened
    /// non-blocking and checked with fstat before a byte is read.
    public static func read(_ path: String, what: String, allowEmpty: Bool = false) throws(ConfigError) -> [UInt8] {
        let shown = DisplayedPath(path)
        if path == "-" {
            return try readCapped(fd: STDIN_FILENO, what: "\(what) on standard input", allowEmpty: allowEmpty)
        }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            throw .unreadable(
                errno == ENOENT
                    ? "\(what) \(shown) does not exist"
                    : "cannot read \(what) \(shown): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else {
            throw .unreadable("cannot read \(what) \(shown): \(String(cString: strerror(errno)))")
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .unreadable("\(what) \(shown) is a directory, not a file")
        default:
            throw .unreadable(
                "\(what) \(shown) is not a regular file (a FIFO, device or socket); pkjwt reads only files")
        }
        return try readCapped(fd: fd, what: "\(what) \(shown)", allowEmpty: allowEmpty)
    }

    /// Reads until end of file, failing as soon as more than `maximumInputBytes` arrive.
    private static func readCapped(fd: Int32, what: String, allowEmpty: Bool) throws(ConfigError) -> [UInt8] {
        var bytes = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw .unreadable("cannot read \(what): \(String(cString: strerror(errno)))") }
            if count == 0 { break }
            bytes += chunk[0..<count]
            guard bytes.count <= maximumInputBytes else {
                throw .unreadable("\(what) is larger than 1 MiB; it is not a key, token or settings file")
            }
        }
        guard !bytes.isEmpty || allowEmpty else { throw .unreadable("\(what) is empty") }
        return bytes
    }

    /// Writes `bytes` to `path` with mode 0600, atomically. The data goes into an unnamed file
    /// (O_TMPFILE), so a kill while writing leaves nothing; it is then linked into place (no
    /// overwrite: fails if `path` exists) or linked beside it and renamed over it (overwrite). A kill
    /// between those last two calls can leave `.NAME.pkjwt-new`; the next write removes it, and
    /// callers that overwrite hold `FileLock` so no two writers share that name.
    public static func writeSecret(_ bytes: [UInt8], to path: String, overwrite: Bool) throws(ConfigError) {
        if !overwrite && access(path, F_OK) == 0 { throw .alreadyExists(path: path) }
        let (folder, name) = split(path)
        let fd = try unnamedFile(in: folder, for: path)
        defer { close(fd) }
        try writeAll(bytes, to: fd, path: path)
        let source = "/proc/self/fd/\(fd)"
        if overwrite {
            let staging = folder + "/." + name + ".pkjwt-new"
            unlink(staging)
            guard linkat(AT_FDCWD, source, AT_FDCWD, staging, AT_SYMLINK_FOLLOW) == 0 else { throw writeFailure(path) }
            guard rename(staging, path) == 0 else {
                unlink(staging)
                throw writeFailure(path)
            }
        } else {
            guard linkat(AT_FDCWD, source, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0 else {
                if errno == EEXIST { throw .alreadyExists(path: path) }
                throw writeFailure(path)
            }
        }
        syncFolder(folder)
    }

    /// O_TMPFILE is `__O_TMPFILE | O_DIRECTORY` in the C headers, a macro Swift does not import.
    private static let unnamedFileFlag: Int32 = 0o20_000_000 | O_DIRECTORY

    private static func unnamedFile(in folder: String, for path: String) throws(ConfigError) -> Int32 {
        let fd = open(folder, unnamedFileFlag | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL {
                throw .unwritable(
                    "cannot write \(DisplayedPath(path)): its file system has no unnamed temporary files (O_TMPFILE), "
                        + "which pkjwt needs so that no copy of a secret is ever left behind"
                )
            }
            throw .unwritable("cannot write in \(DisplayedPath(folder)): \(String(cString: strerror(errno)))")
        }
        return fd
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(ConfigError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw writeFailure(path) }
            offset += written
        }
        guard fchmod(fd, 0o600) == 0, fsync(fd) == 0 else { throw writeFailure(path) }
    }

    private static func writeFailure(_ path: String) -> ConfigError {
        .unwritable("cannot write \(DisplayedPath(path)): \(String(cString: strerror(errno)))")
    }

    /// The rename or link is durable once the folder is synced.
    private static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// ("folder", "name") of a path; the folder is "." for a bare name.
    static func split(_ path: String) -> (String, String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }
}
