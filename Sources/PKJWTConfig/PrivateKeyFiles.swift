// A private key named by a setting: a file (PEM, DER or JWK; RSA, or P-256 as a JWK or a SEC 1 or PKCS#8
// PEM), or the setting's value itself, which may hold the key or the path of its file. Each file and
// value is read, parsed and checked once per run (KeyFileMemo). A value is a secret: no message quotes
// it, not even when it is taken for a path.

import Foundation
import PrivateKeyJWT

public enum PrivateKeyFiles {
    /// The key in the file at `path`, which the setting `setting` names.
    /// - Timing: variable time (file reading and key import validation), as `KeyDocument`.
    /// - Parameter prepare: applied once to the key as loaded (the caller's choice of signing path).
    public static func key(
        file path: String, setting: String, prepare: (RSAPrivateKey) -> RSAPrivateKey = { $0 }
    ) throws(ConfigError) -> KeyFileMemo.Loaded {
        try KeyFileMemo.key(at: path) { () throws(ConfigError) in
            try load(KeyFileMemo.bytes(at: path, what: setting), from: .file(setting: setting, path: path), prepare)
        }
    }

    /// The key the setting's `value` holds (PEM, JWK or bare base64 DER), or the key in the file it names.
    /// - Timing: variable time, as `key(file:setting:prepare:)`; which form the value takes is decided by
    ///   its shape (a PEM or JSON opening, its length, whether a file of that name exists).
    public static func key(
        value: String, setting: String, prepare: (RSAPrivateKey) -> RSAPrivateKey = { $0 }
    ) throws(ConfigError) -> KeyFileMemo.Loaded {
        try KeyFileMemo.key(inline: value) { () throws(ConfigError) in try inlineKey(value, setting: setting, prepare) }
    }

    private static func inlineKey(
        _ value: String, setting: String, _ prepare: (RSAPrivateKey) -> RSAPrivateKey
    ) throws(ConfigError) -> KeyFileMemo.Loaded {
        if value.contains("-----BEGIN") || value.hasPrefix("{") {
            return try load(Array(value.utf8), from: .value(setting: setting), prepare)
        }
        // Bare DER in base64 is at least a few hundred characters; a path is rarely over 64 and never
        // decodes to a key.
        let compact = value.filter { !$0.isWhitespace }
        if compact.count > 64, let der = try? Base64.decode(compact) {
            return try load(der, from: .value(setting: setting), prepare)
        }
        guard access(value, F_OK) == 0 else { throw .key(.value(setting: setting), .neitherKeyNorPath) }
        let origin = ConfigError.KeyOrigin.fileNamedBy(setting: setting)
        return try load(KeyFileMemo.bytes(at: value, what: origin.description), from: origin, prepare)
    }

    private static func load(
        _ bytes: [UInt8], from origin: ConfigError.KeyOrigin, _ prepare: (RSAPrivateKey) -> RSAPrivateKey
    ) throws(ConfigError) -> KeyFileMemo.Loaded {
        if let found = try p256Key(bytes, origin: origin) {
            return KeyFileMemo.Loaded(key: .p256(found.key), format: found.format)
        }
        let document: KeyDocument
        do { document = try KeyDocument(bytes: bytes) } catch { throw .key(origin, .unreadable(error)) }
        guard let key = document.privateKey else { throw .key(origin, .publicKeyOnly(document.format)) }
        return KeyFileMemo.Loaded(key: .rsa(prepare(key)), format: document.format)
    }

    /// The P-256 key `bytes` hold and their format, or nil when they hold none (KeyDocument then judges
    /// them as RSA, and names what it found).
    /// - Timing: as `P256PrivateKey.inKeyFile(_:)`.
    static func p256Key(_ bytes: [UInt8], origin: ConfigError.KeyOrigin) throws(ConfigError)
        -> (key: P256PrivateKey, format: KeyFormat)?
    {
        if let jwk = try? JWK(jsonRepresentation: bytes), jwk.kty == "EC", jwk.d == nil {
            throw .key(origin, .publicKeyOnly(.publicJWK))
        }
        do { return try P256PrivateKey.inKeyFile(bytes) } catch { throw .key(origin, .unreadable(error)) }
    }
}
