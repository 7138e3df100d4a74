// The DPoP key's settings and file (RFC 9449): whether proofs are sent, where the proof key lives (a
// private JWK, mode 0600, beside the token cache unless DPOP_KEY_FILE names another place), and the
// servers' nonces kept beside it between runs.

import Foundation
import PKJWTConfig
import PrivateKeyJWT

public enum DPoPKeyFile {
    /// Whether token requests send DPoP proofs: DPOP=true (or the caller's flag) always, DPOP=false
    /// never, otherwise when Okta answers that the app requires them.
    public enum Preference: Equatable, Sendable {
        case always, never, whenRequired

        public init(_ configuration: OktaConfiguration, flag: Bool) throws(OktaConfigError) {
            if flag { self = .always; return }
            switch configuration[.dpop]?.lowercased() {
            case nil: self = .whenRequired
            case "true", "1", "yes", "on": self = .always
            case "false", "0", "no", "off": self = .never
            case let other?: throw .dpopValue(String(other.prefix(40)))
            }
        }
    }

    /// DPOP_KEY_FILE, else `dpop-key.jwk` in the token cache folder (nil when there is none).
    public static func path(_ configuration: OktaConfiguration, cacheDirectory: String?) throws(OktaConfigError)
        -> String
    {
        if let path = configuration[.dpopKeyFile] {
            guard DisplayedPath.looksLikePath(path) else { throw .dpopKeyFileNotAPath }
            return path
        }
        guard let cacheDirectory else { throw .noPlaceForDPoPKey }
        return cacheDirectory + "/dpop-key.jwk"
    }

    /// The key's RFC 7638 thumbprint, or nil when there is no key yet. A JWK file is read for its e
    /// and n members only: naming a cache entry needs no key checks (the key is checked in full when
    /// it signs a proof, and a token is stored under the thumbprint of the checked key, so a file whose
    /// members are not canonical only misses the cache).
    public static func thumbprint(at path: String) throws(OktaConfigError) -> String? {
        guard access(path, F_OK) == 0 else { return nil }
        let bytes: [UInt8]
        do { bytes = try KeyFileMemo.bytes(at: path, what: Setting.dpopKeyFile.rawValue) } catch {
            throw .config(error)
        }
        if let thumbprint = (try? JWK(jsonRepresentation: bytes))?.memberThumbprint { return thumbprint }
        return try load(at: path).thumbprint
    }

    /// The kind of key made when there is none: DPOP_KEY_TYPE, P-256 unless it says RSA. A P-256 key is
    /// made in microseconds and its proofs carry a 64-byte signature and a short jwk (RFC 7518 §3.4).
    public enum KeyType: Equatable, Sendable {
        case p256, rsa2048

        public init(_ configuration: OktaConfiguration) throws(OktaConfigError) {
            let value = configuration[.dpopKeyType]
            switch value?.uppercased() {
            case nil, "EC", "P-256", "ES256": self = .p256
            case "RSA", "RS256": self = .rsa2048
            case _?: throw .dpopKeyType(String((value ?? "").prefix(40)))
            }
        }
    }

    /// The key at `path`, read, parsed and checked once per run: a P-256 key (a JWK with kty EC, or a
    /// PEM of an EC private key), else an RSA key, `prepare`d as the client key is.
    /// - Timing: variable time, as `PrivateKeyFiles.key(file:setting:prepare:)`.
    public static func load(
        at path: String, prepare: (RSAPrivateKey) -> RSAPrivateKey = { $0 }
    ) throws(OktaConfigError) -> SigningKey {
        do {
            return try PrivateKeyFiles.key(file: path, setting: Setting.dpopKeyFile.rawValue, prepare: prepare).key
        } catch { throw .config(error) }
    }

    /// Refuses a proof key that is the client-assertion key (RFC 9449 §2; docs/OKTA.md "DPoP").
    public static func checkSeparate(_ key: SigningKey, from assertionKey: SigningKey?) throws(OktaConfigError) {
        if let assertionKey, assertionKey.thumbprint == key.thumbprint { throw .dpopKeyIsAssertionKey }
    }

    /// Servers' DPoP nonces, kept beside the key between runs (RFC 9449 §8: a server may accept a
    /// nonce for a while). Not secret; a stale one costs one use_dpop_nonce round trip, as none does.
    public static func nonceFile(beside keyPath: String) -> String {
        let folder = (keyPath as NSString).deletingLastPathComponent
        return (folder.isEmpty ? "." : folder) + "/dpop-nonces.json"
    }

    /// The nonces an earlier run kept beside the key; none when there is no readable file.
    public static func savedNonces(beside keyPath: String) -> [String: String] {
        guard let bytes = try? SecretFiles.read(nonceFile(beside: keyPath), what: "DPoP nonces"),
            case .object(let members)? = try? JSONValue.parse(bytes)
        else { return [:] }
        return members.compactMapValues(\.stringValue)
    }

    /// Keeps `nonces` for the next run; failing to is not an error.
    public static func saveNonces(_ nonces: [String: String], beside keyPath: String) {
        guard !nonces.isEmpty, nonces != savedNonces(beside: keyPath) else { return }
        let bytes = JSONValue.object(nonces.mapValues(JSONValue.string)).compactJSON
        try? SecretFiles.writeSecret(bytes, to: nonceFile(beside: keyPath), overwrite: true)
    }

    /// The default key lives in the cache folder: made 0700 like the cache itself.
    public static func prepareFolder(of path: String) throws(OktaConfigError) {
        let folder = (path as NSString).deletingLastPathComponent
        guard !folder.isEmpty, access(folder, F_OK) != 0 else { return }
        do { try TokenCache(directory: folder).prepare() } catch { throw .config(error) }
    }
}
