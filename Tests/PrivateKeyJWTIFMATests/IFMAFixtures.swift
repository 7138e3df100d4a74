// Random values and primes for the IFMA tests, and the oracle they are checked against (GMP).

import Testing

@testable import PrivateKeyJWT
@testable import PrivateKeyJWTIFMA

enum IFMAFixtures {
    /// The IFMA suites run only where the CPU has it; elsewhere they are reported as skipped.
    static let cpuHasIFMA = RSAPrivateKey.avx512IFMAIsAvailable

    /// A uniformly random value below 2^bits.
    static func random(bits: Int) -> BigNum {
        var source = SecureRandom()
        var bytes = (try? source.bytes((bits + 7) / 8)) ?? []
        bytes[0] &= UInt8(0xFF >> (bytes.count * 8 - bits))
        return BigNum(octets: bytes)
    }

    /// A random odd value of exactly 1024 bits (a modulus for the Montgomery products).
    static func oddModulus() -> BigNum {
        let x = random(bits: 1023) + BigNum.powerOfTwo(1023)
        return x.isOdd ? x : x + 1
    }

    /// A random 1024-bit prime.
    static func prime() -> BigNum {
        var candidate = oddModulus()
        var bases = SecureRandom()
        while !((try? MillerRabin.isProbablePrime(candidate, rounds: 8, bases: &bases)) ?? false) {
            candidate = candidate + 2
        }
        return candidate
    }

    /// The digits (20 lanes) of x < 2^1024.
    static func digits(_ x: BigNum) -> LimbBuffer {
        let limbs = LimbBuffer(x, count: PrimeResidue.limbs), digits = LimbBuffer(count: PrimeResidue.digits)
        withExtendedLifetime(limbs) { PrimeResidue.split(limbs.base, into: digits.base) }
        return digits
    }

    /// Σ lane_i·2^(52·i) over all lanes, whatever each lane holds (up to 64 bits).
    static func value<let registers: Int>(of r: Residue52<registers>) -> BigNum {
        let lanes = LimbBuffer(count: Residue52<registers>.digits)
        withExtendedLifetime(lanes) { r.store(lanes.base) }
        var sum = BigNum(0)
        for i in stride(from: Residue52<registers>.digits - 1, through: 0, by: -1) {
            sum = sum * BigNum.powerOfTwo(52) + lanes.base[i]
        }
        return sum
    }

    /// Whether every lane of r is below 2^52.
    static func isNormalised<let registers: Int>(_ r: Residue52<registers>) -> Bool {
        let lanes = LimbBuffer(count: Residue52<registers>.digits)
        return withExtendedLifetime(lanes) {
            r.store(lanes.base)
            return (0..<Residue52<registers>.digits).allSatisfy { lanes.base[$0] >> 52 == 0 }
        }
    }

    /// The 20 lanes in `buffer`.
    static func residue(of buffer: LimbBuffer) -> PrimeResidue {
        withExtendedLifetime(buffer) { PrimeResidue(buffer.base) }
    }

    /// The digits (20 lanes) of any x < 2^1040, read with GMP.
    static func wideDigits(_ x: BigNum) -> LimbBuffer {
        let digits = LimbBuffer(count: PrimeResidue.digits)
        for i in 0..<PrimeResidue.digits {
            let digit = x.shiftedRightVarTime(52 * i).modVarTime(BigNum.powerOfTwo(52))
            let limb = LimbBuffer(digit, count: 1)
            digits.base[i] = withExtendedLifetime(limb) { limb.base[0] }
        }
        return digits
    }

    /// A residue with these lanes (the rest zero).
    static func residue<let registers: Int>(_ lanes: [UInt]) -> Residue52<registers> {
        let buffer = LimbBuffer(count: Residue52<registers>.digits)
        return withExtendedLifetime(buffer) {
            for (i, lane) in lanes.enumerated() { buffer.base[i] = lane }
            return Residue52<registers>(buffer.base)
        }
    }
}
