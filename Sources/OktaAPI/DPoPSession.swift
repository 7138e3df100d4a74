// DPoP for Okta calls (RFC 9449; docs/OKTA.md "DPoP"): the proof key, and the nonces each
// server handed out, remembered for the next proof to that server.

import Foundation
import NIOConcurrencyHelpers
import PrivateKeyJWT

/// When the token client sends DPoP proofs.
public enum DPoPMode: Sendable {
    /// Never: Bearer tokens only.
    case off
    /// Always, with this session's key.
    case on(DPoPSession)
    /// Only once the server answers that the app requires DPoP (`invalid_dpop_proof` to a request
    /// without a proof); the session is made then, by `make`.
    case whenRequired(@Sendable () throws(OktaAPIError) -> DPoPSession)
}

/// A DPoP key and the nonces servers gave for it. Shared by the calls of one process.
public final class DPoPSession: Sendable {
    /// RSA (RS256 proofs) or P-256 (ES256 proofs).
    public let key: SigningKey
    /// RFC 7638 thumbprint of the key: the `cnf.jkt` of every token bound to it.
    public let thumbprint: String
    /// Server → its latest nonce. RFC 9449 §8 (authorization server) and §9 (resource server):
    /// nonces are per server, so a resource server's is never sent to the token endpoint.
    private let nonces: NIOLockedValueBox<[String: String]>

    public init(key: SigningKey, nonces: [String: String] = [:]) throws(OktaAPIError) {
        if case .rsa(let rsa) = key, rsa.publicKey.modulusBitCount < JWS.minimumModulusBits {
            throw .configuration(.smallDPoPKey(minimum: JWS.minimumModulusBits))
        }
        self.key = key
        thumbprint = key.thumbprint
        self.nonces = NIOLockedValueBox(nonces)
    }

    /// A session whose proofs are RS256.
    public convenience init(key: RSAPrivateKey, nonces: [String: String] = [:]) throws(OktaAPIError) {
        try self.init(key: .rsa(key), nonces: nonces)
    }

    /// The server a nonce belongs to: the token endpoint for the authorization server, the origin
    /// for a resource server.
    public enum Server: Sendable, Hashable {
        case authorization(tokenURL: URL)
        case resource(URL)

        var name: String {
            switch self {
            case .authorization(let url): "as " + url.absoluteString
            case .resource(let url):
                "rs " + (url.scheme ?? "") + "://" + (url.host ?? "") + (url.port.map { ":\($0)" } ?? "")
            }
        }
    }

    public func nonce(for server: Server) -> String? { nonces.withLockedValue { $0[server.name] } }

    /// Every nonce kept, by server: what a caller stores to start the next process with them
    /// (`init(key:nonces:)`), saving the round trip a server's first refusal costs.
    public var allNonces: [String: String] { nonces.withLockedValue { $0 } }

    /// Keeps the `DPoP-Nonce` a response carried (§8.2: a server may send a new one on any answer).
    public func remember(_ response: HTTPResponse, from server: Server) {
        if let nonce = response.header("DPoP-Nonce") { remember(nonce, from: server) }
    }

    public func remember(_ nonce: String, from server: Server) {
        // RFC 9449 §8.1: nonce = 1*NQCHAR; anything else is not a nonce and is not echoed back.
        guard !nonce.isEmpty, nonce.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 < 0x7F }) else {
            return
        }
        nonces.withLockedValue { $0[server.name] = nonce }
    }

    /// The `DPoP` header value for one request to `url`, with the server's nonce if it gave one.
    /// - Timing: signing as `RSAPrivateKey.signature(for:)` or `P256PrivateKey.signature(digest:)`.
    public func proof(method: HTTPRequest.Method, url: URL, accessToken: String? = nil, server: Server, now: Date)
        throws(OktaAPIError) -> String
    {
        do {
            return try DPoPProof(
                method: method.rawValue, url: url.absoluteString, nonce: nonce(for: server), accessToken: accessToken
            ).signed(with: key, now: now)
        } catch {
            throw .signing(error)
        }
    }
}
