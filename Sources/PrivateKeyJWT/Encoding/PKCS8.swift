// PKCS#8 PrivateKeyInfo (RFC 5208 §5) and SubjectPublicKeyInfo (RFC 5280 §4.1.1.2) for rsaEncryption.

enum AlgorithmIdentifier {
    // RFC 8017 App. A.1 / RFC 3279 §2.3.1: rsaEncryption OBJECT IDENTIFIER ::= { pkcs-1 1 }
    // = 1.2.840.113549.1.1.1, whose parameters "MUST be present and MUST be NULL".
    static let rsaEncryption: [UInt8] = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]
    // RFC 8017 App. A.2.3: id-RSASSA-PSS = 1.2.840.113549.1.1.10, refused by name below.
    static let rsassaPSS: [UInt8] = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a]

    //   AlgorithmIdentifier ::= SEQUENCE {
    //       algorithm   OBJECT IDENTIFIER,
    //       parameters  ANY DEFINED BY algorithm OPTIONAL
    //   }
    static func parseRSAEncryption(_ reader: inout DERReader) throws(PrivateKeyJWTError) {
        var seq = try reader.sequence("AlgorithmIdentifier")
        let oid = Array(try seq.read(.objectIdentifier, what: "AlgorithmIdentifier.algorithm"))
        if oid == rsassaPSS {
            throw .unsupportedAlgorithm(.rsassaPSSKey)
        }
        guard oid == rsaEncryption else {
            throw .unsupportedAlgorithm(.keyAlgorithm)
        }
        try seq.null("AlgorithmIdentifier.parameters (must be NULL for rsaEncryption)")
        try seq.finish("AlgorithmIdentifier")
    }

    static var rsaEncryptionDER: [UInt8] {
        DERWriter.sequence([DERWriter.tlv(.objectIdentifier, rsaEncryption), DERWriter.null])
    }
}

enum PKCS8 {
    //   PrivateKeyInfo ::= SEQUENCE {
    //       version                   Version,                 -- 0
    //       privateKeyAlgorithm       AlgorithmIdentifier,
    //       privateKey                OCTET STRING,            -- an RSAPrivateKey
    //       attributes           [0]  IMPLICIT Attributes OPTIONAL
    //   }

    /// Parses a PrivateKeyInfo holding an rsaEncryption key.
    /// - Timing: as `PKCS1.parsePrivateKey`.
    static func parse(_ der: [UInt8]) throws(PrivateKeyJWTError) -> RSAPrivateComponents {
        var outer = DERReader(der)
        var seq = try outer.sequence("PrivateKeyInfo")
        try seq.integer("PrivateKeyInfo.version", equals: 0)
        try AlgorithmIdentifier.parseRSAEncryption(&seq)
        let inner = Array(try seq.read(.octetString, what: "PrivateKeyInfo.privateKey"))
        // Attributes are allowed by RFC 5208 but no RSA key tool writes them; refuse rather than ignore.
        try seq.finish("PrivateKeyInfo (attributes are not supported)")
        try outer.finish("PrivateKeyInfo")
        return try PKCS1.parsePrivateKey(inner)
    }

    static func serialize(_ key: RSAPrivateComponents) -> [UInt8] {
        DERWriter.sequence([
            DERWriter.integer([0]), AlgorithmIdentifier.rsaEncryptionDER,
            DERWriter.tlv(.octetString, PKCS1.serializePrivateKey(key)),
        ])
    }
}

enum SubjectPublicKeyInfo {
    //   SubjectPublicKeyInfo ::= SEQUENCE {
    //       algorithm            AlgorithmIdentifier,
    //       subjectPublicKey     BIT STRING              -- an RSAPublicKey
    //   }

    /// - Timing: variable time; inputs are public.
    static func parse(_ der: [UInt8]) throws(PrivateKeyJWTError) -> RSAPublicComponents {
        var outer = DERReader(der)
        var seq = try outer.sequence("SubjectPublicKeyInfo")
        try AlgorithmIdentifier.parseRSAEncryption(&seq)
        let key = try seq.bitStringOctets("SubjectPublicKeyInfo.subjectPublicKey")
        try seq.finish("SubjectPublicKeyInfo")
        try outer.finish("SubjectPublicKeyInfo")
        return try PKCS1.parsePublicKey(key)
    }

    static func serialize(_ key: RSAPublicComponents) -> [UInt8] {
        DERWriter.sequence([AlgorithmIdentifier.rsaEncryptionDER, DERWriter.bitString(PKCS1.serializePublicKey(key))])
    }
}
