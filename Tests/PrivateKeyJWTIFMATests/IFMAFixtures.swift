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
        let limbs = LimbBuffer(x, count: Residue52.limbs), digits = LimbBuffer(count: Residue52.lanes)
        withExtendedLifetime(limbs) { Residue52.split(limbs.base, into: digits.base) }
        return digits
    }

    /// Σ lane_i·2^(52·i) over all 20 lanes, whatever each lane holds (up to 64 bits).
    static func value(of r: Residue52) -> BigNum {
        let lanes = LimbBuffer(count: Residue52.lanes)
        withExtendedLifetime(lanes) { r.store(lanes.base) }
        var sum = BigNum(0)
        for i in stride(from: Residue52.lanes - 1, through: 0, by: -1) {
            sum = sum * BigNum.powerOfTwo(52) + lanes.base[i]
        }
        return sum
    }

    /// Whether every lane of r is below 2^52.
    static func isNormalised(_ r: Residue52) -> Bool {
        let lanes = LimbBuffer(count: Residue52.lanes)
        return withExtendedLifetime(lanes) {
            r.store(lanes.base)
            return (0..<Residue52.lanes).allSatisfy { lanes.base[$0] >> 52 == 0 }
        }
    }

    /// The 20 lanes in `buffer`.
    static func residue(of buffer: LimbBuffer) -> Residue52 { withExtendedLifetime(buffer) { Residue52(buffer.base) } }

    /// The digits (20 lanes) of any x < 2^1040, read with GMP.
    static func wideDigits(_ x: BigNum) -> LimbBuffer {
        let digits = LimbBuffer(count: Residue52.lanes)
        for i in 0..<Residue52.digits {
            let digit = x.shiftedRightVarTime(52 * i).modVarTime(BigNum.powerOfTwo(52))
            let limb = LimbBuffer(digit, count: 1)
            digits.base[i] = withExtendedLifetime(limb) { limb.base[0] }
        }
        return digits
    }

    static func residue(_ lanes: [UInt]) -> Residue52 {
        let buffer = LimbBuffer(count: Residue52.lanes)
        return withExtendedLifetime(buffer) {
            for (i, lane) in lanes.enumerated() { buffer.base[i] = lane }
            return Residue52(buffer.base)
        }
    }
}
