// The DPoP key (RFC 9449): a separate RSA-2048 key, never the client-assertion key, made on first
// use and kept as a private JWK (mode 0600) beside the token cache, or at DPOP_KEY_FILE.

import Foundation
import OktaAPI
import PKJWTConfig
import PrivateKeyJWT

enum DPoPKey {
    /// Whether `pkjwt token` sends DPoP proofs: DPOP=true or --dpop always, DPOP=false never, and
    /// otherwise when Okta answers that the app requires them.
    enum Preference: Equatable {
        case always, never, whenRequired

        init(_ configuration: Configuration, flag: Bool) throws {
            if flag { self = .always; return }
            switch configuration[.dpop]?.lowercased() {
            case nil: self = .whenRequired
            case "true", "1", "yes", "on": self = .always
            case "false", "0", "no", "off": self = .never
            case let other?: throw CLIError("DPOP must be true or false, not '\(other.prefix(40))'")
            }
        }
    }

    /// DPOP_KEY_FILE, else `dpop-key.jwk` in the token cache directory.
    static func path(
        _ configuration: Configuration, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> String {
        if let path = configuration[.dpopKeyFile] {
            guard DisplayedPath.looksLikePath(path) else {
                throw CLIError("DPOP_KEY_FILE does not look like a file path; its value is not shown")
            }
            return path
        }
        guard let directory = TokenCache.defaultDirectory(environment: environment) else {
            throw CLIError("no place for the DPoP key: set DPOP_KEY_FILE, XDG_CACHE_HOME or HOME")
        }
        return directory + "/dpop-key.jwk"
    }

    /// The key's RFC 7638 thumbprint, or nil when there is no key yet. A JWK file (the kind pkjwt
    /// writes) is read for its e and n members only: naming a cache entry needs no key checks (the
    /// key is checked in full when it signs a proof, and a token is stored under the thumbprint of
    /// the checked key, so a file whose members are not canonical only misses the cache).
    static func thumbprint(at path: String) throws -> String? {
        guard access(path, F_OK) == 0 else { return nil }
        let bytes = try KeyFileMemo.bytes(at: path, what: "DPOP_KEY_FILE")
        if let thumbprint = (try? JWK(jsonRepresentation: bytes))?.memberThumbprint { return thumbprint }
        return try load(path: path).publicKey.thumbprint
    }

    /// The key at `path`, made (RSA-2048) and written 0600 first if there is none. Concurrent first
    /// uses take turns under the file's lock, so they all end up with the one key.
    static func loadOrCreate(at path: String, assertionKey: RSAPrivateKey?) throws -> RSAPrivateKey {
        var key: RSAPrivateKey
        if access(path, F_OK) == 0 {
            key = try load(path: path)
        } else {
            try prepareFolder(of: path)
            let lock = try FileLock(for: path)
            defer { lock.release() }
            if access(path, F_OK) == 0 {
                key = try load(path: path)
            } else {
                key = try CPUPaths.generatedKey(bits: 2048)
                try SecretFiles.writeSecret(
                    JWK(privateKey: key, kid: key.publicKey.thumbprint).jsonRepresentation, to: path, overwrite: false)
                Output.diagnostic("pkjwt: made a DPoP key (RSA-2048) at \(DisplayedPath(path)) (mode 0600)")
            }
        }
        // RFC 9449 §2 and docs/OKTA.md "DPoP": the proof key is not the client-authentication key.
        if let assertionKey, assertionKey.publicKey.modulus == key.publicKey.modulus {
            throw CLIError(
                "DPOP_KEY_FILE holds the client-assertion key; a DPoP key must be a separate key (remove DPOP_KEY_FILE "
                    + "to let pkjwt make one)"
            )
        }
        key.parallelHalves = true  // as the assertion key (Configuration.loadKey)
        return CPUPaths.fastest(key)
    }

    /// The session for `path`'s key, with the nonces an earlier run kept.
    static func session(at path: String, assertionKey: RSAPrivateKey?) throws -> DPoPSession {
        try DPoPSession(key: loadOrCreate(at: path, assertionKey: assertionKey), nonces: savedNonces(beside: path))
    }

    /// Servers' DPoP nonces, kept beside the key between runs (RFC 9449 §8: a server may accept a
    /// nonce for a while). Not secret; a stale one costs one use_dpop_nonce round trip, as none does.
    static func nonceFile(beside keyPath: String) -> String {
        let folder = (keyPath as NSString).deletingLastPathComponent
        return (folder.isEmpty ? "." : folder) + "/dpop-nonces.json"
    }

    private static func savedNonces(beside keyPath: String) -> [String: String] {
        guard let bytes = try? SecretFiles.read(nonceFile(beside: keyPath), what: "DPoP nonces"),
            case .object(let members)? = try? JSONValue.parse(bytes)
        else { return [:] }
        return members.compactMapValues(\.stringValue)
    }

    /// Keeps the session's nonces for the next run; failing to is not an error.
    static func saveNonces(_ session: DPoPSession, beside keyPath: String) {
        let nonces = session.allNonces
        guard !nonces.isEmpty, nonces != savedNonces(beside: keyPath) else { return }
        let bytes = JSONValue.object(nonces.mapValues(JSONValue.string)).compactJSON
        try? SecretFiles.writeSecret(bytes, to: nonceFile(beside: keyPath), overwrite: true)
    }

    /// The key at `path`, read, parsed and checked once per run (KeyFileMemo).
    private static func load(path: String) throws -> RSAPrivateKey {
        try KeyFileMemo.key(at: path) {
            let bytes = try KeyFileMemo.bytes(at: path, what: "DPOP_KEY_FILE")
            let document: KeyDocument
            do { document = try KeyDocument(bytes: bytes) } catch {
                throw CLIError("DPOP_KEY_FILE \(DisplayedPath(path)): \(error)")
            }
            guard let key = document.privateKey else {
                throw CLIError("DPOP_KEY_FILE \(DisplayedPath(path)) holds a public key; a private key is needed")
            }
            return KeyFileMemo.Loaded(key: key, format: document.format)
        }.key
    }

    /// The default key lives in the cache directory: made 0700 like the cache itself.
    private static func prepareFolder(of path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        guard !folder.isEmpty, access(folder, F_OK) != 0 else { return }
        try TokenCache(directory: folder).prepare()
    }
}
