// Access tokens cached in the user's cache directory until shortly before they expire, as OAuth client
// SDKs do, so a script that asks for a token in a loop signs and posts once per token lifetime
// instead of every time (authorization servers rate-limit their token endpoints). Concurrent runs share it under
// a file lock: the first fetches, the others wait and then read what it wrote.

import Foundation
import PrivateKeyJWT

/// The token cache: one file per key, in a 0700 directory, each file 0600.
public struct TokenCache: Sendable {
    /// What a cached token is for. A token is reused only for exactly the same key.
    public struct Key: Sendable, Equatable {
        public var orgURL: String
        public var authorizationServer: String?
        public var clientID: String
        public var kid: String
        public var scopes: [String]
        /// The RFC 7638 thumbprint of the DPoP key a token is bound to; nil for Bearer tokens.
        public var dpopThumbprint: String?

        public init(
            orgURL: String, authorizationServer: String?, clientID: String, kid: String, scopes: [String],
            dpopThumbprint: String? = nil
        ) {
            (self.orgURL, self.authorizationServer, self.clientID, self.kid) = (
                orgURL, authorizationServer, clientID, kid
            )
            self.scopes = scopes
            self.dpopThumbprint = dpopThumbprint
        }

        /// One field per line, scopes sorted and deduplicated: the same request gives the same text.
        var canonical: String {
            let sorted = scopes.sorted()
            let unique = sorted.enumerated().filter { $0.offset == 0 || sorted[$0.offset - 1] != $0.element }.map(
                \.element)
            return [
                orgURL, authorizationServer ?? "", clientID, kid, unique.joined(separator: " "), dpopThumbprint ?? "",
            ].joined(separator: "\n")
        }

        /// The file name: a hash of the key, so nothing about the org or app shows in a listing.
        var fileName: String { TokenCache.hashedName(of: canonical, prefix: "token-") + ".json" }
    }

    /// A cached token and the response it came in.
    public struct Entry: Codable, Sendable, Equatable {
        /// The key's canonical text: a file whose key differs is never used, whatever its name.
        var key: String
        public var accessToken: String
        public var tokenType: String
        /// Seconds since 1970 when the token expires (the time it was received plus expires_in).
        public var expiresAt: Double
        /// The token response as the server sent it, for callers that show it whole.
        public var response: [String: JSONValue]

        /// Parses a cache file with the core's strict JSON reader: a hit does not go through
        /// Foundation's Codable machinery (whose type lookups were a measurable part of a hit).
        init?(bytes: [UInt8]) {
            guard let object = try? JSONValue.parseObject(bytes, what: "cached token"),
                let key = object["key"]?.stringValue, let accessToken = object["accessToken"]?.stringValue,
                let tokenType = object["tokenType"]?.stringValue, let expiresAt = object["expiresAt"]?.numberValue,
                case .object(let response)? = object["response"]
            else { return nil }
            (self.key, self.accessToken, self.tokenType, self.expiresAt, self.response) = (
                key, accessToken, tokenType, expiresAt, response
            )
        }

        init(key: String, accessToken: String, tokenType: String, expiresAt: Double, response: [String: JSONValue]) {
            (self.key, self.accessToken, self.tokenType, self.expiresAt, self.response) = (
                key, accessToken, tokenType, expiresAt, response
            )
        }
    }

    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// `$XDG_CACHE_HOME/APPLICATION`, else `$HOME/.cache/APPLICATION` (the XDG base directory rules);
    /// nil when neither variable is set to an absolute path.
    public static func defaultDirectory(environment: [String: String], application: String) -> String? {
        if let base = environment["XDG_CACHE_HOME"], base.hasPrefix("/") { return base + "/" + application }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.cache/" + application }
        return nil
    }

    public func path(for key: Key) -> String { directory + "/" + key.fileName }

    /// Creates the directory (0700) if needed. It must be a directory owned by this user; one
    /// readable by others is made private.
    public func prepare() throws(ConfigError) {
        try Self.makeDirectory(directory)
        var status = stat()
        guard lstat(directory, &status) == 0, status.st_mode & S_IFMT == S_IFDIR, status.st_uid == geteuid() else {
            throw .unwritable(path: directory, .cacheNotOwned)
        }
        if status.st_mode & 0o077 != 0 { chmod(directory, 0o700) }
    }

    private static func makeDirectory(_ path: String) throws(ConfigError) {
        if access(path, F_OK) == 0 { return }
        let (parent, _) = SecretFiles.split(path)
        if parent != path, parent != "/" { try makeDirectory(parent) }
        guard mkdir(path, 0o700) == 0 || errno == EEXIST else {
            throw .unwritable(path: path, .cacheFolder(errno: errno))
        }
    }

    /// The cached token for `key` if it is still valid `margin` seconds from `now`. A file that is
    /// unreadable, corrupt or for another key is a miss, never an error.
    public func read(_ key: Key, now: Date, margin: TimeInterval) -> Entry? {
        guard let bytes = try? SecretFiles.read(path(for: key), what: "cached token"),
            let entry = Entry(bytes: bytes), entry.key == key.canonical
        else { return nil }
        return entry.expiresAt - margin > now.timeIntervalSince1970 ? entry : nil
    }

    /// True when a token for `key` was stored, expired or not: how a later run knows that this app
    /// answered with DPoP-bound tokens before, without asking the server again.
    public func hasEntry(_ key: Key) -> Bool {
        guard let bytes = try? SecretFiles.read(path(for: key), what: "cached token"),
            let entry = Entry(bytes: bytes)
        else { return false }
        return entry.key == key.canonical
    }

    /// Stores a token received at `now` that lives `expiresIn` seconds.
    public func write(
        _ key: Key, accessToken: String, tokenType: String, expiresIn: Int, response: [String: JSONValue], now: Date
    ) throws(ConfigError) {
        let entry = Entry(
            key: key.canonical, accessToken: accessToken, tokenType: tokenType,
            expiresAt: now.timeIntervalSince1970 + Double(expiresIn), response: response)
        guard let data = try? JSONEncoder().encode(entry) else { return }
        try SecretFiles.writeSecret([UInt8](data), to: path(for: key), overwrite: true)
    }

    /// `prefix` and the first 16 bytes of SHA-256(`text`) in hex: nothing of `text` shows in a listing.
    static func hashedName(of text: String, prefix: String) -> String {
        // Hex by hand: String(format:) goes through Foundation's varargs, measurable on a cache hit.
        let digits = Array("0123456789abcdef".utf8)
        let hex = SHA256.hash(data: Array(text.utf8)).bytes.prefix(16).flatMap {
            [digits[Int($0 >> 4)], digits[Int($0 & 15)]]
        }
        return prefix + String(decoding: hex, as: UTF8.self)
    }

    /// The largest clock offset kept: ten years. Beyond it a `Date` header is wrong, not the clock.
    static let maximumClockOffset: TimeInterval = 315_360_000

    private func clockOffsetPath(for orgURL: String) -> String {
        directory + "/" + Self.hashedName(of: orgURL, prefix: "clock-")
    }

    /// The server's clock minus this machine's for the server at `orgURL`, in whole seconds, as an earlier
    /// answer showed it; nil when none is kept or the file is not one this cache wrote (a miss, never
    /// an error: the next answer shows the clock again).
    public func clockOffset(for orgURL: String) -> TimeInterval? {
        guard let bytes = try? SecretFiles.read(clockOffsetPath(for: orgURL), what: "clock offset"),
            bytes.last == 0x0A
        else { return nil }
        let text = bytes.dropLast()
        let digits = text.first == 0x2D ? text.dropFirst() : text
        guard (1...9).contains(digits.count), digits.allSatisfy({ (0x30...0x39).contains($0) }),
            let value = Int(String(decoding: text, as: UTF8.self)),
            abs(TimeInterval(value)) <= Self.maximumClockOffset
        else { return nil }
        return TimeInterval(value)
    }

    /// Keeps `offset` (whole seconds) for the org at `orgURL`, or forgets it when nil.
    public func keepClockOffset(_ offset: TimeInterval?, for orgURL: String) throws(ConfigError) {
        let path = clockOffsetPath(for: orgURL)
        guard let offset, offset.isFinite, abs(offset) <= Self.maximumClockOffset else {
            unlink(path)
            return
        }
        try prepare()
        try SecretFiles.writeSecret(Array("\(Int(offset))\n".utf8), to: path, overwrite: true)
    }

    /// Removes every cached token (and its lock file, and what a killed write left under the
    /// swept staging name) and every kept clock offset; returns how many tokens there were.
    public func clear() -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var removed = 0
        for name in names where name.hasPrefix("token-") || name.hasPrefix("clock-") {
            if unlink(directory + "/" + name) == 0, name.hasPrefix("token-"), name.hasSuffix(".json") { removed += 1 }
        }
        let suffix = FileOwner.stagingSuffix
        for name in names where (name.hasPrefix(".token-") || name.hasPrefix(".clock-")) && name.hasSuffix(suffix) {
            SecretFiles.sweepStaging(for: directory + "/" + name.dropFirst().dropLast(suffix.count))
        }
        return removed
    }
}
