// DER and PEM forms of RSA keys: PKCS#1, PKCS#8 and SubjectPublicKeyInfo, with RFC 7468 labels.

/// The PEM labels pkjwt reads and writes (RFC 7468 §10, §11, §13; PKCS#1 traditional labels).
public enum PEMLabel {
    public static let privateKey = "PRIVATE KEY"  // PKCS#8 PrivateKeyInfo
    public static let rsaPrivateKey = "RSA PRIVATE KEY"  // PKCS#1 RSAPrivateKey
    public static let publicKey = "PUBLIC KEY"  // SubjectPublicKeyInfo
    public static let rsaPublicKey = "RSA PUBLIC KEY"  // PKCS#1 RSAPublicKey
}

extension RSAPublicKey {
    /// Reads SubjectPublicKeyInfo DER, or PKCS#1 RSAPublicKey DER (told apart by their first element).
    /// - Timing: variable time; inputs are public.
    public init(derRepresentation der: [UInt8]) throws(PrivateKeyJWTError) {
        // SPKI starts with the AlgorithmIdentifier SEQUENCE; RSAPublicKey with the modulus INTEGER.
        if DERStructure.firstInnerTag(der) == DERTag.integer.rawValue {
            try self.init(components: PKCS1.parsePublicKey(der))
        } else {
            try self.init(components: SubjectPublicKeyInfo.parse(der))
        }
    }

    /// Reads "PUBLIC KEY" (SPKI) or "RSA PUBLIC KEY" (PKCS#1) PEM; the label must match the content.
    public init(pemRepresentation text: String) throws(PrivateKeyJWTError) {
        let document = try PEMDocument(pemRepresentation: text)
        switch document.label {
        case PEMLabel.publicKey: try self.init(components: SubjectPublicKeyInfo.parse(document.der))
        case PEMLabel.rsaPublicKey:
            try self.init(components: PKCS1.parsePublicKey(document.der.labelled(document.label)))
        default:
            throw .invalidPEM("label '\(document.label)' is not a public key (expected PUBLIC KEY or RSA PUBLIC KEY)")
        }
    }

    /// SubjectPublicKeyInfo DER.
    public var derRepresentation: [UInt8] { SubjectPublicKeyInfo.serialize(components) }
    /// "PUBLIC KEY" PEM (SubjectPublicKeyInfo).
    public var pemRepresentation: String {
        PEMDocument(label: PEMLabel.publicKey, der: derRepresentation).pemRepresentation
    }
    /// PKCS#1 RSAPublicKey DER.
    public var pkcs1DERRepresentation: [UInt8] { PKCS1.serializePublicKey(components) }
    /// "RSA PUBLIC KEY" PEM (PKCS#1).
    public var pkcs1PEMRepresentation: String {
        PEMDocument(label: PEMLabel.rsaPublicKey, der: pkcs1DERRepresentation).pemRepresentation
    }

    /// The OpenSSH public-key line (RFC 4253 §6.6).
    public func openSSHRepresentation(comment: String? = nil) -> String {
        OpenSSHPublicKey.line(components, comment: comment)
    }
    /// Reads an OpenSSH "ssh-rsa ..." line.
    public init(openSSHRepresentation line: String) throws(PrivateKeyJWTError) {
        try self.init(components: OpenSSHPublicKey.parse(line))
    }
}

extension RSAPrivateKey {
    /// Reads PKCS#8 PrivateKeyInfo DER, or PKCS#1 RSAPrivateKey DER (told apart by their second element).
    /// - Timing: variable time (key import validation).
    public init(derRepresentation der: [UInt8]) throws(PrivateKeyJWTError) {
        // PrivateKeyInfo: version, then the AlgorithmIdentifier SEQUENCE; RSAPrivateKey: version, then n.
        if DERStructure.secondTag(der) == DERTag.sequence.rawValue {
            try self.init(components: PKCS8.parse(der))
        } else {
            try self.init(components: PKCS1.parsePrivateKey(der))
        }
    }

    /// Reads "PRIVATE KEY" (PKCS#8) or "RSA PRIVATE KEY" (PKCS#1) PEM; the label must match the content.
    /// - Timing: variable time (key import validation).
    public init(pemRepresentation text: String) throws(PrivateKeyJWTError) {
        let document = try PEMDocument(pemRepresentation: text)
        switch document.label {
        case PEMLabel.privateKey: try self.init(components: PKCS8.parse(document.der.labelled(document.label)))
        case PEMLabel.rsaPrivateKey:
            try self.init(components: PKCS1.parsePrivateKey(document.der.labelled(document.label)))
        default:
            throw .invalidPEM(
                "label '\(document.label)' is not a private key (expected PRIVATE KEY or RSA PRIVATE KEY)")
        }
    }

    /// PKCS#8 PrivateKeyInfo DER (the form Okta's console and OpenSSL 3 write).
    /// - Timing: variable time in component lengths only.
    public var derRepresentation: [UInt8] { PKCS8.serialize(components) }
    /// "PRIVATE KEY" PEM (PKCS#8).
    /// - Timing: variable time in component lengths; base64 indexes a table by key bits (SECURITY.md).
    public var pemRepresentation: String {
        PEMDocument(label: PEMLabel.privateKey, der: derRepresentation).pemRepresentation
    }
    /// PKCS#1 RSAPrivateKey DER.
    /// - Timing: variable time in component lengths; base64 indexes a table by key bits (SECURITY.md).
    public var pkcs1DERRepresentation: [UInt8] { PKCS1.serializePrivateKey(components) }
    /// "RSA PRIVATE KEY" PEM (PKCS#1).
    /// - Timing: variable time in component lengths; base64 indexes a table by key bits (SECURITY.md).
    public var pkcs1PEMRepresentation: String {
        PEMDocument(label: PEMLabel.rsaPrivateKey, der: pkcs1DERRepresentation).pemRepresentation
    }
}

extension Array where Element == UInt8 {
    /// Passes DER through, but first names the structure it really holds when it is not the one
    /// its PEM label announces (RFC 7468 §2: the label must match the content).
    fileprivate func labelled(_ label: String) throws(PrivateKeyJWTError) -> [UInt8] {
        let actual = DERStructure.identify(self)
        let expected: DERStructure? =
            switch label {
            case PEMLabel.privateKey: .pkcs8PrivateKey
            case PEMLabel.rsaPrivateKey: .pkcs1PrivateKey
            case PEMLabel.publicKey: .subjectPublicKeyInfo
            case PEMLabel.rsaPublicKey: .pkcs1PublicKey
            default: nil
            }
        if let actual, actual != expected {
            throw .invalidPEM("label '\(label)' does not match its content, which is \(actual.rawValue)")
        }
        return self
    }
}

/// The key structures a DER blob can hold, told apart by shape alone (for error messages).
enum DERStructure: String {
    case pkcs8PrivateKey = "a PKCS#8 PrivateKeyInfo (label PRIVATE KEY)"
    case pkcs1PrivateKey = "a PKCS#1 RSAPrivateKey (label RSA PRIVATE KEY)"
    case subjectPublicKeyInfo = "a SubjectPublicKeyInfo (label PUBLIC KEY)"
    case pkcs1PublicKey = "a PKCS#1 RSAPublicKey (label RSA PUBLIC KEY)"

    /// Which structure `der` parses as, if any (a parse without key checks).
    static func identify(_ der: [UInt8]) -> DERStructure? {
        if (try? PKCS1.parsePrivateKey(der)) != nil { return .pkcs1PrivateKey }
        if (try? PKCS1.parsePublicKey(der)) != nil { return .pkcs1PublicKey }
        if (try? SubjectPublicKeyInfo.parse(der)) != nil { return .subjectPublicKeyInfo }
        // A PKCS#8 header is recognisable even when its algorithm is refused (e.g. RSA-PSS).
        var reader = DERReader(der)
        if var seq = try? reader.sequence("PrivateKeyInfo"), (try? seq.integer("version", equals: 0)) != nil,
            seq.nextTag == DERTag.sequence.rawValue
        {
            return .pkcs8PrivateKey
        }
        return nil
    }

    /// The tag of the first element inside the outer SEQUENCE, if there is one.
    static func firstInnerTag(_ der: [UInt8]) -> UInt8? {
        var reader = DERReader(der)
        return (try? reader.sequence("key"))?.nextTag
    }

    /// The tag of the second element inside the outer SEQUENCE, if there is one.
    static func secondTag(_ der: [UInt8]) -> UInt8? {
        var reader = DERReader(der)
        guard var seq = try? reader.sequence("key"), let first = seq.nextTag,
            let tag = DERTag(rawValue: first), (try? seq.read(tag, what: "first element")) != nil
        else { return nil }
        return seq.nextTag
    }
}
