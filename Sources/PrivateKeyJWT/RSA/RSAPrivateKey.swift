// An RSA private key (RFC 8017 §3.2, two primes, CRT form) and RSASSA-PKCS1-v1_5 signing with
// SHA-256 (§8.2.1).

/// An RSA private key, validated on construction (see `RSAKeyValidation`).
public struct RSAPrivateKey: Sendable {
    let components: RSAPrivateComponents
    /// The matching public key, validated once here rather than at every signature.
    public private(set) var publicKey: RSAPublicKey
    /// Everything signing needs, prepared once: the primes' Montgomery domains and the exponents.
    private var signer: CRTSigner
    /// Whether a signature computes its two CRT halves on two threads at once: lower latency for one
    /// signature where a core is idle (a command-line tool that signs once or twice), nothing gained
    /// in a loop that keeps every core busy. Off by default. Timing: the same constant-time code runs
    /// either way.
    public var parallelHalves = false

    /// Which code computes the two CRT exponentiations of a signature, for display: the core's own
    /// ("portable"), or one that a module of this package installed ("AVX-512 IFMA").
    public var signingEngine: String { signer.exponentiationName }

    /// This key (and its public key) with the exponentiations computed by `engine` where it handles
    /// the key's widths on this machine, and by the core's code otherwise.
    package func replacingExponentiation(with engine: any RSAExponentiation) -> RSAPrivateKey {
        var key = self
        key.publicKey = publicKey.replacingExponentiation(with: engine)
        key.signer = signer.replacingEngine(engine)
        return key
    }

    /// `primesAreTested`: only key generation, whose primes just passed Miller-Rabin, sets it.
    init(components: RSAPrivateComponents, primesAreTested: Bool = false) throws(PrivateKeyJWTError) {
        try RSAKeyValidation.check(components, primesAreTested: primesAreTested)
        self.components = components
        publicKey = RSAPublicKey(alreadyValidated: components.publicComponents)
        signer = CRTSigner(components, publicDomain: publicKey.domain)
    }

    /// A key from the big-endian bytes of all eight RFC 8017 §3.2 components.
    /// - Timing: variable time (key import validation).
    public init(
        modulus n: [UInt8], publicExponent e: [UInt8], privateExponent d: [UInt8],
        prime1 p: [UInt8], prime2 q: [UInt8], exponent1 dP: [UInt8], exponent2 dQ: [UInt8],
        coefficient qInv: [UInt8]
    ) throws(PrivateKeyJWTError) {
        try self.init(
            components: RSAPrivateComponents(
                n: BigNum(octets: n), e: BigNum(octets: e), d: BigNum(octets: d), p: BigNum(octets: p),
                q: BigNum(octets: q), dP: BigNum(octets: dP), dQ: BigNum(octets: dQ), qInv: BigNum(octets: qInv)))
    }

    /// RSASSA-PKCS1-v1_5-SIGN with SHA-256 over `message`.
    /// - Timing: no branch or memory index depends on secret values (see `CRTSigner`).
    public func signature(for message: [UInt8]) throws(PrivateKeyJWTError) -> [UInt8] {
        try signature(digest: SHA256.hash(data: message))
    }

    /// RSASSA-PKCS1-v1_5-SIGN (RFC 8017 §8.2.1) for a SHA-256 digest.
    /// - Timing: no branch or memory index depends on secret values (see `CRTSigner`).
    public func signature(digest: SHA256Digest) throws(PrivateKeyJWTError) -> [UInt8] {
        var random = SecureRandom()
        return try signature(digest: digest, blinding: &random)
    }

    /// As `signature(digest:)` with a caller-chosen source for the blinding factor.
    /// - Timing: no branch or memory index depends on secret values (see `CRTSigner`).
    func signature(digest: SHA256Digest, blinding random: inout some RandomBytesSource) throws(PrivateKeyJWTError)
        -> [UInt8]
    {
        let k = publicKey.modulusByteCount
        // Step 1: EM = EMSA-PKCS1-v1_5-ENCODE(M, k).
        let em = try EMSAPKCS1v15.encode(digest, length: k)
        // Step 2a: m = OS2IP(EM); EM starts 0x00 0x01, so m < n for every n of k bytes.
        let m = BigNum(octets: em)
        // Step 2b: s = RSASP1(K, m), checked against (n, e) inside.
        let s = try signer.sign(m, blinding: &random, halvesInParallel: parallelHalves)
        // Step 2c: S = I2OSP(s, k).
        // s < n, so it fits k octets; nil would mean a fault, and a fault is never released.
        guard let octets = s.octets(length: k) else { throw .signingFault }
        return octets
    }
}
