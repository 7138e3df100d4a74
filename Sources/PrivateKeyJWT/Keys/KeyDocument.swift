// Reading a key file of any supported format, recognised by its content and parsed once.

/// The formats `KeyDocument` recognises.
public enum KeyFormat: Sendable, Equatable, CustomStringConvertible {
    /// One of the four key structures (Encoding/KeyStructure.swift), as PEM or as bare DER.
    case pem(KeyStructure)
    case der(KeyStructure)
    case privateJWK, publicJWK, jwkSet, openSSH
    /// RFC 5915's ECPrivateKey as PEM ("EC PRIVATE KEY"), as OpenSSL's `ecparam -genkey` writes it.
    case sec1PEM

    /// The format as people name it ("PKCS#8 PEM (PRIVATE KEY)", "JWK Set", ...).
    public var description: String {
        switch self {
        case .pem(let structure): structure.formatName(pem: true)
        case .der(let structure): structure.formatName(pem: false)
        case .privateJWK: "private JWK"
        case .publicJWK: "public JWK"
        case .jwkSet: "JWK Set"
        case .openSSH: "OpenSSH public key"
        case .sec1PEM: "SEC 1 PEM (EC PRIVATE KEY)"
        }
    }
}

/// A key file's contents: a private key, or one or more public keys (a JWK Set), and its format.
public struct KeyDocument: Sendable {
    public let format: KeyFormat
    /// The private key, when the file holds one.
    public let privateKey: RSAPrivateKey?
    /// The public keys: one, or every RSA key of a JWK Set, with the "kid" each JWK gave.
    public let publicKeys: [(key: RSAPublicKey, kid: String?)]

    /// The first (usually only) public key.
    public var publicKey: RSAPublicKey { publicKeys[0].key }

    /// Recognises and parses `bytes`: PEM, DER, JWK, JWK Set or an OpenSSH public-key line.
    /// - Timing: variable time (key import validation).
    public init(bytes: [UInt8]) throws(PrivateKeyJWTError) {
        let text = String(decoding: bytes, as: UTF8.self)
        let trimmed = text.drop { $0.isWhitespace }
        if trimmed.hasPrefix("{") {
            try self.init(json: bytes)
        } else if text.contains("-----BEGIN ") {
            try self.init(pem: text)
        } else if trimmed.hasPrefix("ssh-") {
            self.init(
                format: .openSSH,
                publicKey: try RSAPublicKey(openSSHRepresentation: String(trimmed.prefix { $0 != "\n" && $0 != "\r" })))
        } else if bytes.first == DERTag.sequence.rawValue {
            // Told apart by shape; a DER blob of no known shape gets the PKCS#1 private-key parser's
            // account of where it goes wrong.
            try self.init(der: bytes, as: KeyStructure.identify(bytes) ?? .pkcs1PrivateKey, format: KeyFormat.der)
        } else {
            throw .invalidKey(.unrecognisedKeyFile)
        }
    }

    private init(format: KeyFormat, privateKey: RSAPrivateKey) {
        self.format = format
        self.privateKey = privateKey
        publicKeys = [(privateKey.publicKey, nil)]
    }

    private init(format: KeyFormat, publicKey: RSAPublicKey, kid: String? = nil) {
        self.init(format: format, publicKeys: [(publicKey, kid)])
    }

    private init(format: KeyFormat, publicKeys: [(key: RSAPublicKey, kid: String?)]) {
        self.format = format
        privateKey = nil
        self.publicKeys = publicKeys
    }

    private init(pem text: String) throws(PrivateKeyJWTError) {
        let document = try PEMDocument(pemRepresentation: text)
        guard let structure = KeyStructure(pemLabel: document.label) else {
            throw .invalidPEM(.unknownLabel(document.label))
        }
        try self.init(der: document.der, as: structure, format: KeyFormat.pem, labelled: true)
    }

    /// `der` parsed once, as `structure`.
    /// - Timing: variable time (key import validation).
    private init(
        der: [UInt8], as structure: KeyStructure, format: (KeyStructure) -> KeyFormat, labelled: Bool = false
    ) throws(PrivateKeyJWTError) {
        if structure.isPrivate {
            self.init(
                format: format(structure),
                privateKey: try RSAPrivateKey(parsing: der, as: structure, labelled: labelled))
        } else {
            self.init(
                format: format(structure), publicKey: try RSAPublicKey(parsing: der, as: structure, labelled: labelled))
        }
    }

    private init(json bytes: [UInt8]) throws(PrivateKeyJWTError) {
        if let set = try? JWKSet(jsonRepresentation: bytes) {
            var keys = [(key: RSAPublicKey, kid: String?)]()
            for jwk in set.rsaKeys { keys.append((try jwk.rsaPublicKey(), jwk.kid)) }
            guard !keys.isEmpty else { throw .invalidJWK(.noRSAKeyInSet) }
            self.init(format: .jwkSet, publicKeys: keys)
            return
        }
        let jwk = try JWK(jsonRepresentation: bytes)
        if jwk.isPrivate {
            self.init(format: .privateJWK, privateKey: try jwk.rsaPrivateKey())
        } else {
            self.init(format: .publicJWK, publicKey: try jwk.rsaPublicKey(), kid: jwk.kid)
        }
    }
}
