// The one error type of the PrivateKeyJWT module.

/// Everything the core can refuse or fail at, with a description a user can act on.
///
/// Signature verification never says which check failed: it answers `signatureInvalid` only.
///
/// `indirect`: every payload is boxed, so the error is one word wherever it is thrown. With the typed
/// reasons inline, a refusal thrown through the generic `throws(Failure)` of `LockedValue.withLock`
/// crashed the ThreadSanitizer build (Swift 6.3, RSABlindingTests' failing random source).
public indirect enum PrivateKeyJWTError: Error, Equatable, Sendable, CustomStringConvertible {
    /// getrandom(2) failed; there is no fallback source.
    case randomUnavailable(errno: Int32)
    /// Key generation was asked for an unsupported size.
    case unsupportedKeySize(bits: Int)
    /// Key generation gave up (FIPS 186-5 App. A.1.3 iteration limit, or a failed pairwise test).
    case keyGenerationFailed(GenerationFailure)
    /// Base64 or base64url text that is not strictly canonical.
    case invalidBase64(Base64Rule)
    /// DER that breaks an X.690 DER rule; `field` names the element (e.g. "RSAPrivateKey.version").
    case invalidDER(field: String, rule: DERRule)
    /// PEM text that is malformed or whose label does not match its content.
    case invalidPEM(PEMRule)
    /// An OpenSSH public-key line (RFC 4253 §6.6) that is malformed.
    case invalidOpenSSHKey(OpenSSHRule)
    /// Key components that do not form a valid RSA key, or a key of the wrong kind.
    case invalidKey(KeyRule)
    /// P-256 key members that do not form a valid key (SP 800-186 §3.2.1.3, FIPS 186-5 §6.2).
    case invalidECKey(ECKeyRule)
    /// A key or token for an algorithm this module does not implement (only RSA and RS256).
    case unsupportedAlgorithm(Unsupported)
    /// JSON text that breaks RFC 8259 or repeats a member name (RFC 7515 §5.2).
    case invalidJSON(JSONFailure)
    /// A JWK or JWK Set that breaks RFC 7517/7518.
    case invalidJWK(JWKRule)
    /// A compact JWS that is malformed before its signature can be checked.
    case invalidJWS(JWSRule)
    /// The signature did not verify. Deliberately says nothing more.
    case signatureInvalid
    /// JWT claims that fail the time or value checks.
    case invalidClaims(ClaimRule)
    /// RFC 8017 §9.2 step 3: the modulus is too short for the DigestInfo and the padding.
    case encodingError(modulusBytes: Int, needed: Int)
    /// A computed signature failed its check against the public key and was withheld.
    case signingFault

    public var description: String {
        switch self {
        case .randomUnavailable(let code): "the kernel random generator (getrandom) failed with errno \(code)"
        case .unsupportedKeySize(let bits): "unsupported RSA key size \(bits) bits: use 2048, 3072 or 4096"
        case .keyGenerationFailed(let failure): "key generation failed: \(failure)"
        case .invalidBase64(let rule): "invalid base64: \(rule)"
        case .invalidDER(let field, .unexpectedVersion(let found, let expected)):
            "invalid DER: \(field) \(DERRule.unexpectedVersion(found: found, expected: expected))"
        case .invalidDER(let field, let rule): "invalid DER: \(field): \(rule)"
        case .invalidPEM(let rule): "invalid PEM: \(rule)"
        case .invalidOpenSSHKey(let rule): "invalid OpenSSH public key: \(rule)"
        case .invalidKey(let rule): "invalid RSA key: \(rule)"
        case .invalidECKey(let rule): "invalid P-256 key: \(rule)"
        case .unsupportedAlgorithm(let why): "unsupported algorithm: \(why)"
        case .invalidJSON(let failure): "invalid JSON: \(failure)"
        case .invalidJWK(let rule): "invalid JWK: \(rule)"
        case .invalidJWS(let rule): "invalid JWS: \(rule)"
        case .signatureInvalid: "signature verification failed"
        case .invalidClaims(let rule): "JWT claims rejected: \(rule)"
        case .encodingError(let modulusBytes, let needed):
            "cannot encode: a \(modulusBytes)-byte RSA modulus is too short for EMSA-PKCS1-v1_5 with SHA-256 (needs "
                + "\(needed))"
        case .signingFault:
            "the signature failed its own check against the public key and was withheld (hardware or memory fault?)"
        }
    }
}
