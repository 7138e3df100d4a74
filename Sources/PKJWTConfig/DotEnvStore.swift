// The .env file on disk: read (a missing file is an empty one, made on first write) and updated under
// its lock, atomically, mode 0600, every byte not updated kept as it was.

import Foundation

public enum DotEnvStore {
    /// The .env file at `path` as it is now; a missing file reads as an empty one.
    /// - Timing: variable time in the file's text (its values may be secrets; parsing branches on bytes,
    ///   as python-dotenv does; SECURITY.md says which secrets are handled in constant time).
    public static func read(_ path: String, environment: [String: String]) throws(ConfigError) -> DotEnvFile {
        let bytes = access(path, F_OK) == 0 ? try SecretFiles.read(path, what: "env file", allowEmpty: true) : []
        do { return try DotEnvFile(bytes: bytes, environment: environment) } catch .dotEnvSyntax(let line, let rule) {
            throw .dotEnvFileSyntax(path: path, line: line, rule)
        }
    }

    /// Sets `updates` in the file at `path` and writes it atomically with mode 0600. Unless the caller
    /// holds the file's lock (`lockHeld`), takes it here and reads the file again first, so that two
    /// writers take turns and neither loses the other's values. Returns the file as written.
    public static func update(
        _ path: String, _ file: DotEnvFile, with updates: [(String, String)], lockHeld: Bool,
        environment: [String: String]
    ) throws(ConfigError) -> DotEnvFile {
        let lock = lockHeld ? nil : try FileLock(for: path)
        defer { lock?.release() }
        var file = lock == nil ? file : try read(path, environment: environment)
        for (key, value) in updates { try file.set(key, value) }
        try SecretFiles.writeSecret(file.bytes, to: path, overwrite: true)
        return file
    }
}
