// RSA key-pair generation with random probable primes, FIPS 186-5 App. A.1.3, e = 65537.

extension RSAPrivateKey {
    /// The key sizes generation accepts: FIPS 186-5 §5.1 sizes of at least 2048 bits.
    public static let generatableSizes = [2048, 3072, 4096]
    /// The public exponent of generated keys (FIPS 186-5 §5.4: odd, 2^16 < e < 2^256).
    static let generatedExponent: UInt = 65537

    /// Generates a new key of `bits` bits from the kernel's random generator.
    /// - Timing: variable time, like every RSA key generator (SECURITY.md).
    public init(generatingBits bits: Int = 2048) throws(PrivateKeyJWTError) {
        var candidates = SecureRandom(), bases = SecureRandom()
        try self.init(generatingBits: bits, candidates: &candidates, bases: &bases)
    }

    /// Generates a new key, drawing prime candidates and Miller-Rabin bases from separate sources so
    /// a fixed candidate stream can be replayed (tests, benchmarks).
    /// - Timing: variable time, like every RSA key generator (SECURITY.md).
    public init(
        generatingBits nlen: Int, candidates: inout some RandomBytesSource,
        bases: inout some RandomBytesSource
    ) throws(PrivateKeyJWTError) {
        try self.init(generatingBits: nlen, candidates: &candidates, bases: &bases, engine: nil)
    }

    /// As above, with `engine` rejecting composites two at a time where it handles their width (the
    /// IFMA module's); the answer is the same prime for the same candidate stream either way.
    /// - Timing: variable time, like every RSA key generator (SECURITY.md).
    package init(
        generatingBits nlen: Int, candidates: inout some RandomBytesSource,
        bases: inout some RandomBytesSource, engine: (any RSAExponentiation)?
    ) throws(PrivateKeyJWTError) {
        // Step 1: only the approved sizes.
        guard Self.generatableSizes.contains(nlen) else { throw .unsupportedKeySize(bits: nlen) }
        let e = BigNum(Self.generatedExponent)
        let rounds = MillerRabin.roundsForRSAPrime(modulusBits: nlen)
        // A FAILURE of A.1.3 (iteration limit) is vanishingly rare; start over a few times before
        // reporting it.
        for _ in 0..<4 {
            let generator = PrimeGenerator(modulusBits: nlen, e: e, rounds: rounds, engine: engine)
            guard let p = try generator.prime(candidates: &candidates, bases: &bases, awayFrom: nil),
                let q = try generator.prime(candidates: &candidates, bases: &bases, awayFrom: p)
            else { continue }
            guard let components = Self.components(p: p, q: q, e: e, nlen: nlen) else { continue }
            let key = try RSAPrivateKey(components: components, primesAreTested: true)
            try key.pairwiseConsistencyTest(blinding: &bases)
            self = key
            return
        }
        throw .keyGenerationFailed(.noPrimesFound)
    }

    /// d and the CRT values for primes p, q; nil when d is too small and new primes are needed.
    private static func components(p: BigNum, q: BigNum, e: BigNum, nlen: Int) -> RSAPrivateComponents? {
        let n = p * q
        precondition(n.bitWidth == nlen, "primes with their top two bits set give an nlen-bit modulus")
        // FIPS 186-5 §A.1.1 criteria: d = e^-1 mod lcm(p−1, q−1) and 2^(nlen/2) < d.
        let lambda = (p - 1).lcmVarTime(q - 1)
        guard let d = e.inverseVarTime(modulus: lambda), d > BigNum.powerOfTwo(nlen / 2) else { return nil }
        // RFC 8017 §3.2: dP = d mod (p−1), dQ = d mod (q−1), qInv = q^-1 mod p.
        guard let qInv = q.inverseVarTime(modulus: p) else { return nil }
        return RSAPrivateComponents(
            n: n, e: e, d: d, p: p, q: q, dP: d.modVarTime(p - 1), dQ: d.modVarTime(q - 1), qInv: qInv)
    }

    /// A sign-then-verify round trip before a new key is released (FIPS 140-3 IG 10.3.A pairwise
    /// consistency test).
    private func pairwiseConsistencyTest(blinding: inout some RandomBytesSource) throws(PrivateKeyJWTError) {
        let digest = SHA256.hash(data: Array("RSA pairwise consistency test".utf8))
        let signature = try signature(digest: digest, blinding: &blinding)
        guard publicKey.isValidSignature(signature, digest: digest) else {
            throw .keyGenerationFailed(.pairwiseTestFailed)
        }
    }
}

/// The prime search of FIPS 186-5 App. A.1.3 steps 4 (p) and 5 (q), in incremental form.
///
/// Deviation, stated: step 4.2 draws fresh bits for every candidate; here each draw is the start of
/// a window of consecutive odd numbers, sieved at once and tested in order (the incremental search
/// OpenSSL, Go and GnuPG use). Every number examined counts against the step 4.7/5.8 limits, and
/// each prime still passes the Table B.1 Miller-Rabin rounds. The cost is a slight bias toward
/// primes that follow long gaps, which is not known to weaken RSA.
struct PrimeGenerator {
    let modulusBits: Int
    let e: BigNum
    let rounds: Int
    /// Rejects composites two at a time, where it handles their width.
    let engine: (any RSAExponentiation)?
    /// Odd numbers per window: about six expected prime gaps at 1024 bits.
    static let windowSize = 2048
    /// Survivors handed to the two Miller-Rabin workers at a time.
    static let batchSize = 16

    /// Step 4 (other == nil) or step 5 (other == p): a probable prime of nlen/2 bits with
    /// gcd(prime − 1, e) = 1 and, for q, |p − q| > 2^(nlen/2 − 100). Nil after the iteration limit.
    func prime(
        candidates: inout some RandomBytesSource, bases: inout some RandomBytesSource,
        awayFrom other: BigNum?
    ) throws(PrivateKeyJWTError) -> BigNum? {
        let half = modulusBits / 2
        let minimumDistance = BigNum.powerOfTwo(half - 100)
        // Steps 4.7 / 5.8: at most 5·(nlen/2) numbers for p, 10·(nlen/2) for q.
        var remaining = (other == nil ? 5 : 10) * half
        while remaining > 0 {
            let count = min(Self.windowSize, remaining)
            remaining -= count
            let start = try Self.candidate(bits: half, from: &candidates)
            let survivors = SmallPrimes.survivors(start: start, count: count)
            // In order, a batch at a time: the first prime is usually within the first 40 survivors.
            var next = 0
            while next < survivors.count {
                let batch = survivors[next..<min(next + Self.batchSize, survivors.count)]
                next = batch.endIndex
                let tested = batch.compactMap { offset -> BigNum? in
                    let candidate = start + UInt(2 * offset)
                    // Steps 4.2-4.4: still nlen/2 bits (the window may run past 2^(nlen/2)).
                    guard candidate.bitWidth == half else { return nil }
                    // Step 5.4: |p − q| > 2^(nlen/2 − 100).
                    if let other, (candidate - other).magnitudeVarTime() <= minimumDistance { return nil }
                    // Steps 4.5 / 5.6: GCD(candidate − 1, e) = 1, then the primality test.
                    return (candidate - 1).gcdVarTime(e).compareVarTime(1) == 0 ? candidate : nil
                }
                if let prime = try ParallelPrimeTest.first(tested, rounds: rounds, bases: &bases, engine: engine) {
                    return prime
                }
            }
        }
        return nil
    }

    /// Steps 4.2-4.4: `bits` random bits, odd, with the top two bits set, so that
    /// candidate ≥ 0.75 · 2^bits > √2 · 2^(bits − 1) holds by construction (step 4.4).
    private static func candidate(bits: Int, from source: inout some RandomBytesSource) throws(PrivateKeyJWTError)
        -> BigNum
    {
        precondition(bits % 8 == 0)
        var bytes = try source.bytes(bits / 8)
        bytes[0] |= 0xc0
        bytes[bytes.count - 1] |= 1  // step 4.3: odd
        defer { bytes.withUnsafeMutableBytes { GMPMemory.wipe($0.baseAddress, $0.count) } }
        return BigNum(octets: bytes)
    }
}
