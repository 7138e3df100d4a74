// P-256 keys as JSON Web Keys (RFC 7518 §6.2: kty "EC", crv "P-256", x and y, d for a private key)
// and their RFC 7638 thumbprints.

extension JWK {
    /// The public JWK of `key`, with the members a registration carries (RFC 7517 §4.2-4.5).
    public init(publicKey key: P256PublicKey, kid: String? = nil, alg: String? = "ES256", use: String? = "sig") {
        self.init(kty: "EC", kid: kid, alg: alg, use: use)
        crv = "P-256"
        x = Base64.urlEncode(key.xBytes)
        y = Base64.urlEncode(key.yBytes)
    }

    /// The private JWK of `key` (RFC 7518 §6.2.2.1: d, 32 octets).
    /// - Timing: base64url indexes a table by data bits, as for RSA's members.
    public init(privateKey key: P256PrivateKey, kid: String? = nil, alg: String? = "ES256", use: String? = "sig") {
        self.init(publicKey: key.publicKey, kid: kid, alg: alg, use: use)
        d = Base64.urlEncode(key.rawRepresentation)
    }

    /// The P-256 public key; the JWK must be an EC key on P-256 usable for ES256 verification.
    public func p256PublicKey() throws(PrivateKeyJWTError) -> P256PublicKey {
        try checkUsableForES256(operation: "verify")
        return try P256PublicKey(x: Self.coordinate(x, "x"), y: Self.coordinate(y, "y"))
    }

    /// The P-256 private key; its x and y must be d·G.
    /// - Timing: base64url decoding indexes a table by data bits; d's checks as
    ///   `P256PrivateKey.init(rawRepresentation:)`.
    public func p256PrivateKey() throws(PrivateKeyJWTError) -> P256PrivateKey {
        try checkUsableForES256(operation: "sign")
        let publicKey = try P256PublicKey(x: Self.coordinate(x, "x"), y: Self.coordinate(y, "y"))
        let key = try P256PrivateKey(rawRepresentation: Self.coordinate(d, "d"))
        guard key.publicKey == publicKey else { throw .invalidECKey(.publicKeyMismatch) }
        return key
    }

    private func checkUsableForES256(operation: String) throws(PrivateKeyJWTError) {
        guard kty == "EC" else { throw .unsupportedAlgorithm(.jwkKeyType(kty)) }
        guard crv == "P-256" else {
            throw crv == nil ? .invalidJWK(.missing(member: "crv")) : .unsupportedAlgorithm(.ecCurve)
        }
        if let alg, alg != "ES256" { throw .unsupportedAlgorithm(.jwkAlgorithm(alg)) }
        if let use, use != "sig" { throw .invalidJWK(.notForSignatures(use: use)) }
        if let key_ops, !key_ops.contains(operation) { throw .invalidJWK(.operationNotAllowed(operation)) }
    }

    /// RFC 7518 §6.2.1.2-3 and §6.2.2.1: x, y and d are base64url of exactly 32 octets (the full size
    /// of a coordinate or of the order, leading zeros kept).
    private static func coordinate(_ member: String?, _ name: String) throws(PrivateKeyJWTError) -> [UInt8] {
        guard let member else { throw .invalidJWK(.missing(member: name)) }
        let bytes: [UInt8]
        do { bytes = try Base64.urlDecode(member) } catch {
            guard case .invalidBase64(let rule) = error else { throw error }
            throw .invalidJWK(.notBase64URL(member: name, rule))
        }
        guard bytes.count == 32 else {
            throw .invalidECKey(.wrongLength(member: name, found: bytes.count, expected: 32))
        }
        return bytes
    }
}

extension P256PublicKey {
    /// The RFC 7638 JWK thumbprint: base64url(SHA-256 of {"crv":"P-256","kty":"EC","x":...,"y":...}).
    public var thumbprint: String {
        // RFC 7638 §3.2: crv, kty, x, y (the required EC members) in lexicographic order, no whitespace.
        let (x, y) = (Base64.urlEncode(xBytes), Base64.urlEncode(yBytes))
        let canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"\(x)\",\"y\":\"\(y)\"}"
        return Base64.urlEncode(SHA256.hash(data: Array(canonical.utf8)).bytes)
    }
}
