// The token flow's DPoP key (RFC 9449): a separate key, never the client-assertion key (§2), made on
// first use where DPoPKeyFile says it lives (P-256 unless DPOP_KEY_TYPE says RSA), with the servers'
// nonces kept beside it.

import Foundation
import OktaAPI
import PKJWTConfig
import PrivateKeyJWT

extension TokenSource {
    /// The size of the RSA DPoP keys this flow makes (DPOP_KEY_TYPE=RSA).
    public static let dpopRSAKeyBits = 2048

    /// DPOP_KEY_FILE, else `dpop-key.jwk` in the cache folder.
    public func dpopKeyPath() throws(OktaConfigError) -> String {
        try DPoPKeyFile.path(configuration, cacheDirectory: cacheDirectory)
    }

    /// The DPoP session a token request ended up using, if any.
    public final class SessionBox: @unchecked Sendable {
        public var session: DPoPSession?
        public init() {}
    }

    /// The token client's DPoP mode; the key is loaded (or made) only when a proof is needed, and the
    /// session used is left in `used`.
    /// - Timing: variable time in loading or making the key; its proofs sign as `DPoPSession.proof`.
    public func dpopMode(
        _ preference: DPoPKeyFile.Preference, assertionKey: SigningKey, used: SessionBox = SessionBox()
    ) throws -> DPoPMode {
        switch preference {
        case .never: return .off
        case .always:
            let session = try dpopSession(assertionKey: assertionKey)
            used.session = session
            return .on(session)
        case .whenRequired:
            let (path, maker, describe) = (try dpopKeyPath(), try dpopKeys(), describe)
            return .whenRequired { () throws(OktaAPIError) -> DPoPSession in
                do {
                    let session = try maker.session(at: path, assertionKey: assertionKey)
                    used.session = session
                    return session
                } catch let error as OktaAPIError { throw error } catch {
                    throw .configuration(.dpopKeyUnavailable(reason: describe(error)))
                }
            }
        }
    }

    /// The session for the DPoP key, with the nonces an earlier run kept; the key is made first if
    /// there is none.
    /// - Timing: variable time (key file reading and import checks, or key generation).
    public func dpopSession(assertionKey: SigningKey?) throws -> DPoPSession {
        try dpopKeys().session(at: dpopKeyPath(), assertionKey: assertionKey)
    }

    func dpopKeys() throws(OktaConfigError) -> DPoPKeys {
        DPoPKeys(keys: keys, notify: notify, type: try DPoPKeyFile.KeyType(configuration))
    }

    /// Keeps the session's nonces for the next run; failing to is not an error.
    public func saveNonces(_ session: DPoPSession) {
        guard let path = try? dpopKeyPath() else { return }
        DPoPKeyFile.saveNonces(session.allNonces, beside: path)
    }

    /// The resource client for `token`: with the DPoP key when the token is bound to it.
    public func resourceClient(for token: TokenResult) throws -> OktaResourceClient {
        var session: DPoPSession?
        if let thumbprint = token.dpopThumbprint {
            let key = try dpopSession(assertionKey: nil)
            guard key.thumbprint == thumbprint else { throw OktaConfigError.dpopKeyChanged }
            session = key
        }
        return try OktaResourceClient(
            org: configuration.org(), accessToken: token.accessToken, tokenType: token.tokenType, dpop: session,
            http: http)
    }
}

/// What making and loading the DPoP key needs, apart from the configuration (so that it can be
/// captured by the token client's `whenRequired` closure).
struct DPoPKeys: Sendable {
    let keys: TokenSource.Keys
    let notify: @Sendable (TokenSource.Notice) -> Void
    /// The kind of key made when there is none.
    let type: DPoPKeyFile.KeyType

    func session(at path: String, assertionKey: SigningKey?) throws -> DPoPSession {
        try DPoPSession(key: key(at: path, assertionKey: assertionKey), nonces: DPoPKeyFile.savedNonces(beside: path))
    }

    /// The key at `path`, made and written 0600 first if there is none. Concurrent first uses take
    /// turns under the file's lock, so they all end up with the one key.
    func key(at path: String, assertionKey: SigningKey?) throws -> SigningKey {
        let key = try existing(at: path) ?? created(at: path)
        try DPoPKeyFile.checkSeparate(key, from: assertionKey)
        return key
    }

    private func existing(at path: String) throws -> SigningKey? {
        access(path, F_OK) == 0 ? try DPoPKeyFile.load(at: path, prepare: keys.prepare) : nil
    }

    private func created(at path: String) throws -> SigningKey {
        try DPoPKeyFile.prepareFolder(of: path)
        let lock = try FileLock(for: path)
        defer { lock.release() }
        if let key = try existing(at: path) { return key }
        let key: SigningKey =
            switch type {
            case .p256: .p256(try P256PrivateKey())
            case .rsa2048: .rsa(try keys.generate(TokenSource.dpopRSAKeyBits))
            }
        try SecretFiles.writeSecret(key.privateJWK.jsonRepresentation, to: path, overwrite: false)
        notify(.madeDPoPKey(path: path, kind: key.kind))
        guard case .rsa(let rsa) = key else { return key }
        return .rsa(keys.prepare(rsa))
    }
}
