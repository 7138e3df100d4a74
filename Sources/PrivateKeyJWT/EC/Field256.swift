// Arithmetic modulo an odd 256-bit number in four 64-bit limbs, in constant time: for P-256's field
// and for the order of its group. Multiplication is Montgomery's (Montgomery 1985), word by word with
// the reduction interleaved (CIOS: Koç, Acar, Kaliski 1996; HAC 14.36), R = 2^256.

/// An odd modulus m with 2^255 < m < 2^256 and its Montgomery constants. Elements are U256 values
/// below m; the `Montgomery` operations take and give them in Montgomery form (x·R mod m).
///
/// - Timing: no branch or memory index depends on an element.
struct Modulus256: Sendable {
    let m: U256
    /// −m⁻¹ mod 2^64 (HAC 14.32's m').
    let m0: UInt
    /// R mod m and R² mod m.
    let rModM: U256
    let rSquared: U256
    /// Constant-time inversion of ordinary values (DivstepInverse.swift).
    let inverter: DivstepInverse

    init(_ m: U256) {
        // R mod m = 2^256 − m needs m > 2^255, true of P-256's p and n alike.
        precondition(m.l3 >> 63 == 1 && m.l0 & 1 == 1, "an odd modulus above 2^255")
        self.m = m
        var y = m.l0
        for _ in 0..<5 { y = y &* (2 &- m.l0 &* y) }  // Newton's iteration for m⁻¹ mod 2^64 (Dussé–Kaliski 1990)
        m0 = 0 &- y
        rModM = U256.subtract(.zero, m).difference
        var square = rModM
        for _ in 0..<256 { square = Self.addModulo(square, square, m) }  // R·2^256 mod m
        rSquared = square
        inverter = DivstepInverse(modulus: m, inverseModulo2To62: Int(bitPattern: 0 &- m0) & Signed62.mask)
    }

    /// a + b mod m for a, b < m.
    @inline(__always)
    func add(_ a: U256, _ b: U256) -> U256 { Self.addModulo(a, b, m) }

    @inline(__always)
    private static func addModulo(_ a: U256, _ b: U256, _ m: U256) -> U256 {
        let (sum, carry) = U256.add(a, b)
        return reduceOnce(sum, carry: carry, m)
    }

    /// a − b mod m for a, b < m: subtract, then add m back through the borrow's mask.
    @inline(__always)
    func subtract(_ a: U256, _ b: U256) -> U256 {
        let (difference, borrow) = U256.subtract(a, b)
        let mask = valueBarrier(0 &- borrow)
        let back = U256(l0: m.l0 & mask, l1: m.l1 & mask, l2: m.l2 & mask, l3: m.l3 & mask)
        return U256.add(difference, back).sum
    }

    /// −a mod m for a < m.
    @inline(__always)
    func negate(_ a: U256) -> U256 { subtract(.zero, a) }

    /// t + carry·2^256 reduced once, for t + carry·2^256 < 2m: keep t − m when it is ≥ m.
    @inline(__always)
    static func reduceOnce(_ t: U256, carry: UInt, _ m: U256) -> U256 {
        let (difference, borrow) = U256.subtract(t, m)
        return U256.select(valueBarrier(0 &- (carry | (1 &- borrow))), difference, t)
    }

    /// x mod m for any x < 2^256 (< 2m here): one conditional subtraction.
    @inline(__always)
    func reduced(_ x: U256) -> U256 { Self.reduceOnce(x, carry: 0, m) }

    /// a·b·R⁻¹ mod m (CIOS): after each of the four rows t < 2m, so one subtraction ends it. The
    /// rows are written out: a loop over b's limbs kept a branch per limb in the machine code.
    @inline(__always)
    func multiply(_ a: U256, _ b: U256) -> U256 {
        var t = Row()
        t = row(t, a, b.l0)
        t = row(t, a, b.l1)
        t = row(t, a, b.l2)
        t = row(t, a, b.l3)
        return Self.reduceOnce(U256(l0: t.t0, l1: t.t1, l2: t.t2, l3: t.t3), carry: t.t4, m)
    }

    /// The running value of a Montgomery product: four limbs and the bit above them.
    struct Row {
        var t0: UInt = 0, t1: UInt = 0, t2: UInt = 0, t3: UInt = 0, t4: UInt = 0

        /// t + a·b_i: the row's first half, before its reduction step, in five limbs and a carry bit.
        @inline(__always)
        func adding(_ a: U256, times bi: UInt) -> (r0: UInt, r1: UInt, r2: UInt, r3: UInt, r4: UInt, carry: UInt) {
            var c: UInt, r0: UInt, r1: UInt, r2: UInt, r3: UInt
            (c, r0) = multiplyAdd(a.l0, bi, t0, 0)
            (c, r1) = multiplyAdd(a.l1, bi, t1, c)
            (c, r2) = multiplyAdd(a.l2, bi, t2, c)
            (c, r3) = multiplyAdd(a.l3, bi, t3, c)
            let (r4, carry) = t4.addingReportingOverflow(c)
            return (r0, r1, r2, r3, r4, UInt(bit(carry)))
        }
    }

    /// One row: t ← (t + a·b_i + u·m) / 2^64 with u = (t_0 + a_0·b_i)·m' mod 2^64, which clears the
    /// low limb (HAC 14.36 step 2).
    @inline(__always)
    private func row(_ t: Row, _ a: U256, _ bi: UInt) -> Row {
        let r = t.adding(a, times: bi)
        let u = r.r0 &* m0
        var out = Row()
        var c: UInt
        (c, _) = multiplyAdd(u, m.l0, r.r0, 0)
        (c, out.t0) = multiplyAdd(u, m.l1, r.r1, c)
        (c, out.t1) = multiplyAdd(u, m.l2, r.r2, c)
        (c, out.t2) = multiplyAdd(u, m.l3, r.r3, c)
        let (sum, sumCarry) = r.r4.addingReportingOverflow(c)
        out.t3 = sum
        out.t4 = r.carry &+ UInt(bit(sumCarry))
        return out
    }

    @inline(__always)
    func square(_ a: U256) -> U256 { multiply(a, a) }

    /// x·R mod m, x's Montgomery form, for x < m.
    @inline(__always)
    func montgomeryForm(_ x: U256) -> U256 { multiply(x, rSquared) }

    /// The ordinary value of a Montgomery form.
    @inline(__always)
    func ordinaryForm(_ a: U256) -> U256 { multiply(a, .one) }

    /// a⁻¹ in Montgomery form, for a = x·R in Montgomery form; 0 gives 0. The division steps invert the
    /// value a itself, giving x⁻¹·R⁻¹; two products with R² (each multiplies by R) make it x⁻¹·R.
    /// - Timing: as `DivstepInverse.inverse` and two multiplications.
    func inverse(_ a: U256) -> U256 { multiply(multiply(inverter.inverse(a), rSquared), rSquared) }
}
