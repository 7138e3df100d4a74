// RSA keys read from and written to DER and PEM, in the structures of Encoding/KeyStructure.swift.
// Each input is parsed once: its structure is told by its PEM label or, for DER, by its shape, and then
// only that structure's parser runs.

extension RSAPublicKey {
    /// Reads SubjectPublicKeyInfo DER, or PKCS#1 RSAPublicKey DER (told apart by shape).
    /// - Timing: variable time; inputs are public.
    public init(derRepresentation der: [UInt8]) throws(PrivateKeyJWTError) {
        try self.init(parsing: der, as: KeyStructure.identify(der) ?? .subjectPublicKeyInfo)
    }

    /// Reads "PUBLIC KEY" (SPKI) or "RSA PUBLIC KEY" (PKCS#1) PEM; the label must match the content.
    public init(pemRepresentation text: String) throws(PrivateKeyJWTError) {
        let document = try PEMDocument(pemRepresentation: text)
        guard let structure = KeyStructure(pemLabel: document.label), !structure.isPrivate else {
            throw .invalidPEM(.notPublicKeyLabel(document.label))
        }
        try self.init(parsing: document.der, as: structure, labelled: true)
    }

    /// `der` parsed as `structure`, which must be a public one.
    init(parsing der: [UInt8], as structure: KeyStructure, labelled: Bool = false) throws(PrivateKeyJWTError) {
        switch try structure.parse(der, fromPEM: labelled) {
        case .publicKey(let components): try self.init(components: components)
        case .privateKey:
            throw .invalidKey(.privateKeyWherePublicExpected(structure: structure.name))
        }
    }

    /// SubjectPublicKeyInfo DER.
    public var derRepresentation: [UInt8] { KeyStructure.subjectPublicKeyInfo.serialize(publicKey: components) }
    /// "PUBLIC KEY" PEM (SubjectPublicKeyInfo).
    public var pemRepresentation: String { pem(.subjectPublicKeyInfo) }
    /// PKCS#1 RSAPublicKey DER.
    public var pkcs1DERRepresentation: [UInt8] { KeyStructure.pkcs1PublicKey.serialize(publicKey: components) }
    /// "RSA PUBLIC KEY" PEM (PKCS#1).
    public var pkcs1PEMRepresentation: String { pem(.pkcs1PublicKey) }

    private func pem(_ structure: KeyStructure) -> String {
        PEMDocument(label: structure.pemLabel, der: structure.serialize(publicKey: components)).pemRepresentation
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
    /// Reads PKCS#8 PrivateKeyInfo DER, or PKCS#1 RSAPrivateKey DER (told apart by shape).
    /// - Timing: variable time (key import validation).
    public init(derRepresentation der: [UInt8]) throws(PrivateKeyJWTError) {
        try self.init(parsing: der, as: KeyStructure.identify(der) ?? .pkcs1PrivateKey)
    }

    /// Reads "PRIVATE KEY" (PKCS#8) or "RSA PRIVATE KEY" (PKCS#1) PEM; the label must match the content.
    /// - Timing: variable time (key import validation).
    public init(pemRepresentation text: String) throws(PrivateKeyJWTError) {
        let document = try PEMDocument(pemRepresentation: text)
        guard let structure = KeyStructure(pemLabel: document.label), structure.isPrivate else {
            throw .invalidPEM(.notPrivateKeyLabel(document.label))
        }
        try self.init(parsing: document.der, as: structure, labelled: true)
    }

    /// `der` parsed as `structure`, which must be a private one.
    /// - Timing: variable time (key import validation).
    init(parsing der: [UInt8], as structure: KeyStructure, labelled: Bool = false) throws(PrivateKeyJWTError) {
        switch try structure.parse(der, fromPEM: labelled) {
        case .privateKey(let components): try self.init(components: components)
        case .publicKey:
            throw .invalidKey(.publicKeyWherePrivateExpected(structure: structure.name))
        }
    }

    /// PKCS#8 PrivateKeyInfo DER (the form OpenSSL 3 writes).
    /// - Timing: variable time in component lengths only.
    public var derRepresentation: [UInt8] { KeyStructure.pkcs8PrivateKey.serialize(components) }
    /// "PRIVATE KEY" PEM (PKCS#8).
    /// - Timing: variable time in component lengths; base64 indexes a table by key bits (SECURITY.md).
    public var pemRepresentation: String { pem(.pkcs8PrivateKey) }
    /// PKCS#1 RSAPrivateKey DER.
    /// - Timing: variable time in component lengths only.
    public var pkcs1DERRepresentation: [UInt8] { KeyStructure.pkcs1PrivateKey.serialize(components) }
    /// "RSA PRIVATE KEY" PEM (PKCS#1).
    /// - Timing: variable time in component lengths; base64 indexes a table by key bits (SECURITY.md).
    public var pkcs1PEMRepresentation: String { pem(.pkcs1PrivateKey) }

    /// - Timing: variable time in component lengths; base64 indexes a table by key bits (SECURITY.md).
    private func pem(_ structure: KeyStructure) -> String {
        PEMDocument(label: structure.pemLabel, der: structure.serialize(components)).pemRepresentation
    }
}
