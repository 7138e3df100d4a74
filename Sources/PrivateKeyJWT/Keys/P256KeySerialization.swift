// P-256 keys from and to DER and PEM: PKCS#8 (label PRIVATE KEY) or SEC 1 ECPrivateKey (label EC
// PRIVATE KEY, OpenSSL's traditional form) for private keys, SubjectPublicKeyInfo (PUBLIC KEY) for
// public ones (RFC 5915, RFC 5480, RFC 7468 §10 and §13). Written as PKCS#8 and SPKI.

extension P256PrivateKey {
    /// RFC 7468's label of SEC 1's structure, which OpenSSL writes for EC keys.
    static let sec1Label = "EC PRIVATE KEY"

    /// A PKCS#8 PrivateKeyInfo or an ECPrivateKey, told apart by their first elements (INTEGER 0
    /// then a SEQUENCE, or INTEGER 1 then an OCTET STRING). A public point given with d must be d·G.
    /// - Timing: parsing is variable time in the structure; d's checks as `init(rawRepresentation:)`.
    public init(derRepresentation der: [UInt8]) throws(PrivateKeyJWTError) {
        let members = try Self.isPKCS8(der) ? ECKeyEncoding.parsePKCS8(der) : ECKeyEncoding.parseECPrivateKey(der)
        try self.init(members)
    }

    /// The first PEM block of `text`, labelled PRIVATE KEY or EC PRIVATE KEY.
    /// - Timing: as `init(derRepresentation:)`; base64 decoding indexes a table by data bits (Base64).
    public init(pemRepresentation text: String) throws(PrivateKeyJWTError) {
        let document = try PEMDocument(pemRepresentation: text)
        let members: ECKeyEncoding.PrivateMembers
        switch document.label {
        case KeyStructure.pkcs8PrivateKey.pemLabel: members = try ECKeyEncoding.parsePKCS8(document.der)
        case Self.sec1Label: members = try ECKeyEncoding.parseECPrivateKey(document.der)
        default: throw .invalidPEM(.notPrivateKeyLabel(document.label))
        }
        try self.init(members)
    }

    private init(_ members: ECKeyEncoding.PrivateMembers) throws(PrivateKeyJWTError) {
        // RFC 5915 §3: privateKey is ⌈log2(n)/8⌉ octets, 32 for P-256.
        try self.init(rawRepresentation: members.d)
        if let point = members.publicPoint, point != publicKey.x963Representation {
            _ = try P256PublicKey(x963Representation: point)  // a malformed point is refused as such
            throw .invalidECKey(.publicKeyMismatch)
        }
    }

    private static func isPKCS8(_ der: [UInt8]) -> Bool {
        var outer = DERReader(der)
        guard var seq = try? outer.sequence("key"), let version = try? seq.integer("version") else { return false }
        return version == [0] && seq.nextTag == DERTag.sequence.rawValue
    }

    /// PKCS#8 PrivateKeyInfo DER, with the curve named and the public point (as OpenSSL writes it).
    /// - Timing: lengths are fixed; d is copied, never branched on.
    public var derRepresentation: [UInt8] {
        ECKeyEncoding.serializePKCS8(d: rawRepresentation, publicPoint: publicKey.x963Representation)
    }

    /// PKCS#8 PEM (label PRIVATE KEY).
    /// - Timing: as `derRepresentation`; base64 encoding indexes a table by data bits (Base64).
    public var pemRepresentation: String {
        PEMDocument(label: KeyStructure.pkcs8PrivateKey.pemLabel, der: derRepresentation).pemRepresentation
    }
}

extension P256PublicKey {
    /// A SubjectPublicKeyInfo for id-ecPublicKey on prime256v1, the point checked on the curve.
    public init(derRepresentation der: [UInt8]) throws(PrivateKeyJWTError) {
        try self.init(x963Representation: ECKeyEncoding.parseSPKI(der))
    }

    /// The first PEM block of `text`, labelled PUBLIC KEY.
    public init(pemRepresentation text: String) throws(PrivateKeyJWTError) {
        let document = try PEMDocument(pemRepresentation: text)
        guard document.label == KeyStructure.subjectPublicKeyInfo.pemLabel else {
            throw .invalidPEM(.notPublicKeyLabel(document.label))
        }
        try self.init(derRepresentation: document.der)
    }

    /// SubjectPublicKeyInfo DER.
    public var derRepresentation: [UInt8] { ECKeyEncoding.serializeSPKI(publicPoint: x963Representation) }

    /// SubjectPublicKeyInfo PEM (label PUBLIC KEY).
    public var pemRepresentation: String {
        PEMDocument(label: KeyStructure.subjectPublicKeyInfo.pemLabel, der: derRepresentation).pemRepresentation
    }
}
