// The Miller-Rabin probabilistic primality test, FIPS 186-5 App. B.3.1, with random bases.

enum MillerRabin {
    /// True when `w` is probably prime after `rounds` rounds with bases from `bases`; false when it
    /// is certainly composite. Handles every integer: 0, 1 and negatives are not prime, 2 and 3 are.
    /// - Timing: variable time; key generation is variable time (SECURITY.md).
    static func isProbablePrime(_ w: BigNum, rounds: Int, bases: inout some RandomBytesSource)
        throws(PrivateKeyJWTError) -> Bool
    {
        precondition(rounds > 0)
        if w.compareVarTime(3) <= 0 { return w.compareVarTime(2) >= 0 }
        if !w.isOdd { return false }
        let wMinus1 = w - 1
        // Steps 1-2: w − 1 = 2^a · m with m odd.
        let a = wMinus1.trailingZeroBitCountVarTime()
        let m = wMinus1.shiftedRightVarTime(a)
        // Step 3: wlen = len(w).
        let wlen = w.bitWidth
        // Step 4: the rounds.
        for _ in 0..<rounds {
            let b = try randomBase(below: wMinus1, bits: wlen, bases: &bases)
            // Step 4.3: z = b^m mod w.
            let z = b.powerVarTime(m, modulus: w)
            // Step 4.6: COMPOSITE.
            if !passes(z: z, w: w, wMinus1: wMinus1, a: a) { return false }
        }
        // Step 5: PROBABLY PRIME.
        return true
    }

    /// One round each for two odd candidates above 3, their two exponentiations by `engine` in one
    /// pass; nil when the engine does not handle their width.
    /// - Timing: variable time; key generation is variable time (SECURITY.md).
    static func oneRoundPair(
        _ w1: BigNum, _ w2: BigNum, engine: any RSAExponentiation, bases: inout some RandomBytesSource
    ) throws(PrivateKeyJWTError) -> (Bool, Bool)? {
        precondition(w1.isOdd && w2.isOdd && w1.compareVarTime(3) > 0 && w2.compareVarTime(3) > 0)
        let (w1Minus1, w2Minus1) = (w1 - 1, w2 - 1)
        let (a1, a2) = (w1Minus1.trailingZeroBitCountVarTime(), w2Minus1.trailingZeroBitCountVarTime())
        let b1 = try randomBase(below: w1Minus1, bits: w1.bitWidth, bases: &bases)
        let b2 = try randomBase(below: w2Minus1, bits: w2.bitWidth, bases: &bases)
        guard
            let (z1, z2) = engine.powerPairVarTime(
                bases: (b1, b2), exponents: (w1Minus1.shiftedRightVarTime(a1), w2Minus1.shiftedRightVarTime(a2)),
                moduli: (w1, w2))
        else { return nil }
        return (passes(z: z1, w: w1, wMinus1: w1Minus1, a: a1), passes(z: z2, w: w2, wMinus1: w2Minus1, a: a2))
    }

    /// Steps 4.4-4.5 for z = b^m mod w, where w − 1 = 2^a · m: whether this round passes.
    private static func passes(z: BigNum, w: BigNum, wMinus1: BigNum, a: Int) -> Bool {
        // Step 4.4: z = 1 or z = w − 1 passes this round.
        if z.compareVarTime(1) == 0 || z == wMinus1 { return true }
        // Step 4.5: square up to a − 1 times looking for w − 1.
        var z = z
        for _ in 1..<max(a, 1) {
            z = (z * z).modVarTime(w)
            if z == wMinus1 { return true }
            // Step 4.5.3: a non-trivial square root of 1 was passed: composite.
            if z.compareVarTime(1) == 0 { return false }
        }
        return false
    }

    /// Steps 4.1-4.2: b of wlen random bits, drawn again until 1 < b < w − 1.
    private static func randomBase(below wMinus1: BigNum, bits: Int, bases: inout some RandomBytesSource)
        throws(PrivateKeyJWTError) -> BigNum
    {
        let byteCount = (bits + 7) / 8
        let topMask = UInt8(truncatingIfNeeded: (1 << ((bits - 1) % 8 + 1)) - 1)
        while true {
            var bytes = try bases.bytes(byteCount)
            bytes[0] &= topMask
            let b = BigNum(octets: bytes)
            if b.compareVarTime(1) > 0 && b < wMinus1 { return b }
        }
    }

    /// FIPS 186-5 App. B Table B.1, error probability column matching the security strength
    /// (2^-112 for nlen 2048, 2^-128 for 3072, 2^-144 for 4096): rounds for p and q when
    /// Miller-Rabin is the only test.
    static func roundsForRSAPrime(modulusBits nlen: Int) -> Int {
        switch nlen {
        case ...2048: 5  // p, q of 1024 bits
        case ...3072: 4  // p, q of 1536 bits
        default: 4  // p, q of 2048 bits
        }
    }
}
