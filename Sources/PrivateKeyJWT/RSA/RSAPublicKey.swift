// An RSA public key (RFC 8017 §3.1) and RSASSA-PKCS1-v1_5 verification with SHA-256 (§8.2.2).

/// An RSA public key (n, e), checked on construction.
public struct RSAPublicKey: Sendable, Equatable {
    let components: RSAPublicComponents
    /// n's Montgomery domain, prepared once for every verification with this key.
    let domain: MontgomeryModulus
    /// x^e mod n (RSAVP1), by the core or by a module that takes it over (see RSAExponentiation.swift).
    private var exponentiation: any PreparedPublicExponentiation

    init(components: RSAPublicComponents) throws(PrivateKeyJWTError) {
        try RSAKeyValidation.check(components)
        self.init(alreadyValidated: components)
    }

    /// For components that passed the private-key checks, which include the public ones.
    init(alreadyValidated components: RSAPublicComponents) {
        self.components = components
        domain = MontgomeryModulus(publicModulusVarTime: components.n)
        exponentiation = PortableRSAExponentiation.publicPower(domain)
    }

    /// Which code computes x^e mod n, for display.
    public var verifyingEngine: String { exponentiation.name }

    /// This key with x^e mod n computed by `engine` where it handles n's width on this machine, and by
    /// the core's code otherwise.
    package func replacingExponentiation(with engine: any RSAExponentiation) -> RSAPublicKey {
        var key = self
        key.exponentiation = engine.preparePublic(domain) ?? PortableRSAExponentiation.publicPower(domain)
        return key
    }

    /// A key from the big-endian bytes of n and e.
    public init(modulus: [UInt8], publicExponent: [UInt8]) throws(PrivateKeyJWTError) {
        try self.init(components: RSAPublicComponents(n: BigNum(octets: modulus), e: BigNum(octets: publicExponent)))
    }

    /// The modulus size in bits.
    public var modulusBitCount: Int { components.n.bitWidth }
    /// k, the modulus length in bytes (RFC 8017 §8.2).
    public var modulusByteCount: Int { (modulusBitCount + 7) / 8 }
    /// The minimal big-endian bytes of n.
    public var modulus: [UInt8] { components.n.minimalOctets }
    /// The minimal big-endian bytes of e.
    public var publicExponent: [UInt8] { components.e.minimalOctets }

    public static func == (a: RSAPublicKey, b: RSAPublicKey) -> Bool {
        a.components.n == b.components.n && a.components.e == b.components.e
    }

    /// RSASSA-PKCS1-v1_5-VERIFY with SHA-256 over `message`.
    /// - Timing: variable time; inputs are public.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        isValidSignature(signature, digest: SHA256.hash(data: message))
    }

    /// RSASSA-PKCS1-v1_5-VERIFY (RFC 8017 §8.2.2) for a SHA-256 digest. Any failure is `false`,
    /// undifferentiated; EM is re-encoded and compared, never parsed.
    /// - Timing: variable time; inputs are public. The final comparison is constant time anyway.
    public func isValidSignature(_ signature: [UInt8], digest: SHA256Digest) -> Bool {
        let k = modulusByteCount
        // Step 1: "If the length of the signature S is not k octets, output 'invalid signature'".
        guard signature.count == k else { return false }
        // Step 2a-b: s = OS2IP(S); RSAVP1 (§5.2.2 step 1) requires s < n.
        let s = BigNum(octets: signature)
        guard s < components.n else { return false }
        let m = exponentiation.power(LimbBuffer(s, count: domain.count), publicExponent: components.e)
        // Step 2c: EM = I2OSP(m, k).
        guard let em = m.bigNum().octets(length: k) else { return false }
        // Step 3: EM' = EMSA-PKCS1-v1_5-ENCODE(M, k).
        guard let expected = try? EMSAPKCS1v15.encode(digest, length: k) else { return false }
        // Step 4: compare EM and EM'.
        return ConstantTime.equals(em, expected)
    }
}
