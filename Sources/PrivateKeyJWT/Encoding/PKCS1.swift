// PKCS#1 key syntax, RFC 8017 App. A.1: RSAPublicKey and RSAPrivateKey in DER.

enum PKCS1 {
    // RFC 8017 App. A.1.1:
    //   RSAPublicKey ::= SEQUENCE {
    //       modulus           INTEGER,  -- n
    //       publicExponent    INTEGER   -- e
    //   }

    /// Parses an RSAPublicKey.
    /// - Timing: variable time; inputs are public.
    static func parsePublicKey(_ der: [UInt8]) throws(PrivateKeyJWTError) -> RSAPublicComponents {
        var outer = DERReader(der)
        var seq = try outer.sequence("RSAPublicKey")
        let n = try seq.integer("RSAPublicKey.modulus")
        let e = try seq.integer("RSAPublicKey.publicExponent")
        try seq.finish("RSAPublicKey")
        try outer.finish("RSAPublicKey")
        return RSAPublicComponents(n: BigNum(octets: n), e: BigNum(octets: e))
    }

    static func serializePublicKey(_ key: RSAPublicComponents) -> [UInt8] {
        DERWriter.sequence([DERWriter.integer(key.n.minimalOctets), DERWriter.integer(key.e.minimalOctets)])
    }

    // RFC 8017 App. A.1.2:
    //   RSAPrivateKey ::= SEQUENCE {
    //       version           Version,  -- two-prime(0), multi(1)
    //       modulus           INTEGER,  -- n
    //       publicExponent    INTEGER,  -- e
    //       privateExponent   INTEGER,  -- d
    //       prime1            INTEGER,  -- p
    //       prime2            INTEGER,  -- q
    //       exponent1         INTEGER,  -- d mod (p-1)
    //       exponent2         INTEGER,  -- d mod (q-1)
    //       coefficient       INTEGER,  -- (inverse of q) mod p
    //       otherPrimeInfos   OtherPrimeInfos OPTIONAL
    //   }

    /// Parses a two-prime RSAPrivateKey (version 0, no otherPrimeInfos).
    /// - Timing: variable time in the DER structure and in the lengths of the components; no
    ///   branch on component values except the DER minimal-INTEGER check on their first bytes.
    static func parsePrivateKey(_ der: [UInt8]) throws(PrivateKeyJWTError) -> RSAPrivateComponents {
        var outer = DERReader(der)
        var seq = try outer.sequence("RSAPrivateKey")
        // RFC 8017 App. A.1.2: version is 0 for two-prime keys; multi-prime (1) is not supported.
        try seq.integer("RSAPrivateKey.version", equals: 0)
        var values = [BigNum]()
        for name in [
            "modulus", "publicExponent", "privateExponent", "prime1", "prime2", "exponent1", "exponent2", "coefficient",
        ] {
            values.append(BigNum(octets: try seq.integer("RSAPrivateKey.\(name)")))
        }
        try seq.finish("RSAPrivateKey (otherPrimeInfos: multi-prime keys are not supported)")
        try outer.finish("RSAPrivateKey")
        return RSAPrivateComponents(
            n: values[0], e: values[1], d: values[2], p: values[3], q: values[4],
            dP: values[5], dQ: values[6], qInv: values[7])
    }

    /// - Timing: variable time in the component lengths; no branch on their values.
    static func serializePrivateKey(_ key: RSAPrivateComponents) -> [UInt8] {
        DERWriter.sequence(
            [DERWriter.integer([0])]
                + [key.n, key.e, key.d, key.p, key.q, key.dP, key.dQ, key.qInv].map {
                    DERWriter.integer($0.minimalOctets)
                })
    }
}
