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
        reductionStep(t.adding(a, times: bi))
    }

    /// (r + r_0·p) / 2^64 for five limbs and a carry bit: the reduction step that clears r's low limb.
    @inline(__always)
    private static func reductionStep(_ r: (r0: UInt, r1: UInt, r2: UInt, r3: UInt, r4: UInt, carry: UInt))
        -> Modulus256.Row
    {
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

    /// a²·R⁻¹ mod p for a < p: the 512-bit square with each cross product a_i·a_j (i < j) computed once
    /// and doubled (HAC 14.16), then four reduction steps on its low half, whose result (at most p) is
    /// added to the high half. The sum, (a² + U·p)/R, is below 2p since a² < p², so one masked
    /// subtraction ends it: 10 word products and 4 reductions where `multiply` takes 16 and 4.
    /// - Timing: straight-line.
    @inline(__always)
    static func square(_ a: U256) -> U256 {
        var c: UInt, t1: UInt, t2: UInt, t3: UInt, t4: UInt, t5: UInt, t6: UInt
        (c, t1) = a.l0.multipliedFullWidth(by: a.l1)
        (c, t2) = multiplyAdd(a.l0, a.l2, c, 0)
        (t4, t3) = multiplyAdd(a.l0, a.l3, c, 0)
        (c, t3) = multiplyAdd(a.l1, a.l2, t3, 0)
        (t5, t4) = multiplyAdd(a.l1, a.l3, t4, c)
        (t6, t5) = multiplyAdd(a.l2, a.l3, t5, 0)
        // Doubled: the bit shifted out of t6 starts t7.
        var t7 = t6 >> 63
        (t6, t5, t4) = (t6 << 1 | t5 >> 63, t5 << 1 | t4 >> 63, t4 << 1 | t3 >> 63)
        (t3, t2, t1) = (t3 << 1 | t2 >> 63, t2 << 1 | t1 >> 63, t1 << 1)
        // Plus a_i² at limbs 2i and 2i + 1; a² < 2^512, so nothing carries out of t7.
        let (h0, t0) = a.l0.multipliedFullWidth(by: a.l0)
        let (h1, l1) = a.l1.multipliedFullWidth(by: a.l1)
        let (h2, l2) = a.l2.multipliedFullWidth(by: a.l2)
        let (h3, l3) = a.l3.multipliedFullWidth(by: a.l3)
        var k: UInt
        (t1, k) = addWithCarry(t1, h0, 0)
        (t2, k) = addWithCarry(t2, l1, k)
        (t3, k) = addWithCarry(t3, h1, k)
        (t4, k) = addWithCarry(t4, l2, k)
        (t5, k) = addWithCarry(t5, h2, k)
        (t6, k) = addWithCarry(t6, l3, k)
        t7 = t7 &+ h3 &+ k
        var low = Modulus256.Row(t0: t0, t1: t1, t2: t2, t3: t3, t4: 0)
        for _ in 0..<4 { low = reductionStep((low.t0, low.t1, low.t2, low.t3, low.t4, 0)) }
        let (sum, carry) = U256.add(
            U256(l0: low.t0, l1: low.t1, l2: low.t2, l3: low.t3), U256(l0: t4, l1: t5, l2: t6, l3: t7))
        return Modulus256.reduceOnce(sum, carry: carry &+ low.t4, p)
    }

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
