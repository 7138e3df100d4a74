// Arithmetic modulo P-256's prime p = 2^256 − 2^224 + 2^192 + 2^96 − 1 (SP 800-186 §3.2.1.3) in
// Montgomery form (R = 2^256), written for p's shape. p ≡ −1 mod 2^64 makes −p⁻¹ mod 2^64 = 1, so each
// reduction step's multiplier u is the low limb itself; and t + u·p, with t's low limb u, is
// (t − u) + u·2^96 + u·(2^64 − 2^32 + 1)·2^192 + … : a shift and one multiplication per step instead of
// four (Gueron and Krasnov, "Fast prime field elliptic-curve cryptography with 256-bit primes", Journal
// of Cryptographic Engineering 5, 2015, §3). Modulus256 (Field256.swift) computes the same values for
// any modulus; the tests compare the two. The constants are literals, so no call reads them from a
// lazily initialised global.

/// Elements are U256 values below p, in Montgomery form where a function says so.
/// - Timing: no branch or memory index depends on an element; the functions without a timing line of
///   their own are compositions of those with one.
enum P256Field {
    static let p = U256(l0: 0xFFFF_FFFF_FFFF_FFFF, l1: 0x0000_0000_FFFF_FFFF, l2: 0, l3: 0xFFFF_FFFF_0000_0001)
    /// 1 in Montgomery form: R mod p = 2^256 − p.
    static let one = U256(l0: 1, l1: 0xFFFF_FFFF_0000_0000, l2: 0xFFFF_FFFF_FFFF_FFFF, l3: 0x0000_0000_FFFF_FFFE)
    /// R² mod p, which takes a number into Montgomery form.
    static let rSquared = U256(
        l0: 0x0000_0000_0000_0003, l1: 0xFFFF_FFFB_FFFF_FFFF, l2: 0xFFFF_FFFF_FFFF_FFFE, l3: 0x0000_0004_FFFF_FFFD)

    /// a + b mod p for a, b < p.
    /// - Timing: straight-line; the reduction is masked.
    @inline(__always)
    static func add(_ a: U256, _ b: U256) -> U256 {
        let (sum, carry) = U256.add(a, b)
        return Modulus256.reduceOnce(sum, carry: carry, p)
    }

    /// a − b mod p for a, b < p: p added back through the borrow's mask.
    /// - Timing: straight-line.
    @inline(__always)
    static func subtract(_ a: U256, _ b: U256) -> U256 {
        let (difference, borrow) = U256.subtract(a, b)
        let mask = valueBarrier(0 &- borrow)
        return U256.add(difference, U256.select(mask, p, .zero)).sum
    }

    /// −a mod p for a < p.
    @inline(__always)
    static func negate(_ a: U256) -> U256 { subtract(.zero, a) }

    /// a·b·R⁻¹ mod p for a, b < p: four rows of a·b_i, each followed by one reduction step; after each
    /// row the running value is below 2p, so one masked subtraction ends it.
    /// - Timing: straight-line.
    @inline(__always)
    static func multiply(_ a: U256, _ b: U256) -> U256 {
        var t = Modulus256.Row()
        t = row(t, a, b.l0)
        t = row(t, a, b.l1)
        t = row(t, a, b.l2)
        t = row(t, a, b.l3)
        return Modulus256.reduceOnce(U256(l0: t.t0, l1: t.t1, l2: t.t2, l3: t.t3), carry: t.t4, p)
    }

    /// (t + a·b_i + u·p) / 2^64 with u the low limb of t + a·b_i. p's limbs from the bottom are
    /// 2^64 − 1, 2^32 − 1, 0 and 2^64 − 2^32 + 1: the first cancels the low limb exactly (u·(2^64 − 1) +
    /// u = u·2^64), which leaves u·2^32 at limb 1 and u·(2^64 − 2^32 + 1) at limb 3 to add.
    @inline(__always)
    private static func row(_ t: Modulus256.Row, _ a: U256, _ bi: UInt) -> Modulus256.Row {
        let r = t.adding(a, times: bi)
        let (high, low) = r.r0.multipliedFullWidth(by: 0xFFFF_FFFF_0000_0001)
        var out = Modulus256.Row()
        let (s0, k0) = r.r1.addingReportingOverflow(r.r0 << 32)
        var k: UInt
        (out.t0, k) = (s0, UInt(bit(k0)))
        (out.t1, k) = addWithCarry(r.r2, r.r0 >> 32, k)
        (out.t2, k) = addWithCarry(r.r3, low, k)
        (out.t3, k) = addWithCarry(r.r4, high, k)
        out.t4 = r.carry &+ k
        return out
    }

    @inline(__always)
    static func square(_ a: U256) -> U256 { multiply(a, a) }

    /// x·R mod p for x < p.
    @inline(__always)
    static func montgomeryForm(_ x: U256) -> U256 { multiply(x, rSquared) }

    /// The ordinary value of a Montgomery form.
    @inline(__always)
    static func ordinaryForm(_ a: U256) -> U256 { multiply(a, .one) }

    /// Division steps for p: p ≡ −1 mod 2^64, so p⁻¹ ≡ −1 ≡ 2^62 − 1 (mod 2^62). Built where it is used,
    /// from literals, rather than read from a lazily initialised global.
    @inline(__always)
    static var inverter: DivstepInverse { DivstepInverse(modulus: p, inverseModulo2To62: Signed62.mask) }

    /// a⁻¹ in Montgomery form, for a = x·R in Montgomery form; 0 gives 0: the division steps give
    /// (x·R)⁻¹ = x⁻¹·R⁻¹, and two products with R² make it x⁻¹·R.
    /// - Timing: as `DivstepInverse.inverse` and two multiplications.
    static func inverse(_ a: U256) -> U256 { multiply(multiply(inverter.inverse(a), rSquared), rSquared) }
}
