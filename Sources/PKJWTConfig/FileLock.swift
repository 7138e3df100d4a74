// An advisory lock beside a file ("NAME.lock"), so that concurrent processes that update the same
// file (a .env, a cached token) take turns and never lose an update.
//
// flock(2) first. On Linux, flock on NFS is carried out as a POSIX byte-range lock (fcntl) by the NFS
// client since Linux 2.6.12 (flock(2), NOTES), so it excludes writers on other NFS clients too, through
// the server's lock manager. Where a file system has no flock at all (it answers ENOLCK, EOPNOTSUPP or
// EINVAL: some SMB and FUSE mounts), the same exclusion is asked of fcntl(F_SETLKW) over the whole file
// (POSIX.1-2017 fcntl, "Advisory record locking"); where that fails too, the lock is refused by name
// and nothing is written.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive lock held until `release()` or deinit. The lock file stays (removing it would let
/// a waiter lock a file that is no longer the one others open); it is empty and mode 0600.
public final class FileLock {
    private var fd: Int32

    /// Blocks until the lock for `path` is held.
    public init(for path: String) throws(ConfigError) {
        let lockPath = path + ".lock"
        fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            throw .unwritable(path: lockPath, .lockFile(errno: errno))
        }
        guard Self.lockWaiting(fd) else {
            let code = errno
            close(fd)
            throw .unwritable(path: lockPath, .lock(errno: code))
        }
    }

    /// flock(LOCK_EX), else fcntl(F_SETLKW) where the file system has no flock; retried on EINTR.
    private static func lockWaiting(_ fd: Int32) -> Bool {
        while flock(fd, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            guard errno == ENOLCK || errno == EOPNOTSUPP || errno == EINVAL else { return false }
            return recordLockWaiting(fd)
        }
        return true
    }

    /// A write lock on the whole file (l_len 0: to the end, however long it grows).
    static func recordLockWaiting(_ fd: Int32) -> Bool {
        var whole = flock()
        whole.l_type = Int16(F_WRLCK)
        whole.l_whence = Int16(SEEK_SET)
        (whole.l_start, whole.l_len) = (0, 0)
        while fcntl(fd, F_SETLKW, &whole) != 0 {
            guard errno == EINTR else { return false }
        }
        return true
    }

    public func release() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
    }

    deinit { release() }
}
