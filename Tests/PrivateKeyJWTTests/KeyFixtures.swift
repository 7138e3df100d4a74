// Keys built in tests from chosen primes: small, composite or ROCA-structured, to drive the
// import checks. (Key generation itself only makes sound 2048-4096-bit keys.)

@testable import PrivateKeyJWT

enum KeyFixtures {
    static func random(bits: Int) -> BigNum {
        var source = SecureRandom()
        var bytes = (try? source.bytes((bits + 7) / 8)) ?? []
        let excess = bytes.count * 8 - bits
        bytes[0] &= UInt8(0xFF >> excess)
        bytes[0] |= UInt8(0xC0 >> excess)
        return BigNum(octets: bytes)
    }

    static func isPrime(_ x: BigNum) -> Bool {
        var bases = SecureRandom()
        return (try? MillerRabin.isProbablePrime(x, rounds: 8, bases: &bases)) ?? false
    }

    /// A random prime of exactly `bits` bits with the top two bits set.
    static func prime(bits: Int) -> BigNum {
        var candidate = random(bits: bits)
        if !candidate.isOdd { candidate = candidate + 1 }
        while !isPrime(candidate) { candidate = candidate + 2 }
        return candidate
    }

    /// RFC 8017 §3.2 components for p, q and e = 65537; nil when e is not invertible.
    static func components(p: BigNum, q: BigNum) -> RSAPrivateComponents? {
        let e = BigNum(65537)
        let lambda = (p - 1).lcmVarTime(q - 1)
        guard let d = e.inverseVarTime(modulus: lambda), let qInv = q.inverseVarTime(modulus: p) else { return nil }
        return RSAPrivateComponents(
            n: p * q, e: e, d: d, p: p, q: q, dP: d.modVarTime(p - 1), dQ: d.modVarTime(q - 1), qInv: qInv)
    }

    /// A sound two-prime key of `bits` bits (1024 is allowed for loading, never for RS256).
    static func key(bits: Int) throws -> RSAPrivateKey {
        while true {
            if let c = components(p: prime(bits: bits / 2), q: prime(bits: bits / 2)) {
                return try RSAPrivateKey(components: c)
            }
        }
    }
}
