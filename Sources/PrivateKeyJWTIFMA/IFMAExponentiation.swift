// RSA-2048's exponentiations on AVX-512 IFMA. The secret ones, s1 = c1^dP mod p and s2 = c2^dQ mod q,
// run together for 1024-bit primes: fixed 5-bit windows (HAC 14.82, as the core's
// `MontgomeryModulus.power`), every table entry read through a mask, Almost Montgomery products of
// both primes in one pass (AlmostMontgomery.swift), and one masked subtraction at the very end. The
// public one, x^e mod n for a 2048-bit n, is left-to-right square and multiply (HAC 14.79).

import PrivateKeyJWT
import _Builtin_intrinsics.intel

/// RSA-2048 on AVX-512 IFMA; declines every other width. Only `preferringAVX512IFMA()` makes one,
/// after asking the CPU.
struct IFMAExponentiation: RSAExponentiation {
    static let name = "AVX-512 IFMA"

    /// - Timing: as `PreparedIFMACRT.init` (straight-line); the width test is on public counts.
    func prepareCRT(p: MontgomeryModulus, q: MontgomeryModulus, dP: LimbBuffer, dQ: LimbBuffer)
        -> (any PreparedCRTExponentiation)?
    {
        // Both primes below 2^1024 (R = 2^1040 > 4m), exponents of the same 16 limbs.
        guard p.count == PrimeResidue.limbs, q.count == PrimeResidue.limbs else { return nil }
        return PreparedIFMACRT(p: p, q: q, dP: dP, dQ: dQ)
    }

    /// Miller-Rabin's b^m mod w for two 1024-bit candidates in one pass (key generation): R² by GMP,
    /// which is variable time as key generation is (SECURITY.md); the rest as `powers`.
    func powerPairVarTime(bases: (BigNum, BigNum), exponents: (BigNum, BigNum), moduli: (BigNum, BigNum))
        -> (BigNum, BigNum)?
    {
        let limbs = PrimeResidue.limbs
        guard moduli.0.bitWidth == 64 * limbs, moduli.1.bitWidth == 64 * limbs else { return nil }
        let r2 = BigNum.powerOfTwo(2 * 52 * PrimeResidue.digits)
        let prepared = PreparedIFMACRT(
            moduli: (LimbBuffer(moduli.0, count: limbs), LimbBuffer(moduli.1, count: limbs)),
            rSquared: (
                LimbBuffer(r2.modVarTime(moduli.0), count: limbs), LimbBuffer(r2.modVarTime(moduli.1), count: limbs)
            ),
            exponents: (LimbBuffer(exponents.0, count: limbs), LimbBuffer(exponents.1, count: limbs)))
        let z1 = LimbBuffer(count: limbs), z2 = LimbBuffer(count: limbs)
        prepared.powers(
            z1, z2, bases: LimbBuffer(bases.0, count: limbs), LimbBuffer(bases.1, count: limbs), inParallel: false)
        return (z1.bigNum(), z2.bigNum())
    }

    func preparePublic(_ n: MontgomeryModulus) -> (any PreparedPublicExponentiation)? {
        guard n.count == ModulusResidue.limbs else { return nil }
        return PreparedIFMAPublic(n: n)
    }

    /// −m⁻¹ mod 2^52 for odd m, from m's lowest limb: the low 52 bits of the core's Newton inverse
    /// mod 2^64.
    /// - Timing: straight-line.
    static func inverseNegated(_ lowLimb: UInt) -> UInt {
        (0 &- MontgomeryModulus.inverse(lowLimb)) & ((1 << 52) - 1)
    }
}

/// One key's primes as digits, with −m⁻¹ mod 2^52 and R² mod m for each.
///
/// - Timing: preparing is straight-line (the core's masked doublings for R², Newton's iteration for
///   m⁻¹); `powers` as stated there.
final class PreparedIFMACRT: PreparedCRTExponentiation, @unchecked Sendable {
    let name = IFMAExponentiation.name
    /// Per prime, `lanes` each: m, then R² mod m; then the two constants m' (p's, q's). Wiped on release
    /// (LimbBuffer). Unchecked Sendable: nothing writes it after `init`.
    private let constants: LimbBuffer
    private let dP: LimbBuffer, dQ: LimbBuffer
    private static let lanes = PrimeResidue.digits
    private static let entries = 1 << MontgomeryModulus.windowBits

    /// A key's primes: R² = 2^(2·52·20) mod m by the core's masked doublings of 1.
    convenience init(p: MontgomeryModulus, q: MontgomeryModulus, dP: LimbBuffer, dQ: LimbBuffer) {
        let squares = [p, q].map { prime in
            let rSquared = LimbBuffer(count: PrimeResidue.limbs)
            MontgomeryModulus.powerOfTwo(2 * 52 * PrimeResidue.digits, modulus: prime.modulus, into: rSquared)
            return rSquared
        }
        self.init(moduli: (p.modulus, q.modulus), rSquared: (squares[0], squares[1]), exponents: (dP, dQ))
    }

    /// Two odd moduli below 2^1024 with R² mod each, and the exponents, 16 limbs each.
    init(
        moduli: (LimbBuffer, LimbBuffer), rSquared: (LimbBuffer, LimbBuffer), exponents: (LimbBuffer, LimbBuffer)
    ) {
        (dP, dQ) = exponents
        let lanes = Self.lanes
        constants = LimbBuffer(count: 4 * lanes + 2)
        for (index, (m, rSquared)) in [(moduli.0, rSquared.0), (moduli.1, rSquared.1)].enumerated() {
            let c = constants.base + 2 * lanes * index
            PrimeResidue.split(m.base, into: c)
            PrimeResidue.split(rSquared.base, into: c + lanes)
            constants.base[4 * lanes + index] = IFMAExponentiation.inverseNegated(m.base[0])
        }
        withExtendedLifetime((moduli, rSquared)) {}
    }

    private func modulus(_ index: Int) -> Modulus52<5> {
        Modulus52(
            m: PrimeResidue(constants.base + 2 * Self.lanes * index),
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
            PrimeResidue.split(c1.base, into: operandP)
            PrimeResidue.split(c2.base, into: operandQ)
            var (x, y) = almostMontgomeryPair(PrimeResidue(rSquaredP), one, p, PrimeResidue(rSquaredQ), one, q)
            x.store(tableP)
            y.store(tableQ)
            (x, y) = almostMontgomeryPair(PrimeResidue(operandP), rSquaredP, p, PrimeResidue(operandQ), rSquaredQ, q)
            x.store(tableP + lanes)
            y.store(tableQ + lanes)
            // Entry i = entry i/2 squared when i is even, entry i − 1 times entry 1 when it is odd.
            for i in 2..<entries {
                let source = i % 2 == 0 ? i / 2 : i - 1, factor = i % 2 == 0 ? i / 2 : 1
                (x, y) = almostMontgomeryPair(
                    PrimeResidue(tableP + source * lanes), tableP + factor * lanes, p,
                    PrimeResidue(tableQ + source * lanes), tableQ + factor * lanes, q)
                x.store(tableP + i * lanes)
                y.store(tableQ + i * lanes)
            }
            // 1, but not to the optimiser: with a mask it can prove to be 0 or all ones, LLVM turned the
            // table scan into masked loads (which need not touch an unselected entry) behind a
            // compare; an unknown `one` keeps every AND and every load (see SECURITY.md).
            let opaqueOne = Lanes(repeating: Int64(bitPattern: UInt64(valueBarrier(1))))
            (x, y) = windows(tableP, tableQ, operandP, operandQ, p, q, one: opaqueOne)
            // Leave the domain: AMM(x, 1) = x·R⁻¹ mod m ≤ m (equal only when x ≡ 0), then subtract m once.
            (x, y) = almostMontgomeryPair(x, one, p, y, one, q)
            x.store(resultP)
            y.store(resultP + lanes)
            for (index, (result, s)) in [(resultP, s1), (resultP + lanes, s2)].enumerated() {
                PrimeResidue.join(result, into: s.base)
                subtractOnce(s, modulusDigits: constants.base + 2 * lanes * index)
            }
        }
    }

    /// The windows of the exponentiation: r = table[top window], then for each lower window five
    /// squarings and a product with the window's entry (both primes at once).
    @inline(__always)
    private func windows(
        _ tableP: UnsafePointer<UInt>, _ tableQ: UnsafePointer<UInt>, _ entryP: UnsafeMutablePointer<UInt>,
        _ entryQ: UnsafeMutablePointer<UInt>, _ p: Modulus52<5>, _ q: Modulus52<5>, one: Lanes
    ) -> (PrimeResidue, PrimeResidue) {
        let w = MontgomeryModulus.windowBits, bits = 64 * dP.count, windows = (bits + w - 1) / w, top = windows - 1
        var x = Self.lookup(tableP, MontgomeryModulus.bits(of: dP, from: top * w, count: bits - top * w), one: one)
        var y = Self.lookup(tableQ, MontgomeryModulus.bits(of: dQ, from: top * w, count: bits - top * w), one: one)
        // A counted loop: `stride` compiled to an iterator call per window, spilling both residues.
        var window = top
        while window > 0 {
            window -= 1
            for _ in 0..<w {
                x.store(entryP)
                y.store(entryQ)
                (x, y) = almostMontgomeryPair(x, entryP, p, y, entryQ, q)
            }
            Self.lookup(tableP, MontgomeryModulus.bits(of: dP, from: window * w, count: w), one: one).store(entryP)
            Self.lookup(tableQ, MontgomeryModulus.bits(of: dQ, from: window * w, count: w), one: one).store(entryQ)
            (x, y) = almostMontgomeryPair(x, entryP, p, y, entryQ, q)
        }
        return (x, y)
    }

    /// table[index], reading all 32 entries and keeping one through a vector mask; `one` is 1 in every
    /// lane, from the value barrier.
    /// - Timing: every entry is loaded and ANDed; the mask is vector arithmetic on the index.
    @inline(__always)
    private static func lookup(_ table: UnsafePointer<UInt>, _ index: UInt, one: Lanes) -> PrimeResidue {
        let wanted = Lanes(repeating: Int64(bitPattern: UInt64(index))), zero = Lanes()
        var r = PrimeResidue.zero
        for e in 0..<entries {
            // d | −d has its top bit set exactly when d ≠ 0, so mask = all ones for entry `index` only.
            let d = Lanes(repeating: Int64(e)) ^ wanted
            r.merge(PrimeResidue(table + e * lanes), mask: _mm256_srli_epi64(d | (zero &- d), 63) &- one)
        }
        return r
    }

    /// s = s − m when s ≥ m (s ≤ m here), through a mask on the borrow.
    /// - Timing: the subtraction is always done; the core's `select` keeps one result by a mask.
    private func subtractOnce(_ s: LimbBuffer, modulusDigits: UnsafePointer<UInt>) {
        let count = PrimeResidue.limbs
        let m = LimbBuffer(count: count), difference = LimbBuffer(count: count)
        withExtendedLifetime((m, difference)) {
            PrimeResidue.join(modulusDigits, into: m.base)
            let borrow = MontgomeryModulus.subtract(difference.base, s.base, m.base, count: count)
            MontgomeryModulus.select(s.base, ifOne: s.base, else: difference.base, condition: borrow, count: count)
        }
    }
}

/// A public 2048-bit modulus n as digits, with −n⁻¹ mod 2^52 and R² mod n.
final class PreparedIFMAPublic: PreparedPublicExponentiation, @unchecked Sendable {
    let name = IFMAExponentiation.name
    /// n (its limbs, for the last subtraction), then the digits of n and of R² mod n. Unchecked
    /// Sendable: nothing writes it after `init`.
    private let n: MontgomeryModulus, constants: LimbBuffer, inverseNegated: UInt
    private static let lanes = ModulusResidue.digits

    /// - Timing: variable time (GMP's division for R² mod n); n is public.
    init(n: MontgomeryModulus) {
        self.n = n
        let constants = LimbBuffer(count: 2 * Self.lanes)
        ModulusResidue.split(n.modulus.base, into: constants.base)
        let rSquared = LimbBuffer(
            BigNum.powerOfTwo(2 * 52 * ModulusResidue.digits).modVarTime(n.modulus.bigNum()), count: n.count)
        withExtendedLifetime(rSquared) { ModulusResidue.split(rSquared.base, into: constants.base + Self.lanes) }
        self.constants = constants
        inverseNegated = IFMAExponentiation.inverseNegated(n.modulus.base[0])
    }

    /// x^e mod n by left-to-right square and multiply on Almost Montgomery products, then one
    /// subtraction of n.
    /// - Timing: variable time in e (public); each product constant time.
    func power(_ x: LimbBuffer, publicExponent e: BigNum) -> LimbBuffer {
        let lanes = Self.lanes, result = LimbBuffer(count: n.count)
        // The digits of 1, of x·R, of r, of x, and the result.
        let scratch = LimbBuffer(count: 5 * lanes)
        withExtendedLifetime((scratch, constants, x, result)) {
            let one = scratch.base, base = one + lanes, operand = base + lanes, digits = operand + lanes
            one[0] = 1
            let m = Modulus52(
                m: ModulusResidue(constants.base),
                inverseNegated: Lanes(repeating: Int64(bitPattern: UInt64(inverseNegated))))
            ModulusResidue.split(x.base, into: digits)
            var r = almostMontgomery(ModulusResidue(digits), constants.base + lanes, m)
            r.store(base)
            for bit in stride(from: e.bitWidth - 2, through: 0, by: -1) {
                r.store(operand)
                r = almostMontgomery(r, operand, m)
                if e.testBitVarTime(bit) { r = almostMontgomery(r, base, m) }
            }
            r = almostMontgomery(r, one, m)
            r.store(operand)
            ModulusResidue.join(operand, into: result.base)
            // r ≤ n (AMM(r, 1)); equal only for x ≡ 0, which RSAVP1 never sees but the code allows.
            let difference = LimbBuffer(count: n.count)
            withExtendedLifetime(difference) {
                let borrow = MontgomeryModulus.subtract(difference.base, result.base, n.modulus.base, count: n.count)
                MontgomeryModulus.select(
                    result.base, ifOne: result.base, else: difference.base, condition: borrow, count: n.count)
            }
        }
        return result
    }
}
