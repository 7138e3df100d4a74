// Consistency checks applied to every RSA key that enters the core, generated or imported.

enum RSAKeyValidation {
    /// Smallest modulus accepted for loading and verifying. Key generation asks for 2048 or more.
    static let minimumModulusBits = 1024
    /// Largest modulus accepted, to bound the work an untrusted key can cause.
    static let maximumModulusBits = 16384

    /// Public-key checks in the spirit of NIST SP 800-89 §5.3.3 (partial public-key validation):
    /// n odd and of a sane size; e odd, ≥ 3 and < n.
    /// - Timing: variable time; inputs are public.
    static func check(_ key: RSAPublicComponents) throws(PrivateKeyJWTError) {
        let bits = key.n.bitWidth
        guard bits >= minimumModulusBits else {
            throw .invalidKey(.modulusTooSmall(bits: bits, minimum: minimumModulusBits))
        }
        guard bits <= maximumModulusBits else {
            throw .invalidKey(.modulusTooLarge(bits: bits, maximum: maximumModulusBits))
        }
        guard key.n.isOdd else { throw .invalidKey(.evenModulus) }
        guard key.e.isOdd, key.e.compareVarTime(3) >= 0 else {
            throw .invalidKey(.publicExponentNotOddAndAtLeastThree)
        }
        guard key.e < key.n else { throw .invalidKey(.publicExponentNotBelowModulus) }
        // SP 800-89 §5.3.3: n has no prime factor below 752 and is not a power of an integer. (Its
        // range for e, 2^16 < e < 2^256, is not applied: published vectors use e = 3 and 17.)
        if let factor = smallPrimes.first(where: { key.n.modVarTime($0) == 0 }) {
            throw .invalidKey(.smallFactor(Int(factor)))
        }
        guard !key.n.isPerfectPowerVarTime else {
            throw .invalidKey(.perfectPower)
        }
        guard !ROCAFingerprint.matches(key.n) else {
            throw .invalidKey(.rocaFingerprint)
        }
    }

    /// The odd primes below 752, for SP 800-89 §5.3.3's trial division.
    static let smallPrimes = SmallPrimes.primes.prefix { $0 < 752 }

    /// Every private member is bounded by the modulus before any arithmetic touches it, so an
    /// oversized "d" (or p, q, ...) cannot make import slow: d, p, q < n; dP, qInv < p; dQ < q.
    /// - Timing: variable time in the members' lengths (key import).
    static func checkBounds(_ key: RSAPrivateComponents) throws(PrivateKeyJWTError) {
        for (name, value, bound, boundName) in [
            ("d", key.d, key.n, "n"), ("p", key.p, key.n, "n"), ("q", key.q, key.n, "n"),
            ("exponent1", key.dP, key.p, "p"), ("exponent2", key.dQ, key.q, "q"),
            ("coefficient", key.qInv, key.p, "p"),
        ] {
            guard value.sign > 0, value < bound else {
                throw .invalidKey(.outOfBounds(member: name, bound: boundName))
            }
        }
    }

    /// Private-key checks: the public checks, then p and q odd and > 2 with n = p·q, e·d ≡ 1
    /// (mod lcm(p−1, q−1)), and the CRT values exactly as RFC 8017 §3.2 defines them.
    /// - Timing: variable time on secret values, like key generation and every key loader; it runs
    ///   once per key import, never per signature.
    ///
    /// `primesAreTested` is true only for keys this module just generated, whose primes passed Miller-Rabin
    /// in key generation; every imported key has p and q tested here (FIPS 186-5 App. B.3.1, random
    /// bases, Table B.1 rounds), so a composite prime is refused at import rather than at signing.
    static func check(_ key: RSAPrivateComponents, primesAreTested: Bool = false) throws(PrivateKeyJWTError) {
        // The primes first: a bad prime (q = 2, say) is the root cause of an even n.
        for (name, prime) in [("p (prime1)", key.p), ("q (prime2)", key.q)] {
            guard prime.compareVarTime(2) > 0, prime.isOdd else {
                throw .invalidKey(.notOddPrime(member: name, isTwo: prime.compareVarTime(2) == 0))
            }
        }
        try check(key.publicComponents)
        try checkBounds(key)
        guard key.p != key.q else { throw .invalidKey(.equalPrimes) }
        guard key.p * key.q == key.n else { throw .invalidKey(.modulusNotProduct) }
        let pMinus1 = key.p - 1, qMinus1 = key.q - 1
        // RFC 8017 §3.2: e·d ≡ 1 (mod λ(n)), λ(n) = lcm(p−1, q−1).
        guard (key.e * key.d).modVarTime(pMinus1.lcmVarTime(qMinus1)).compareVarTime(1) == 0 else {
            throw .invalidKey(.privateExponentNotInverse)
        }
        // RFC 8017 §3.2: dP = d mod (p−1), dQ = d mod (q−1), qInv = q^−1 mod p with qInv < p.
        guard key.d.modVarTime(pMinus1) == key.dP else {
            throw .invalidKey(.crtExponentMismatch(member: "exponent1", prime: "p"))
        }
        guard key.d.modVarTime(qMinus1) == key.dQ else {
            throw .invalidKey(.crtExponentMismatch(member: "exponent2", prime: "q"))
        }
        guard key.qInv < key.p, (key.qInv * key.q).modVarTime(key.p).compareVarTime(1) == 0 else {
            throw .invalidKey(.coefficientMismatch)
        }
        if !primesAreTested { try checkPrimes(key) }
    }

    /// p and q together on both cores: the rounds were a seventh of a token request from a fresh process.
    /// - Timing: variable time on p and q (key import, once per key).
    private static func checkPrimes(_ key: RSAPrivateComponents) throws(PrivateKeyJWTError) {
        var bases = SecureRandom()
        let rounds = MillerRabin.roundsForRSAPrime(modulusBits: key.n.bitWidth)
        let verdicts = try ParallelPrimeTest.passing([key.p, key.q], rounds: rounds, bases: &bases)
        for (name, isPrime) in zip(["p (prime1)", "q (prime2)"], verdicts) {
            guard isPrime else {
                throw .invalidKey(.composite(member: name))
            }
        }
    }
}
