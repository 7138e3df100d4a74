// Fixed-window modular exponentiation in constant time (HAC 14.82 with k = 5, every window the same
// width and always multiplied in; the table entry read by scanning all 32 entries through masks, as
// BearSSL's br_i31_modpow and Go's bigmod do), in the Montgomery domain of `MontgomeryModulus`.

extension MontgomeryModulus {
    /// Window width in bits: 32 table entries (HAC 14.82 with k = 5).
    package static let windowBits = 5

    /// r = base^e · R mod m (the Montgomery form of base^e), for `montgomeryBase` = base·R mod m and
    /// an exponent of `exponent.count` limbs taken as exactly 64·exponent.count bits (a public
    /// length, so leading zero bits cost what one bits cost).
    /// - Timing: 15 squarings and 15 multiplications for the table, then for the ⌈64·exponent.count / 5⌉
    ///   windows one table scan each, and for all but the top window 5 squarings and 1 multiplication,
    ///   whatever the exponent; the bits select table entries only through masks.
    func power(_ result: LimbBuffer, montgomeryBase base: LimbBuffer, exponent: LimbBuffer) {
        let k = count, w = Self.windowBits, entries = 1 << w
        let table = LimbBuffer(count: entries * k), scratch = LimbBuffer(count: 2 * k + 1), entry = LimbBuffer(count: k)
        // The buffers outlive every pointer taken from them below.
        withExtendedLifetime((table, scratch, entry, base, result, exponent)) {
            power(result.base, base.base, exponent, table: table.base, entry: entry.base, scratch: scratch.base)
        }
    }

    @inline(__always)
    private func power(
        _ r: UnsafeMutablePointer<UInt>, _ montgomeryBase: UnsafePointer<UInt>, _ exponent: LimbBuffer,
        table t: UnsafeMutablePointer<UInt>, entry: UnsafeMutablePointer<UInt>, scratch s: UnsafeMutablePointer<UInt>
    ) {
        let k = count, w = Self.windowBits, entries = 1 << w
        // table[i] = base^i · R: table[0] = R mod m = REDC(R²), table[1] = base·R, then each even entry
        // the square of its half and each odd one the product of its predecessor and base.
        ordinaryForm(t, of: rSquared.base, scratch: s)
        (t + k).update(from: montgomeryBase, count: k)
        for i in 2..<entries {
            if i % 2 == 0 {
                square(t + i * k, t + (i / 2) * k, scratch: s)
            } else {
                multiply(t + i * k, t + (i - 1) * k, montgomeryBase, scratch: s)
            }
        }
        let bits = 64 * exponent.count
        let windows = (bits + w - 1) / w
        // The top window (bits mod w bits, or w) starts r; each later one squares w times, then multiplies.
        let top = windows - 1
        Self.lookup(
            r, table: t, index: Self.bits(of: exponent, from: top * w, count: bits - top * w), entries: entries,
            count: k)
        for window in stride(from: top - 1, through: 0, by: -1) {
            for _ in 0..<w { square(r, r, scratch: s) }
            let digit = Self.bits(of: exponent, from: window * w, count: w)
            Self.lookup(entry, table: t, index: digit, entries: entries, count: k)
            multiply(r, r, entry, scratch: s)
        }
    }

    /// `count` bits of `exponent` from bit `start` (both public), as a number.
    /// - Timing: reads the limbs at public positions; the value is never used as a branch or index.
    @inline(__always)
    package static func bits(of exponent: LimbBuffer, from start: Int, count: Int) -> UInt {
        let limb = start / 64, offset = start % 64
        var value = exponent.base[limb] >> offset
        if offset + count > 64, limb + 1 < exponent.count { value |= exponent.base[limb + 1] << (64 - offset) }
        return value & ((1 << count) - 1)
    }

    /// r = table[index], reading every entry and keeping one through a mask.
    @inline(__always)
    static func lookup(
        _ r: UnsafeMutablePointer<UInt>, table: UnsafePointer<UInt>, index: UInt, entries: Int, count: Int
    ) {
        for i in 0..<count { r[i] = 0 }
        for e in 0..<entries {
            // mask = all ones when e == index: (d | −d) has its top bit set exactly when d ≠ 0.
            let d = UInt(e) ^ index
            let mask = valueBarrier(((d | (0 &- d)) >> 63) &- 1)
            let row = table + e * count
            for i in 0..<count { r[i] |= row[i] & mask }
        }
    }
}

extension MontgomeryModulus {
    /// x^e mod m for x < m (count limbs) and a public exponent e ≥ 1, by left-to-right square and
    /// multiply (HAC 14.79) on the same kernels as `power`. x enters the domain by one multiplication
    /// by R², and leaves it in the last one: for odd e that is (x^(e−1)·R)·x·R⁻¹ = x^e, otherwise a
    /// multiplication by 1.
    /// - Timing: variable time in e (which squarings are followed by a multiplication), which must be
    ///   public; each operation is constant time in x and m.
    func powerVarTime(_ x: LimbBuffer, publicExponent e: BigNum) -> LimbBuffer {
        precondition(x.count == count && e.sign > 0)
        let scratch = LimbBuffer(count: 2 * count + 1), base = LimbBuffer(count: count), r = LimbBuffer(count: count)
        multiply(base, x, rSquared, scratch: scratch)
        powerVarTime(r, montgomeryBase: base, publicExponent: e, lastFactor: x, scratch: scratch)
        if e.bitWidth == 1 || !e.testBitVarTime(0) {
            let one = LimbBuffer(count: count)
            one.base[0] = 1
            multiply(r, r, one, scratch: scratch)
        }
        return r
    }

    /// x^e·R mod m from x·R mod m (count limbs), for a public exponent e ≥ 1.
    /// - Timing: as `powerVarTime(_:publicExponent:)`.
    func powerVarTime(montgomeryBase base: LimbBuffer, publicExponent e: BigNum) -> LimbBuffer {
        precondition(base.count == count && e.sign > 0)
        let scratch = LimbBuffer(count: 2 * count + 1), r = LimbBuffer(count: count)
        powerVarTime(r, montgomeryBase: base, publicExponent: e, lastFactor: base, scratch: scratch)
        return r
    }

    /// r = base^e, multiplying by `lastFactor` instead of base for e's lowest bit.
    private func powerVarTime(
        _ r: LimbBuffer, montgomeryBase base: LimbBuffer, publicExponent e: BigNum,
        lastFactor: LimbBuffer, scratch: LimbBuffer
    ) {
        r.copyLow(of: base)
        for bit in stride(from: e.bitWidth - 2, through: 0, by: -1) {
            square(r, r, scratch: scratch)
            if e.testBitVarTime(bit) { multiply(r, r, bit == 0 ? lastFactor : base, scratch: scratch) }
        }
    }
}
