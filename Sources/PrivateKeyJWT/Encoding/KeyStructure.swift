// The four DER structures an RSA key is read and written in here, as one table: PEM label (RFC 7468),
// names, private or public, shape and parser. PEM and DER key reading (Keys/RSAKeySerialization.swift),
// KeyDocument and the key-format names all come from this table; no other file names a label or a shape.

/// A DER structure that holds an RSA key.
public enum KeyStructure: CaseIterable, Sendable {
    /// PKCS#8 PrivateKeyInfo (RFC 5208 §5), label PRIVATE KEY (RFC 7468 §10).
    case pkcs8PrivateKey
    /// PKCS#1 RSAPrivateKey (RFC 8017 App. A.1.2), label RSA PRIVATE KEY (OpenSSL's traditional form).
    case pkcs1PrivateKey
    /// SubjectPublicKeyInfo (RFC 5280 §4.1.2.7), label PUBLIC KEY (RFC 7468 §13).
    case subjectPublicKeyInfo
    /// PKCS#1 RSAPublicKey (RFC 8017 App. A.1.1), label RSA PUBLIC KEY.
    case pkcs1PublicKey

    /// The table: PEM label, ASN.1 name, the names of the PEM and the DER file for people.
    private var row: (label: String, name: String, pemFormat: String, derFormat: String) {
        switch self {
        case .pkcs8PrivateKey:
            ("PRIVATE KEY", "PKCS#8 PrivateKeyInfo", "PKCS#8 PEM (PRIVATE KEY)", "PKCS#8 DER")
        case .pkcs1PrivateKey:
            ("RSA PRIVATE KEY", "PKCS#1 RSAPrivateKey", "PKCS#1 PEM (RSA PRIVATE KEY)", "PKCS#1 RSAPrivateKey DER")
        case .subjectPublicKeyInfo:
            ("PUBLIC KEY", "SubjectPublicKeyInfo", "SubjectPublicKeyInfo PEM (PUBLIC KEY)", "SubjectPublicKeyInfo DER")
        case .pkcs1PublicKey:
            ("RSA PUBLIC KEY", "PKCS#1 RSAPublicKey", "PKCS#1 PEM (RSA PUBLIC KEY)", "PKCS#1 RSAPublicKey DER")
        }
    }

    /// The RFC 7468 label of this structure's PEM form.
    public var pemLabel: String { row.label }
    /// The ASN.1 type, for messages ("a PKCS#1 RSAPrivateKey (label RSA PRIVATE KEY)").
    public var name: String { row.name }
    /// How a PEM or a DER file of this structure is named (`KeyFormat`).
    func formatName(pem: Bool) -> String { pem ? row.pemFormat : row.derFormat }
    /// Whether the structure holds the private key.
    public var isPrivate: Bool { self == .pkcs8PrivateKey || self == .pkcs1PrivateKey }

    /// The structure a PEM label names; nil for any other label.
    public init?(pemLabel: String) {
        guard let structure = Self.allCases.first(where: { $0.pemLabel == pemLabel }) else { return nil }
        self = structure
    }

    /// Which structure `der` has, by shape alone (no key is parsed): the tags of the first elements
    /// of the outer SEQUENCE and how many there are. nil: none of the four.
    ///
    ///     PrivateKeyInfo        SEQUENCE { INTEGER, SEQUENCE, ... }        (RFC 5208 §5)
    ///     SubjectPublicKeyInfo  SEQUENCE { SEQUENCE, BIT STRING }          (RFC 5280 §4.1)
    ///     RSAPublicKey          SEQUENCE { INTEGER, INTEGER }              (RFC 8017 App. A.1.1)
    ///     RSAPrivateKey         SEQUENCE { INTEGER, INTEGER, INTEGER, ... } (App. A.1.2: nine or more)
    ///
    /// - Timing: variable time in the structure, which is public.
    static func identify(_ der: [UInt8]) -> KeyStructure? {
        var outer = DERReader(der)
        guard var elements = try? outer.sequence("key"), outer.isAtEnd else { return nil }
        var tags = [UInt8]()
        while !elements.isAtEnd, tags.count < 9, let tag = try? elements.skip("key element") { tags.append(tag) }
        let sequence = DERTag.sequence.rawValue, integer = DERTag.integer.rawValue
        switch (tags.first, tags.dropFirst().first, tags.count) {
        case (sequence, DERTag.bitString.rawValue, 2): return .subjectPublicKeyInfo
        case (integer, sequence, _): return .pkcs8PrivateKey
        case (integer, integer, 2): return .pkcs1PublicKey
        case (integer, integer, 9): return .pkcs1PrivateKey
        default: return nil
        }
    }

    /// The key's integers, parsed strictly by this structure's rules (no key validation yet). From a
    /// PEM file the shape is checked against the label first (RFC 7468 §2: a label must match the
    /// content), so that a mismatch is named rather than a field.
    /// - Timing: variable time in the structure and lengths; see PKCS1.parsePrivateKey for the contents.
    func parse(_ der: [UInt8], fromPEM: Bool = false) throws(PrivateKeyJWTError) -> RSAKeyComponents {
        if fromPEM, let actual = Self.identify(der), actual != self {
            throw .invalidPEM(
                .labelContradictsContent(label: pemLabel, content: actual.name, contentLabel: actual.pemLabel))
        }
        switch self {
        case .pkcs8PrivateKey: return .privateKey(try PKCS8.parse(der))
        case .pkcs1PrivateKey: return .privateKey(try PKCS1.parsePrivateKey(der))
        case .subjectPublicKeyInfo: return .publicKey(try SubjectPublicKeyInfo.parse(der))
        case .pkcs1PublicKey: return .publicKey(try PKCS1.parsePublicKey(der))
        }
    }

    /// Writes a private key's integers in this structure (a public one holds n and e only).
    /// - Timing: variable time in the components' lengths only; no branch on their values.
    func serialize(_ key: RSAPrivateComponents) -> [UInt8] {
        switch self {
        case .pkcs8PrivateKey: PKCS8.serialize(key)
        case .pkcs1PrivateKey: PKCS1.serializePrivateKey(key)
        case .subjectPublicKeyInfo, .pkcs1PublicKey: serialize(publicKey: key.publicComponents)
        }
    }

    /// Writes public integers in the public structure of this one's family: RSAPublicKey for PKCS#1,
    /// SubjectPublicKeyInfo for PKCS#8 and SubjectPublicKeyInfo.
    /// - Timing: variable time; n and e are public.
    func serialize(publicKey key: RSAPublicComponents) -> [UInt8] {
        switch self {
        case .pkcs1PrivateKey, .pkcs1PublicKey: PKCS1.serializePublicKey(key)
        case .pkcs8PrivateKey, .subjectPublicKeyInfo: SubjectPublicKeyInfo.serialize(key)
        }
    }
}

/// A key's integers as one of the four structures holds them.
enum RSAKeyComponents {
    case privateKey(RSAPrivateComponents)
    case publicKey(RSAPublicComponents)
}
