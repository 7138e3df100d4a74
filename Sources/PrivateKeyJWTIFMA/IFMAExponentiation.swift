// s1 = c1^dP mod p and s2 = c2^dQ mod q together on AVX-512 IFMA, for 1024-bit primes (RSA-2048):
// fixed 5-bit windows (HAC 14.82, as the core's `MontgomeryModulus.power`), every table entry read
// through a mask, Almost Montgomery products of both primes in one pass (AlmostMontgomery.swift),
// and one masked subtraction at the very end.

import PrivateKeyJWT
import _Builtin_intrinsics.intel

/// The CRT exponentiations on AVX-512 IFMA; `prepare` declines any width but 16 limbs.
/// Only `RSAPrivateKey.preferringAVX512IFMA()` makes one, after asking the CPU.
struct IFMAExponentiation: CRTExponentiation {
    let name = "AVX-512 IFMA (52-bit digits, both primes in one pass)"

    func prepare(p: MontgomeryModulus, q: MontgomeryModulus, dP: LimbBuffer, dQ: LimbBuffer)
        -> (any PreparedCRTExponentiation)?
    {
        // Both primes below 2^1024 (R = 2^1040 > 4m), exponents of the same 16 limbs.
        guard p.count == Residue52.limbs, q.count == Residue52.limbs else { return nil }
        return PreparedIFMAExponentiation(name: name, p: p, q: q, dP: dP, dQ: dQ)
    }
}

/// One key's primes as digits, with −m⁻¹ mod 2^52 and R² mod m for each.
///
/// - Timing: preparing is straight-line (the core's doubling for R², Newton's iteration for m⁻¹);
///   `powers` as stated there.
final class PreparedIFMAExponentiation: PreparedCRTExponentiation, @unchecked Sendable {
    let name: String
    /// Per prime, 20 lanes each: m, then R² mod m; then the two constants m' (p's, q's). Wiped on release
    /// (LimbBuffer). Unchecked Sendable: nothing writes it after `init`.
    private let constants: LimbBuffer
    private let dP: LimbBuffer, dQ: LimbBuffer
    private static let lanes = Residue52.lanes
    private static let entries = 32

    init(name: String, p: MontgomeryModulus, q: MontgomeryModulus, dP: LimbBuffer, dQ: LimbBuffer) {
        self.name = name
        self.dP = dP
        self.dQ = dQ
        let lanes = Self.lanes
        constants = LimbBuffer(count: 4 * lanes + 2)
        let rSquared = LimbBuffer(count: Residue52.limbs)
        for (index, prime) in [p, q].enumerated() {
            let c = constants.base + 2 * lanes * index
            Residue52.split(prime.modulus.base, into: c)
            // R² = 2^2080 mod m, by 2080 masked doublings of 1.
            MontgomeryModulus.powerOfTwo(2 * 52 * Residue52.digits, modulus: prime.modulus, into: rSquared)
            Residue52.split(rSquared.base, into: c + lanes)
            constants.base[4 * lanes + index] = (0 &- MontgomeryModulus.inverse(prime.modulus.base[0])) & ((1 << 52) - 1)
        }
        withExtendedLifetime(rSquared) {}
    }

    private func modulus(_ index: Int) -> Modulus52 {
        Modulus52(
            m: Residue52(constants.base + 2 * Self.lanes * index),
            inverseNegated: Lanes(repeating: Int64(bitPattern: UInt64(constants.base[4 * Self.lanes + index]))))
    }

    /// - Timing: 31 products for the two tables, then for each of the 205 windows five squarings, two
    ///   table scans of all 32 entries and one product, whatever dP, dQ, c1 and c2 are; the exponents'
    ///   bits select entries only through vector masks. `inParallel` is ignored: both primes already
    ///   run in one pass.
    func powers(_ s1: LimbBuffer, _ s2: LimbBuffer, bases c1: LimbBuffer, _ c2: LimbBuffer, inParallel: Bool) {
        let lanes = Self.lanes, entries = Self.entries
        // Two tables, then the digits of 1, two operands and two results.
        let scratch = LimbBuffer(count: 2 * entries * lanes + 5 * lanes)
        withExtendedLifetime((scratch, constants, dP, dQ, c1, c2, s1, s2)) {
            let tableP = scratch.base, tableQ = tableP + entries * lanes, one = tableQ + entries * lanes
            let operandP = one + lanes, operandQ = operandP + lanes, resultP = operandQ + lanes
            one[0] = 1
            let p = modulus(0), q = modulus(1)
            let rSquaredP = constants.base + lanes, rSquaredQ = constants.base + 3 * lanes
            // Table entry 0 is R mod m = AMM(R², 1); entry 1 is c·R mod m = AMM(c, R²).
            Residue52.split(c1.base, into: operandP)
            Residue52.split(c2.base, into: operandQ)
            var (x, y) = almostMontgomeryPair(Residue52(rSquaredP), one, p, Residue52(rSquaredQ), one, q)
            x.store(tableP)
            y.store(tableQ)
            (x, y) = almostMontgomeryPair(Residue52(operandP), rSquaredP, p, Residue52(operandQ), rSquaredQ, q)
            x.store(tableP + lanes)
            y.store(tableQ + lanes)
            // Entry i = entry i/2 squared when i is even, entry i − 1 times entry 1 when it is odd.
            for i in 2..<entries {
                let source = i % 2 == 0 ? i / 2 : i - 1, factor = i % 2 == 0 ? i / 2 : 1
                (x, y) = almostMontgomeryPair(
                    Residue52(tableP + source * lanes), tableP + factor * lanes, p,
                    Residue52(tableQ + source * lanes), tableQ + factor * lanes, q)
                x.store(tableP + i * lanes)
                y.store(tableQ + i * lanes)
            }
            (x, y) = windows(tableP, tableQ, operandP, operandQ, p, q)
            // Leave the domain: AMM(x, 1) = x·R⁻¹ mod m ≤ m (equal only when x ≡ 0), then subtract m once.
            (x, y) = almostMontgomeryPair(x, one, p, y, one, q)
            x.store(resultP)
            y.store(resultP + lanes)
            for (index, (result, s)) in [(resultP, s1), (resultP + lanes, s2)].enumerated() {
                Residue52.join(result, into: s.base)
                subtractOnce(s, modulusDigits: constants.base + 2 * lanes * index)
            }
        }
    }

    /// The windows of the exponentiation: r = table[top window], then for each lower window five
    /// squarings and a product with the window's entry (both primes at once).
    @inline(__always)
    private func windows(
        _ tableP: UnsafePointer<UInt>, _ tableQ: UnsafePointer<UInt>, _ entryP: UnsafeMutablePointer<UInt>,
        _ entryQ: UnsafeMutablePointer<UInt>, _ p: Modulus52, _ q: Modulus52
    ) -> (Residue52, Residue52) {
        let w = MontgomeryModulus.windowBits, bits = 64 * dP.count, windows = (bits + w - 1) / w, top = windows - 1
        var x = Self.lookup(tableP, MontgomeryModulus.bits(of: dP, from: top * w, count: bits - top * w))
        var y = Self.lookup(tableQ, MontgomeryModulus.bits(of: dQ, from: top * w, count: bits - top * w))
        for window in stride(from: top - 1, through: 0, by: -1) {
            for _ in 0..<w {
                x.store(entryP)
                y.store(entryQ)
                (x, y) = almostMontgomeryPair(x, entryP, p, y, entryQ, q)
            }
            Self.lookup(tableP, MontgomeryModulus.bits(of: dP, from: window * w, count: w)).store(entryP)
            Self.lookup(tableQ, MontgomeryModulus.bits(of: dQ, from: window * w, count: w)).store(entryQ)
            (x, y) = almostMontgomeryPair(x, entryP, p, y, entryQ, q)
        }
        return (x, y)
    }

    /// table[index], reading all 32 entries and keeping one through a vector mask.
    /// - Timing: the mask is vector arithmetic on the index (no branch, no scalar compare).
    @inline(__always)
    private static func lookup(_ table: UnsafePointer<UInt>, _ index: UInt) -> Residue52 {
        let wanted = Lanes(repeating: Int64(bitPattern: UInt64(index))), zero = Lanes(), one = Lanes(repeating: 1)
        var r = Residue52.zero
        for e in 0..<entries {
            // d | −d has its top bit set exactly when d ≠ 0, so mask = all ones for entry `index` only.
            let d = Lanes(repeating: Int64(e)) ^ wanted
            r.merge(Residue52(table + e * lanes), mask: _mm256_srli_epi64(d | (zero &- d), 63) &- one)
        }
        return r
    }

    /// s = s − m when s ≥ m (s ≤ m here), through a mask on the borrow.
    private func subtractOnce(_ s: LimbBuffer, modulusDigits: UnsafePointer<UInt>) {
        let m = LimbBuffer(count: Residue52.limbs), difference = LimbBuffer(count: Residue52.limbs)
        withExtendedLifetime((m, difference)) {
            Residue52.join(modulusDigits, into: m.base)
            let borrow = MontgomeryModulus.subtract(difference.base, s.base, m.base, count: Residue52.limbs)
            MontgomeryModulus.select(s.base, ifOne: s.base, else: difference.base, condition: borrow, count: Residue52.limbs)
        }
    }
}
