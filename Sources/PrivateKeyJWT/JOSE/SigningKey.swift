// A private key of either kind the JOSE code signs with, for callers that take both: RS256 with an
// RSA key, ES256 with a P-256 key (RFC 7518 §3.1).

import Foundation

public enum SigningKey: Sendable {
    case rsa(RSAPrivateKey)
    case p256(P256PrivateKey)

    /// The JWS "alg" the key signs with (RFC 7518 §3.1).
    public var algorithm: String {
        switch self {
        case .rsa: "RS256"
        case .p256: "ES256"
        }
    }

    /// The key's kind and size as people name them: "RSA-2048", "P-256".
    public var kind: String {
        switch self {
        case .rsa(let key): "RSA-\(key.publicKey.modulusBitCount)"
        case .p256: "P-256"
        }
    }

    /// The RFC 7638 thumbprint of the public key.
    public var thumbprint: String {
        switch self {
        case .rsa(let key): key.publicKey.thumbprint
        case .p256(let key): key.publicKey.thumbprint
        }
    }

    /// The private JWK, its kid the thumbprint.
    /// - Timing: base64url of the private members indexes a table by data bits (as each kind's JWK).
    public var privateJWK: JWK {
        switch self {
        case .rsa(let key): JWK(privateKey: key, kid: thumbprint)
        case .p256(let key): JWK(privateKey: key, kid: thumbprint)
        }
    }

    /// The public JWK with the members a registration carries: kid, alg (RS256 or ES256), use "sig".
    public func publicJWK(kid: String?) -> JWK {
        switch self {
        case .rsa(let key): JWK(publicKey: key.publicKey, kid: kid, alg: algorithm, use: "sig")
        case .p256(let key): JWK(publicKey: key.publicKey, kid: kid, alg: algorithm, use: "sig")
        }
    }

    /// The key a private JWK holds, by its kty: "EC" for P-256, otherwise RSA (whose refusals name
    /// any other kty).
    /// - Timing: as `JWK.p256PrivateKey()` and `JWK.rsaPrivateKey()`.
    public init(jwk: JWK) throws(PrivateKeyJWTError) {
        self = jwk.kty == "EC" ? .p256(try jwk.p256PrivateKey()) : .rsa(try jwk.rsaPrivateKey())
    }
}

extension JWS {
    /// Signs `payload` with either kind of key, under a header {"alg":"RS256" or "ES256"} plus `kid`
    /// and `typ` when given.
    /// - Timing: signing as `RSAPrivateKey.signature(for:)` or `P256PrivateKey.signature(digest:)`.
    public static func sign(payload: [UInt8], key: SigningKey, kid: String? = nil, typ: String? = "JWT")
        throws(PrivateKeyJWTError) -> String
    {
        switch key {
        case .rsa(let key): try sign(payload: payload, key: key, kid: kid, typ: typ)
        case .p256(let key): sign(payload: payload, key: key, kid: kid, typ: typ)
        }
    }
}

extension ClientAssertion {
    /// Signs a new assertion with either kind of key: RS256 or ES256 (header alg, kid, typ).
    /// - Timing: signing as `RSAPrivateKey.signature(for:)` or `P256PrivateKey.signature(digest:)`.
    public func signed(with key: SigningKey, now: Date = Date()) throws(PrivateKeyJWTError) -> String {
        var random = SecureRandom()
        return try JWS.sign(
            payload: JSONValue.object(claims(now: now, random: &random)).compactJSON, key: key, kid: kid, typ: "JWT")
    }
}

extension DPoPProof {
    /// The signed proof with either kind of key: RS256 or ES256, the public key in the header.
    /// - Timing: signing as `RSAPrivateKey.signature(for:)` or `P256PrivateKey.signature(digest:)`.
    public func signed(with key: SigningKey, now: Date = Date()) throws(PrivateKeyJWTError) -> String {
        switch key {
        case .rsa(let key): try signed(with: key, now: now)
        case .p256(let key): try signed(with: key, now: now)
        }
    }
}
