// Key files already read in this run: each is read, parsed and validated once, however many steps of
// a command ask for it (the cached-token fast path, the cache key, the assertion; the proof key's
// thumbprint, then its proofs). A file replaced or rewritten since is another entry, so a command that
// writes a key and then loads it gets the new one.

import Foundation
import PrivateKeyJWT

public enum KeyFileMemo {
    /// A private key and the format its file was in.
    public struct Loaded: Sendable {
        public let key: SigningKey
        public let format: KeyFormat

        public init(key: SigningKey, format: KeyFormat) {
            self.key = key
            self.format = format
        }
    }

    /// A file as it is now (device, inode, size, modification time), or an inline value's digest.
    private struct Identity: Hashable {
        let name: String
        var device: UInt64 = 0, inode: UInt64 = 0, size: Int64 = 0, seconds: Int = 0, nanoseconds: Int = 0
    }

    /// NSLock is a pthread mutex, which ThreadSanitizer follows (Synchronization.Mutex it does not).
    private static let lock = NSLock()
    nonisolated(unsafe) private static var files = [Identity: [UInt8]]()  // guarded by `lock`
    nonisolated(unsafe) private static var keys = [Identity: Loaded]()  // guarded by `lock`

    /// The bytes of the key file at `path` (SecretFiles.read's checks), read once per run.
    public static func bytes(at path: String, what: String) throws(ConfigError) -> [UInt8] {
        guard let identity = identity(of: path) else { return try SecretFiles.read(path, what: what) }
        if let known = lock.withLock({ files[identity] }) { return known }
        let bytes = try SecretFiles.read(path, what: what)
        lock.withLock { files[identity] = bytes }
        return bytes
    }

    /// `load()`'s key for the file at `path`, from memory when this run loaded that same file before.
    public static func key<Failure: Error>(at path: String, _ load: () throws(Failure) -> Loaded) throws(Failure)
        -> Loaded
    {
        guard let identity = identity(of: path) else { return try load() }
        return try remembered(identity, load)
    }

    /// `load()`'s key for an inline value (PRIVATE_KEY), by the value's SHA-256, never the value.
    public static func key<Failure: Error>(inline value: String, _ load: () throws(Failure) -> Loaded) throws(Failure)
        -> Loaded
    {
        try remembered(Identity(name: "inline:\(SHA256.hash(data: Array(value.utf8)))"), load)
    }

    private static func remembered<Failure: Error>(_ identity: Identity, _ load: () throws(Failure) -> Loaded)
        throws(Failure) -> Loaded
    {
        if let known = lock.withLock({ keys[identity] }) { return known }
        let value = try load()
        lock.withLock { keys[identity] = value }
        return value
    }

    private static func identity(of path: String) -> Identity? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        #if canImport(Darwin)
            let modified = status.st_mtimespec
        #else
            let modified = status.st_mtim
        #endif
        return Identity(
            name: path, device: UInt64(truncatingIfNeeded: status.st_dev), inode: UInt64(status.st_ino),
            size: Int64(status.st_size), seconds: Int(modified.tv_sec), nanoseconds: Int(modified.tv_nsec))
    }
}
