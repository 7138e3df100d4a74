// An advisory lock beside a file (flock(2) on "NAME.lock"), so that concurrent pkjwt runs that
// update the same .env — keygen, register — take turns and never lose an update.

#if canImport(Glibc)
    import Glibc
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
            throw .unwritable(
                "cannot create the lock file \(DisplayedPath(lockPath)): \(String(cString: strerror(errno)))")
        }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw .unwritable("cannot lock \(DisplayedPath(lockPath)): \(reason)")
            }
        }
    }

    public func release() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
    }

    deinit { release() }
}
