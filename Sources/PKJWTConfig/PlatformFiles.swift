// The file calls that differ between Linux and macOS, side by side. Everything above this file
// (SecretFiles, StagingFile, FileLock, TokenCache) is shared and tested on Linux, where
// `OWNER_SECRET_STAGING=named` (FileOwner.swift) forces the path that macOS and file systems without O_TMPFILE take.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

enum PlatformFiles {
    /// read(2), named once here: Glibc and Darwin export it from different modules.
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        #if canImport(Glibc)
            Glibc.read(fd, buffer.baseAddress, buffer.count)
        #else
            Darwin.read(fd, buffer.baseAddress, buffer.count)
        #endif
    }

    /// The outcome of asking for an unnamed file.
    enum UnnamedFile {
        case opened(Int32)
        /// This platform or file system has none: the caller stages under a name instead.
        case unsupported
        /// Any other refusal (permissions, a missing folder); errno is set.
        case failed
    }

    /// An unnamed, writable file in `folder`, mode 0600: Linux open(2) with O_TMPFILE (since 3.11).
    /// File systems without it answer EOPNOTSUPP (NFS, SMB, FUSE), EISDIR (kernels that predate it
    /// and see O_DIRECTORY) or EINVAL (open(2) "O_TMPFILE ... not supported"); macOS has no such flag.
    static func openUnnamed(in folder: String) -> UnnamedFile {
        #if os(Linux)
            // O_TMPFILE is `__O_TMPFILE | O_DIRECTORY` in the C headers, a macro Swift does not import;
            // __O_TMPFILE is 020000000 in asm-generic/fcntl.h, which x86-64 and arm64 both use.
            let fd = open(folder, 0o20_000_000 | O_DIRECTORY | O_WRONLY | O_CLOEXEC, 0o600)
            if fd >= 0 { return .opened(fd) }
            return errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL ? .unsupported : .failed
        #else
            return .unsupported
        #endif
    }

    /// Gives the unnamed file `fd` the name `path`: linkat(2) through /proc/self/fd with
    /// AT_SYMLINK_FOLLOW, as open(2) documents for O_TMPFILE. Fails with EEXIST if `path` exists.
    static func linkUnnamed(_ fd: Int32, to path: String) -> Bool {
        #if os(Linux)
            linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0
        #else
            false  // openUnnamed never opens one here
        #endif
    }

    /// fsync(2). On macOS fsync hands the data to the drive but does not flush the drive's cache;
    /// fcntl(F_FULLFSYNC) does (fsync(2) on macOS), at a cost that matters only for large files.
    static func sync(_ fd: Int32) -> Bool {
        #if canImport(Darwin)
            if fcntl(fd, F_FULLFSYNC) == 0 { return true }
        #endif
        return fsync(fd) == 0
    }
}
