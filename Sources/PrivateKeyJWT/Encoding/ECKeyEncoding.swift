// P-256 keys in DER: SEC 1's ECPrivateKey (RFC 5915 §3), in PKCS#8 (RFC 5915 §1 and RFC 5480 §2.1.1)
// and SubjectPublicKeyInfo (RFC 5480 §2) for id-ecPublicKey with the named curve prime256v1. The
// members are returned as bytes; P256Keys checks them (d in [1, n − 1], the point on the curve).

enum ECKeyEncoding {
    // RFC 5480 §2.1.1: id-ecPublicKey OBJECT IDENTIFIER ::=
    //     { iso(1) member-body(2) us(840) ansi-X9-62(10045) keyType(2) 1 }
    static let idECPublicKey: [UInt8] = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]
    // RFC 5480 §2.1.1.1: secp256r1 (prime256v1) = 1.2.840.10045.3.1.7
    static let prime256v1: [UInt8] = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]

    /// The members an EC private key structure carries: d, and the public point when it is given.
    struct PrivateMembers: Equatable {
        var d: [UInt8]
        var publicPoint: [UInt8]?
    }

    //   AlgorithmIdentifier ::= SEQUENCE { algorithm id-ecPublicKey, parameters ECParameters }
    //   ECParameters ::= CHOICE { namedCurve OBJECT IDENTIFIER, ... }   -- RFC 5480 §2.1.1: namedCurve only
    static func parseAlgorithm(_ reader: inout DERReader) throws(PrivateKeyJWTError) {
        var seq = try reader.sequence("AlgorithmIdentifier")
        guard Array(try seq.read(.objectIdentifier, what: "AlgorithmIdentifier.algorithm")) == idECPublicKey else {
            throw .unsupportedAlgorithm(.keyAlgorithm)
        }
        try namedCurve(&seq, what: "AlgorithmIdentifier.parameters (namedCurve)")
        try seq.finish("AlgorithmIdentifier")
    }

    private static func namedCurve(_ reader: inout DERReader, what: String) throws(PrivateKeyJWTError) {
        guard reader.nextTag == DERTag.objectIdentifier.rawValue else { throw .unsupportedAlgorithm(.ecCurve) }
        guard Array(try reader.read(.objectIdentifier, what: what)) == prime256v1 else {
            throw .unsupportedAlgorithm(.ecCurve)
        }
    }

    static var algorithmDER: [UInt8] {
        DERWriter.sequence([
            DERWriter.tlv(.objectIdentifier, idECPublicKey), DERWriter.tlv(.objectIdentifier, prime256v1),
        ])
    }

    //   ECPrivateKey ::= SEQUENCE {
    //       version        INTEGER { ecPrivkeyVer1(1) },
    //       privateKey     OCTET STRING,                       -- d, ⌈log2(n)/8⌉ = 32 octets
    //       parameters [0] ECParameters {{ NamedCurve }} OPTIONAL,
    //       publicKey  [1] BIT STRING OPTIONAL }

    /// An ECPrivateKey (RFC 5915 §3). The curve, when named, must be P-256.
    /// - Timing: variable time in the structure; d is copied without a branch on its value.
    static func parseECPrivateKey(_ der: [UInt8]) throws(PrivateKeyJWTError) -> PrivateMembers {
        var outer = DERReader(der)
        var seq = try outer.sequence("ECPrivateKey")
        try seq.integer("ECPrivateKey.version", equals: 1)
        let d = Array(try seq.read(.octetString, what: "ECPrivateKey.privateKey"))
        if seq.nextTag == DERTag.context0.rawValue {
            var parameters = try seq.explicit(.context0, what: "ECPrivateKey.parameters")
            try namedCurve(&parameters, what: "ECPrivateKey.parameters (namedCurve)")
            try parameters.finish("ECPrivateKey.parameters")
        }
        var point: [UInt8]?
        if seq.nextTag == DERTag.context1.rawValue {
            var publicKey = try seq.explicit(.context1, what: "ECPrivateKey.publicKey")
            point = try publicKey.bitStringOctets("ECPrivateKey.publicKey")
            try publicKey.finish("ECPrivateKey.publicKey")
        }
        try seq.finish("ECPrivateKey")
        try outer.finish("ECPrivateKey")
        return PrivateMembers(d: d, publicPoint: point)
    }

    /// An ECPrivateKey with the public point, and the curve named unless `namedCurve` is false: OpenSSL
    /// names it in a SEC 1 file and leaves it to the AlgorithmIdentifier inside PKCS#8 (RFC 5915 §3
    /// asks for it; RFC 5958 readers take either).
    static func serializeECPrivateKey(d: [UInt8], publicPoint: [UInt8], namedCurve: Bool = true) -> [UInt8] {
        let parameters = namedCurve ? [DERWriter.tlv(.context0, DERWriter.tlv(.objectIdentifier, prime256v1))] : []
        return DERWriter.sequence(
            [DERWriter.integer([1]), DERWriter.tlv(.octetString, d)] + parameters
                + [DERWriter.tlv(.context1, DERWriter.bitString(publicPoint))])
    }

    /// A PrivateKeyInfo (RFC 5208 §5) with id-ecPublicKey and prime256v1 around an ECPrivateKey.
    static func parsePKCS8(_ der: [UInt8]) throws(PrivateKeyJWTError) -> PrivateMembers {
        var outer = DERReader(der)
        var seq = try outer.sequence("PrivateKeyInfo")
        try seq.integer("PrivateKeyInfo.version", equals: 0)
        try parseAlgorithm(&seq)
        let inner = Array(try seq.read(.octetString, what: "PrivateKeyInfo.privateKey"))
        try seq.finish("PrivateKeyInfo (attributes are not supported)")
        try outer.finish("PrivateKeyInfo")
        return try parseECPrivateKey(inner)
    }

    static func serializePKCS8(d: [UInt8], publicPoint: [UInt8]) -> [UInt8] {
        DERWriter.sequence([
            DERWriter.integer([0]), algorithmDER,
            DERWriter.tlv(.octetString, serializeECPrivateKey(d: d, publicPoint: publicPoint, namedCurve: false)),
        ])
    }

    /// A SubjectPublicKeyInfo for id-ecPublicKey and prime256v1; returns the point's octets.
    /// - Timing: variable time; inputs are public.
    static func parseSPKI(_ der: [UInt8]) throws(PrivateKeyJWTError) -> [UInt8] {
        var outer = DERReader(der)
        var seq = try outer.sequence("SubjectPublicKeyInfo")
        try parseAlgorithm(&seq)
        let point = try seq.bitStringOctets("SubjectPublicKeyInfo.subjectPublicKey")
        try seq.finish("SubjectPublicKeyInfo")
        try outer.finish("SubjectPublicKeyInfo")
        return point
    }

    static func serializeSPKI(publicPoint: [UInt8]) -> [UInt8] {
        DERWriter.sequence([algorithmDER, DERWriter.bitString(publicPoint)])
    }
}
