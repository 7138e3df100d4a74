// Montgomery arithmetic modulo a secret odd modulus, in constant time: Montgomery, "Modular
// multiplication without trial division" (1985); HAC 14.32 (REDC). Multiplication and squaring scan
// products column by column with the reduction folded in (Koç, Acar, Kaliski 1996, "FIPS"), squaring
// forming each cross product once (HAC 14.16); entering and leaving the domain use a plain REDC of
// a wide value.
//
//   R = 2^(64·count) > m,   REDC(t) = t · R⁻¹ mod m   for t < m·R
//
// The width `count` is public; it may exceed the modulus' own limb count (both CRT primes of a key
// share one width, so either prime reduces the same inputs).

/// One odd modulus m < R and the constants of its Montgomery domain.
///
/// - Timing: no branch or memory index depends on m, on its constants or on any operand; loops run
///   over `count`, which is public. Values are ≥ 0 and < m on entry and on exit unless said otherwise.
package final class MontgomeryModulus: @unchecked Sendable {
    /// Limbs per value (public).
    package let count: Int
    /// m, little-endian limbs.
    package let modulus: LimbBuffer
    /// −m⁻¹ mod 2^64 (HAC 14.32: m' with m·m' ≡ −1 mod b), in a buffer of its own so that it is
    /// wiped with the rest and can be marked secret for the constant-time check.
    private let constant: LimbBuffer
    var inverseNegated: UInt { constant.base[0] }
    /// R² mod m: multiplying by it enters the domain.
    let rSquared: LimbBuffer
    /// R³ mod m: REDC of a wide value times it gives the value's Montgomery form in one step.
    let rCubed: LimbBuffer

    /// The domain of a public odd modulus (n): R² by GMP's division, which may take its time.
    /// - Timing: variable time in n, which is public.
    convenience init(publicModulusVarTime n: BigNum) {
        let count = n.limbCount
        self.init(
            LimbBuffer(n, count: count), count: count,
            rSquared: LimbBuffer(BigNum.powerOfTwo(2 * 64 * count).modVarTime(n), count: count))
    }

    /// The domain of the odd modulus in `limbs` (zero-extended to `count`; m < R).
    /// - Timing: as the type; 128·count doublings for R² (unless given) and one multiplication for R³.
    init(_ limbs: LimbBuffer, count: Int, rSquared given: LimbBuffer? = nil) {
        // m odd and m < R: the caller's key validation established both (p and q are odd primes).
        precondition(limbs.count <= count, "modulus wider than its domain")
        self.count = count
        modulus = LimbBuffer(count: count)
        modulus.base.update(from: limbs.base, count: limbs.count)
        constant = LimbBuffer(count: 1)
        constant.base[0] = 0 &- Self.inverse(modulus.base[0])
        rSquared = given ?? LimbBuffer(count: count)
        rCubed = LimbBuffer(count: count)
        if given == nil { Self.powerOfTwo(2 * 64 * count, modulus: modulus, into: rSquared) }
        multiply(rCubed, rSquared, rSquared, scratch: LimbBuffer(count: 2 * count + 1))
    }

    /// Marks m and every constant derived from it secret for the constant-time check.
    func auditSecret() {
        for buffer in [modulus, constant, rSquared, rCubed] { buffer.auditSecret() }
    }

    /// x⁻¹ mod 2^64 for odd x, by Newton's iteration y ← y·(2 − x·y), which doubles the correct low
    /// bits each time (Dussé–Kaliski 1990): x·x ≡ 1 mod 8 gives 3 bits, five steps give 96 ≥ 64.
    /// - Timing: straight-line arithmetic; no table, unlike GMP's binvert_limb.
    package static func inverse(_ x: UInt) -> UInt {
        var y = x
        for _ in 0..<5 { y = y &* (2 &- x &* y) }
        return y
    }

    /// 2^exponent mod m, by doubling 1 `exponent` times with a masked subtraction each time.
    /// - Timing: `exponent` and `count` rounds, each the same operations whatever the values.
    package static func powerOfTwo(_ exponent: Int, modulus: LimbBuffer, into x: LimbBuffer) {
        let count = modulus.count
        let m = modulus.base, v = x.base
        for i in 0..<count { v[i] = 0 }
        v[0] = 1
        let difference = LimbBuffer(count: count)
        defer { withExtendedLifetime(difference) {} }
        let d = difference.base
        // 1 < m unless m = 1, which no prime is; the first doublings keep x < m by the same rule.
        for _ in 0..<exponent {
            // x ← 2x (with the bit shifted out kept), then x − m; keep x − m when 2x ≥ m.
            var carryOut: UInt = 0
            for i in 0..<count {
                let limb = v[i]
                v[i] = (limb << 1) | carryOut
                carryOut = limb >> 63
            }
            let borrow = subtract(d, v, m, count: count)
            // 2x ≥ m exactly when a bit was shifted out or the subtraction did not borrow.
            let keepDifference = carryOut | (1 &- borrow)
            select(v, ifOne: d, else: v, condition: keepDifference, count: count)
        }
    }

    // MARK: Products and reduction

    /// t[0..<2·count] = a · b (HAC 14.12, schoolbook).
    @inline(__always)
    func product(_ t: UnsafeMutablePointer<UInt>, _ a: UnsafePointer<UInt>, _ b: UnsafePointer<UInt>) {
        let k = count
        for i in 0..<(2 * k) { t[i] = 0 }
        for i in 0..<k {
            let bi = UInt128(b[i])
            var carry: UInt128 = 0
            for j in 0..<k {
                let sum = UInt128(a[j]) &* bi &+ UInt128(t[i + j]) &+ carry
                t[i + j] = UInt(truncatingIfNeeded: sum)
                carry = sum >> 64
            }
            t[i + k] = UInt(truncatingIfNeeded: carry)
        }
    }

    /// r = REDC(t) = t·R⁻¹ mod m for t < m·R held in 2·count limbs (HAC 14.32), t destroyed;
    /// `t` needs one more limb at index 2·count for the carry.
    /// - Timing: the final subtraction is always done and kept through a mask (no early exit, no
    ///   branch on "t ≥ m", unlike HAC 14.32 step 3).
    @inline(__always)
    func reduce(_ r: UnsafeMutablePointer<UInt>, _ t: UnsafeMutablePointer<UInt>) {
        let k = count, m = modulus.base, m0 = inverseNegated
        var topCarry: UInt = 0
        for i in 0..<k {
            // u = t_i · m' mod b; t ← t + u·m·b^i, which clears limb i.
            let u = UInt128(t[i] &* m0)
            var carry: UInt128 = 0
            for j in 0..<k {
                let sum = u &* UInt128(m[j]) &+ UInt128(t[i + j]) &+ carry
                t[i + j] = UInt(truncatingIfNeeded: sum)
                carry = sum >> 64
            }
            // Propagate into limb i + k, keeping the one bit that can spill past it for the next row.
            let sum = UInt128(t[i + k]) &+ carry &+ UInt128(topCarry)
            t[i + k] = UInt(truncatingIfNeeded: sum)
            topCarry = UInt(truncatingIfNeeded: sum >> 64)
        }
        // t/R = t[k..<2k] + topCarry·R < 2m: subtract m once, keep the difference when t/R ≥ m.
        let high = t + k
        let borrow = Self.subtract(r, high, m, count: k)
        let keepDifference = topCarry | (1 &- borrow)
        Self.select(r, ifOne: r, else: high, condition: keepDifference, count: k)
    }

    // MARK: Operations on owned buffers
    //
    // These take LimbBuffer objects, not pointers: an argument stays alive for the whole call, where
    // a pointer taken from a temporary could outlive its buffer (Swift may end a lifetime at its last
    // use). `scratch` holds at least 2·count + 1 limbs; results may alias operands.

    /// r = a·b·R⁻¹ mod m.
    func multiply(_ r: LimbBuffer, _ a: LimbBuffer, _ b: LimbBuffer, scratch: LimbBuffer) {
        multiply(r.base, a.base, b.base, scratch: scratch.base)
    }

    /// r = a²·R⁻¹ mod m.
    func square(_ r: LimbBuffer, _ a: LimbBuffer, scratch: LimbBuffer) {
        square(r.base, a.base, scratch: scratch.base)
    }

    /// t = a·b in full, 2·count limbs.
    func product(_ t: LimbBuffer, _ a: LimbBuffer, _ b: LimbBuffer) {
        precondition(t.count >= 2 * count && a.count >= count && b.count >= count)
        product(t.base, a.base, b.base)
    }

    /// r = x·R mod m, the Montgomery form of x, for any x < m·R of up to 2·count limbs:
    /// REDC(x)·R³·R⁻¹ = x·R (so inputs wider than m, like a CRT input mod p, need no division).
    func montgomeryForm(_ r: LimbBuffer, of x: LimbBuffer, scratch: LimbBuffer) {
        precondition(x.count <= 2 * count && scratch.count > 2 * count)
        let t = scratch.base
        for i in 0..<(2 * count + 1) { t[i] = i < x.count ? x.base[i] : 0 }
        reduce(r.base, t)
        multiply(r.base, r.base, rCubed.base, scratch: t)
    }

    /// r = a·R⁻¹ mod m: the ordinary value of a Montgomery form (or R·a⁻¹… of any a < m).
    func ordinaryForm(_ r: LimbBuffer, of a: LimbBuffer, scratch: LimbBuffer) {
        ordinaryForm(r.base, of: a.base, scratch: scratch.base)
    }

    /// r = a − b mod m for a, b < m: subtract, then add m back through a mask on the borrow.
    func subtractModulo(_ r: LimbBuffer, _ a: LimbBuffer, _ b: LimbBuffer, scratch: LimbBuffer) {
        let borrow = Self.subtract(r.base, a.base, b.base, count: count)
        _ = Self.add(scratch.base, r.base, modulus.base, count: count)
        Self.select(r.base, ifOne: scratch.base, else: r.base, condition: borrow, count: count)
    }

    /// r = r + b over r's width (b zero-extended); returns the carry.
    static func add(_ r: LimbBuffer, _ b: LimbBuffer) -> UInt {
        let wide = LimbBuffer(count: r.count)
        wide.base.update(from: b.base, count: min(b.count, r.count))
        return withExtendedLifetime(wide) { add(r.base, r.base, wide.base, count: r.count) }
    }

    // MARK: The same on pointers, for callers that keep their buffers alive

    /// r = a·b·R⁻¹ mod m by product scanning with the reduction folded in, column by column (Koç,
    /// Acar, Kaliski 1996, "FIPS"): the column sum lives in three registers, so the inner loop
    /// stores nothing; the quotient digits u_i go to `scratch`. r may alias a or b. The widths of
    /// RSA-2048, -3072 and -4096 primes run the same columns unrolled (Generated/MontgomeryKernels.swift).
    @inline(__always)
    func multiply(
        _ r: UnsafeMutablePointer<UInt>, _ a: UnsafePointer<UInt>, _ b: UnsafePointer<UInt>,
        scratch u: UnsafeMutablePointer<UInt>
    ) {
        let m = modulus.base, m0 = inverseNegated
        switch count {  // public
        case 16: Self.multiply16(r, a, b, m, m0)
        case 24: Self.multiply24(r, a, b, m, m0)
        case 32: Self.multiply32(r, a, b, m, m0)
        default: subtractModulus(r, u + count, carry: multiplyColumns(a, b, u))
        }
    }

    /// r = a²·R⁻¹ mod m, as `multiply` with each cross product a_i·a_j (i < j) formed once and doubled
    /// (HAC 14.16). r may alias a.
    @inline(__always)
    func square(_ r: UnsafeMutablePointer<UInt>, _ a: UnsafePointer<UInt>, scratch u: UnsafeMutablePointer<UInt>) {
        let m = modulus.base, m0 = inverseNegated
        switch count {  // public
        case 16: Self.square16(r, a, m, m0)
        case 24: Self.square24(r, a, m, m0)
        case 32: Self.square32(r, a, m, m0)
        default: subtractModulus(r, u + count, carry: squareColumns(a, u))
        }
    }

    /// The columns of `multiply` as loops, for any width: REDC(a·b) before its final subtraction goes
    /// to u[k..<2k]; returns the carry above it.
    func multiplyColumns(_ a: UnsafePointer<UInt>, _ b: UnsafePointer<UInt>, _ u: UnsafeMutablePointer<UInt>) -> UInt {
        let k = count, m = modulus.base, m0 = inverseNegated
        var sum = ColumnSum()
        // Columns 0..<k: a·b terms and u·m terms below the diagonal, then u_i chosen to clear the column.
        for i in 0..<k {
            for j in 0..<i {
                sum.add(a[j], b[i &- j])
                sum.add(u[j], m[i &- j])
            }
            sum.add(a[i], b[0])
            u[i] = sum.low &* m0
            sum.add(u[i], m[0])
            sum.shift()
        }
        // Columns k..<2k: the rest of both products; each column is one limb of the result.
        return finish(sum: &sum, u: u) { sum, i in
            for j in (i &- k &+ 1)..<k { sum.add(a[j], b[i &- j]) }
        }
    }

    /// The columns of `square` as loops, for any width (as `multiplyColumns`).
    func squareColumns(_ a: UnsafePointer<UInt>, _ u: UnsafeMutablePointer<UInt>) -> UInt {
        let k = count, m = modulus.base, m0 = inverseNegated
        var sum = ColumnSum()
        for i in 0..<k {
            sum.addSquareColumn(a, column: i, from: 0)
            for j in 0..<i { sum.add(u[j], m[i &- j]) }
            u[i] = sum.low &* m0
            sum.add(u[i], m[0])
            sum.shift()
        }
        return finish(sum: &sum, u: u) { sum, i in
            sum.addSquareColumn(a, column: i, from: i &- k &+ 1)
        }
    }

    /// Columns k..<2k of a product-scanning Montgomery multiplication: `products` adds the a-side
    /// terms of column i, this adds the u·m terms and stores the column's limb at u[i].
    @inline(__always)
    private func finish(sum: inout ColumnSum, u: UnsafeMutablePointer<UInt>, products: (inout ColumnSum, Int) -> Void)
        -> UInt
    {
        let k = count, m = modulus.base
        for i in k..<(2 * k) {
            products(&sum, i)
            for j in (i &- k &+ 1)..<k { sum.add(u[j], m[i &- j]) }
            u[i] = sum.low
            sum.shift()
        }
        return sum.low
    }

    /// r = t + carry·R reduced once: t + carry·R < 2m, so subtract m and keep the difference when
    /// t + carry·R ≥ m (carry is 0 or 1), through a mask.
    @inline(__always)
    func subtractModulus(_ r: UnsafeMutablePointer<UInt>, _ t: UnsafePointer<UInt>, carry: UInt) {
        let k = count, m = modulus.base
        let borrow = Self.subtract(r, t, m, count: k)
        Self.select(r, ifOne: r, else: t, condition: carry | (1 &- borrow), count: k)
    }

    @inline(__always)
    func ordinaryForm(_ r: UnsafeMutablePointer<UInt>, of a: UnsafePointer<UInt>, scratch: UnsafeMutablePointer<UInt>) {
        for i in 0..<(2 * count + 1) { scratch[i] = i < count ? a[i] : 0 }
        reduce(r, scratch)
    }
}
