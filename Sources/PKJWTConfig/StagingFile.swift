// Where a secret's bytes wait before they get their name: one of two kinds of file, behind one
// algorithm (SecretFiles.writeSecret).
//
//   unnamed  Linux O_TMPFILE. A kill while writing leaves nothing at all.
//   named    `.NAME.OWNER-new` beside NAME (FileOwner.swift), created O_CREAT|O_EXCL|O_NOFOLLOW, mode
//            0600: file systems without O_TMPFILE (NFS, SMB, FUSE, WSL's /mnt/c) and macOS. A kill while
//            writing leaves that one name; the next write to NAME sweeps it (SECURITY.md says for how long).
//
// A writer holds flock(2) on its named staging file until it is published, so a second writer can
// tell a live staging file (locked: refuse) from one a killed writer left (unlocked: sweep), and never
// publishes another writer's half-written bytes.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How `SecretFiles.writeSecret` stages: `.automatic` tries an unnamed file first; `.named` always
/// stages under the swept name (what macOS and O_TMPFILE-less file systems do; tests force it).
public enum SecretStaging: Sendable, Equatable {
    case automatic, named

    /// `.named` when the environment sets the owner's `NAME_SECRET_STAGING=named`, else `.automatic`.
    public static var fromEnvironment: SecretStaging {
        getenv(FileOwner.stagingVariable).map { String(cString: $0) } == "named" ? .named : .automatic
    }
}

struct StagingFile: ~Copyable {
    let fd: Int32
    /// `.NAME.OWNER-new` beside the target.
    let stagingPath: String
    /// True when the bytes already sit under `stagingPath`.
    let isNamed: Bool

    /// The staging name for `path`: fixed, so the next write finds what a kill left.
    static func stagingPath(for path: String) -> String {
        let (folder, name) = SecretFiles.split(path)
        return folder + "/." + name + FileOwner.stagingSuffix
    }

    init(for path: String, staging: SecretStaging) throws(ConfigError) {
        let (folder, _) = SecretFiles.split(path)
        stagingPath = Self.stagingPath(for: path)
        if staging == .automatic {
            switch PlatformFiles.openUnnamed(in: folder) {
            case .opened(let fd):
                (self.fd, isNamed) = (fd, false)
                return
            case .unsupported: break
            case .failed:
                throw .unwritable(path: folder, .folder(errno: errno))
            }
        }
        fd = try Self.createNamed(stagingPath, in: folder)
        isNamed = true
    }

    /// Creates the staging file, sweeping one that a killed writer left. Three tries: each lost race
    /// means another writer made progress, so a third loss is reported rather than retried forever.
    private static func createNamed(_ staging: String, in folder: String) throws(ConfigError) -> Int32 {
        for _ in 0..<3 {
            let fd = open(staging, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 {
                if lockAndConfirm(fd, staging) { return fd }
                close(fd)  // a sweeper took the name between our open and our lock: try again
                continue
            }
            guard errno == EEXIST else {
                throw .unwritable(path: folder, .folder(errno: errno))
            }
            try sweep(staging)
        }
        throw busy(staging)
    }

    /// Locks a new staging file and checks that its name still refers to it.
    private static func lockAndConfirm(_ fd: Int32, _ staging: String) -> Bool {
        if flock(fd, LOCK_EX | LOCK_NB) != 0, errno == EWOULDBLOCK { return false }
        // A file system without flock (it answers ENOLCK or EOPNOTSUPP) leaves the write unguarded
        // against a concurrent sweep, as SECURITY.md says; the inode check below still holds.
        return refersTo(fd, staging)
    }

    /// Removes a staging file that no live writer holds; refuses when one does.
    static func sweep(_ staging: String) throws(ConfigError) {
        let fd = open(staging, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            // Gone already (ENOENT), or a symbolic link planted under the name (ELOOP): unlink(2)
            // removes the link itself, never its target.
            if errno == ELOOP { unlink(staging) }
            return
        }
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0, errno == EWOULDBLOCK { throw busy(staging) }
        if refersTo(fd, staging) { unlink(staging) }
    }

    private static func busy(_ staging: String) -> ConfigError {
        .unwritable(path: staging, .busy)
    }

    /// Whether `path` names the file open as `fd` (same device and inode; lstat does not follow links).
    private static func refersTo(_ fd: Int32, _ path: String) -> Bool {
        var open = stat(), named = stat()
        guard fstat(fd, &open) == 0, lstat(path, &named) == 0 else { return false }
        return open.st_dev == named.st_dev && open.st_ino == named.st_ino
    }

    /// Gives the written, synced file the name `path`: rename(2) over it (`overwrite`), else link(2)
    /// beside it, which fails if `path` exists (EEXIST), then the staging name is removed.
    func publish(to path: String, overwrite: Bool) throws(ConfigError) {
        if !isNamed {
            if !overwrite { return try linkFresh(path, PlatformFiles.linkUnnamed(fd, to: path)) }
            // rename(2) needs a name: link the file under the staging name first (callers that
            // overwrite hold FileLock, so no other writer uses that name now).
            unlink(stagingPath)
            guard PlatformFiles.linkUnnamed(fd, to: stagingPath) else { throw SecretFiles.writeFailure(path) }
        }
        if overwrite {
            guard rename(stagingPath, path) == 0 else { throw SecretFiles.writeFailure(path) }
            return
        }
        try linkFresh(path, link(stagingPath, path) == 0)
        unlink(stagingPath)
    }

    private func linkFresh(_ path: String, _ linked: Bool) throws(ConfigError) {
        guard linked else {
            if errno == EEXIST { throw .alreadyExists(path: path) }
            throw SecretFiles.writeFailure(path)
        }
    }

    /// Removes what this writer staged (after a failure); the unnamed file needs nothing.
    func discard() {
        if isNamed || access(stagingPath, F_OK) == 0 { unlink(stagingPath) }
    }

    deinit { close(fd) }
}
