// The DPoP key (RFC 9449) as pkjwt uses it: a separate RSA-2048 key, never the client-assertion key,
// made on first use where DPoPKeyFile says it lives (OktaConfig), signing on this CPU's fastest path.

import Foundation
import OktaAPI
import OktaConfig
import PKJWTConfig
import PrivateKeyJWT

enum DPoPKey {
    /// DPOP_KEY_FILE, else `dpop-key.jwk` in pkjwt's cache folder.
    static func path(
        _ configuration: Configuration, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(OktaConfigError) -> String {
        try DPoPKeyFile.path(configuration, cacheDirectory: PKJWTFiles.cacheDirectory(environment: environment))
    }

    /// The key at `path`, made (RSA-2048) and written 0600 first if there is none. Concurrent first
    /// uses take turns under the file's lock, so they all end up with the one key.
    static func loadOrCreate(at path: String, assertionKey: RSAPrivateKey?) throws -> RSAPrivateKey {
        let key = try existing(at: path) ?? created(at: path)
        try DPoPKeyFile.checkSeparate(key, from: assertionKey)
        return key
    }

    private static func existing(at path: String) throws -> RSAPrivateKey? {
        access(path, F_OK) == 0 ? try DPoPKeyFile.load(at: path, prepare: CPUPaths.forSigning) : nil
    }

    private static func created(at path: String) throws -> RSAPrivateKey {
        try DPoPKeyFile.prepareFolder(of: path)
        let lock = try FileLock(for: path)
        defer { lock.release() }
        if let key = try existing(at: path) { return key }
        let key = try CPUPaths.generatedKey(bits: 2048)
        try SecretFiles.writeSecret(
            JWK(privateKey: key, kid: key.publicKey.thumbprint).jsonRepresentation, to: path, overwrite: false)
        Output.diagnostic("pkjwt: made a DPoP key (RSA-2048) at \(DisplayedPath(path)) (mode 0600)")
        return CPUPaths.forSigning(key)
    }

    /// The session for `path`'s key, with the nonces an earlier run kept.
    static func session(at path: String, assertionKey: RSAPrivateKey?) throws -> DPoPSession {
        try DPoPSession(
            key: loadOrCreate(at: path, assertionKey: assertionKey), nonces: DPoPKeyFile.savedNonces(beside: path))
    }

    /// Keeps the session's nonces for the next run; failing to is not an error.
    static func saveNonces(_ session: DPoPSession, beside keyPath: String) {
        DPoPKeyFile.saveNonces(session.allNonces, beside: keyPath)
    }
}
