// Reading a key file of any supported format, recognised by its content.

/// The formats `KeyDocument` recognises.
public enum KeyFormat: String, Sendable {
    case pkcs8PEM = "PKCS#8 PEM (PRIVATE KEY)"
    case pkcs1PEM = "PKCS#1 PEM (RSA PRIVATE KEY)"
    case spkiPEM = "SubjectPublicKeyInfo PEM (PUBLIC KEY)"
    case pkcs1PublicPEM = "PKCS#1 PEM (RSA PUBLIC KEY)"
    case pkcs8DER = "PKCS#8 DER"
    case pkcs1DER = "PKCS#1 RSAPrivateKey DER"
    case spkiDER = "SubjectPublicKeyInfo DER"
    case pkcs1PublicDER = "PKCS#1 RSAPublicKey DER"
    case privateJWK = "private JWK"
    case publicJWK = "public JWK"
    case jwkSet = "JWK Set"
    case openSSH = "OpenSSH public key"
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
            try self.init(der: bytes)
        } else {
            throw .invalidKey(
                "unrecognised key file: expected PEM, DER, a JWK, a JWK Set or an OpenSSH public-key line")
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
        let label = try PEMDocument(pemRepresentation: text).label
        switch label {
        case PEMLabel.privateKey: self.init(format: .pkcs8PEM, privateKey: try RSAPrivateKey(pemRepresentation: text))
        case PEMLabel.rsaPrivateKey:
            self.init(format: .pkcs1PEM, privateKey: try RSAPrivateKey(pemRepresentation: text))
        case PEMLabel.publicKey: self.init(format: .spkiPEM, publicKey: try RSAPublicKey(pemRepresentation: text))
        case PEMLabel.rsaPublicKey:
            self.init(format: .pkcs1PublicPEM, publicKey: try RSAPublicKey(pemRepresentation: text))
        default:
            throw .invalidPEM(
                "label '\(label)' is not a key pkjwt reads (PRIVATE KEY, RSA PRIVATE KEY, PUBLIC KEY, RSA PUBLIC KEY)")
        }
    }

    private init(der: [UInt8]) throws(PrivateKeyJWTError) {
        // Told apart by shape: PrivateKeyInfo = SEQUENCE { INTEGER, SEQUENCE, ... },
        // SubjectPublicKeyInfo = SEQUENCE { SEQUENCE, ... }, RSAPublicKey = SEQUENCE { INTEGER, INTEGER }.
        if DERStructure.secondTag(der) == DERTag.sequence.rawValue {
            self.init(format: .pkcs8DER, privateKey: try RSAPrivateKey(derRepresentation: der))
        } else if DERStructure.firstInnerTag(der) == DERTag.sequence.rawValue {
            self.init(format: .spkiDER, publicKey: try RSAPublicKey(derRepresentation: der))
        } else if let components = try? PKCS1.parsePublicKey(der) {
            self.init(format: .pkcs1PublicDER, publicKey: try RSAPublicKey(components: components))
        } else {
            self.init(format: .pkcs1DER, privateKey: try RSAPrivateKey(derRepresentation: der))
        }
    }

    private init(json bytes: [UInt8]) throws(PrivateKeyJWTError) {
        if let set = try? JWKSet(jsonRepresentation: bytes) {
            var keys = [(key: RSAPublicKey, kid: String?)]()
            for jwk in set.rsaKeys { keys.append((try jwk.rsaPublicKey(), jwk.kid)) }
            guard !keys.isEmpty else { throw .invalidJWK("the JWK Set has no RSA key") }
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
