// Recovering p and q from (n, e, d): NIST SP 800-56B Rev. 2 App. C.2, for keys given without
// their primes (NIST SigGen vectors, JWKs with only "d").

extension RSAPrivateKey {
    /// A key from n, e and d alone; the primes and CRT values are recovered.
    /// - Timing: variable time on secret values (key import, once per key).
    public init(modulus n: [UInt8], publicExponent e: [UInt8], privateExponent d: [UInt8]) throws(PrivateKeyJWTError) {
        let nValue = BigNum(octets: n), eValue = BigNum(octets: e), dValue = BigNum(octets: d)
        try RSAKeyValidation.check(RSAPublicComponents(n: nValue, e: eValue))
        // Bounded before any arithmetic: an oversized d would make the search below slow.
        guard dValue.sign > 0, dValue < nValue else { throw .invalidKey(.outOfBounds(member: "d", bound: "n")) }
        guard let (p, q) = Self.recoverPrimes(n: nValue, e: eValue, d: dValue) else {
            throw .invalidKey(.unrecoverablePrimes)
        }
        guard let qInv = q.inverseVarTime(modulus: p) else { throw .invalidKey(.recoveredPrimesNotCoprime) }
        try self.init(
            components: RSAPrivateComponents(
                n: nValue, e: eValue, d: dValue, p: p, q: q,
                dP: dValue.modVarTime(p - 1), dQ: dValue.modVarTime(q - 1), qInv: qInv))
    }

    /// SP 800-56B Rev. 2 App. C.2: k = de − 1 = 2^t · r; for bases g = 2, 3, ... look for a
    /// non-trivial square root of 1 modulo n, whose gcd with n is a prime factor. Each base
    /// succeeds with probability at least 1/2, so 100 bases fail with probability below 2^-100.
    private static func recoverPrimes(n: BigNum, e: BigNum, d: BigNum) -> (BigNum, BigNum)? {
        // Step 1: k = de − 1; it must be even.
        let k = e * d - 1
        guard k.sign > 0, !k.isOdd else { return nil }
        // Step 2: k = 2^t · r with r odd.
        let t = k.trailingZeroBitCountVarTime()
        let r = k.shiftedRightVarTime(t)
        let nMinus1 = n - 1
        for g in 2..<UInt(102) {
            // Step 3: y = g^r mod n; y = 1 or n − 1 gives nothing for this base.
            var y = BigNum(g).powerVarTime(r, modulus: n)
            if y.compareVarTime(1) == 0 || y == nMinus1 { continue }
            for _ in 0..<t {
                let x = (y * y).modVarTime(n)
                // y is a non-trivial square root of 1: gcd(y − 1, n) is a factor.
                if x.compareVarTime(1) == 0 {
                    let p = (y - 1).gcdVarTime(n)
                    let q = n.dividedVarTime(by: p)
                    return p > q ? (p, q) : (q, p)
                }
                if x == nMinus1 { break }
                y = x
            }
        }
        return nil
    }
}
