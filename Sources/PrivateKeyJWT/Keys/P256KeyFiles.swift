// P-256 keys in the files people hand to a tool: a JWK whose kty is EC, a SEC 1 PEM (EC PRIVATE KEY),
// a PKCS#8 PEM (PRIVATE KEY) or a SubjectPublicKeyInfo PEM (PUBLIC KEY) whose algorithm is
// id-ecPublicKey. Anything else is no P-256 key file, and KeyDocument judges it as RSA.

extension P256PrivateKey {
    /// The private key `bytes` hold and their format, or nil when they hold no EC private key. A public
    /// EC JWK is nil here (the caller says it holds a public key only).
    /// - Timing: as `JWK.p256PrivateKey()` and `init(pemRepresentation:)`.
    public static func inKeyFile(_ bytes: [UInt8]) throws(PrivateKeyJWTError) -> (
        key: P256PrivateKey, format: KeyFormat
    )? {
        if let jwk = try? JWK(jsonRepresentation: bytes) {
            guard jwk.kty == "EC", jwk.d != nil else { return nil }
            return (try jwk.p256PrivateKey(), .privateJWK)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if text.contains("-----BEGIN \(sec1Label)-----") {
            return (try P256PrivateKey(pemRepresentation: text), .sec1PEM)
        }
        // PKCS#8 names its algorithm inside: an RSA one is KeyDocument's to take.
        guard text.contains("-----BEGIN PRIVATE KEY-----"), let key = try? P256PrivateKey(pemRepresentation: text)
        else { return nil }
        return (key, .pem(.pkcs8PrivateKey))
    }
}

extension P256PublicKey {
    /// The public key `bytes` hold (an EC JWK, public or private, an EC SubjectPublicKeyInfo PEM, or an
    /// EC private key file), or nil when they hold no EC key.
    /// - Timing: variable time; a private key file is read as `P256PrivateKey.inKeyFile(_:)`.
    public static func inKeyFile(_ bytes: [UInt8]) throws(PrivateKeyJWTError) -> P256PublicKey? {
        if let jwk = try? JWK(jsonRepresentation: bytes), jwk.kty == "EC" { return try jwk.p256PublicKey() }
        let text = String(decoding: bytes, as: UTF8.self)
        if text.contains("-----BEGIN PUBLIC KEY-----"), let key = try? P256PublicKey(pemRepresentation: text) {
            return key
        }
        return try P256PrivateKey.inKeyFile(bytes)?.key.publicKey
    }
}
