// Scalar multiplication. k·P for a secret k and any point: a fixed 4-bit window (HAC 14.82 with k = 4
// carried to point addition), every window 4 doublings and one addition, the table entry read by
// scanning all 16 entries through masks. k·G, for signing and key generation: the precomputed multiples
// of G (P256GeneratorTable.swift), one mixed addition per signed 6-bit digit and no doubling. The complete formulas
// (P256Point.swift) make a zero digit, the identity and equal points ordinary inputs, so nothing
// branches on the scalar.

extension P256Point {
    /// k·self for any k below 2^256.
    /// - Timing: 15 additions for the table, then 64 windows of 4 doublings, a 16-entry table scan and
    ///   one addition, whatever k and the point are.
    func multiplied(by k: U256) -> P256Point {
        var table = [P256Point](repeating: .identity, count: 16)
        table[1] = self
        for i in 2..<16 { table[i] = table[i - 1].adding(self) }
        var result = P256Point.identity
        for window in stride(from: 63, through: 0, by: -1) {
            for _ in 0..<4 { result = result.doubled() }
            result = result.adding(Self.lookup(table, index: k.bits(from: 4 * window, count: 4)))
        }
        return result
    }

    /// table[index], reading every entry and keeping one through a mask.
    /// - Timing: all 16 entries are read whatever `index` is.
    @inline(__always)
    static func lookup(_ table: [P256Point], index: UInt) -> P256Point {
        var found = P256Point(x: .zero, y: .zero, z: .zero)
        for (entry, point) in table.enumerated() {
            let d = UInt(entry) ^ index
            let mask = valueBarrier(((d | (0 &- d)) >> 63) &- 1)
            found = P256Point(
                x: or(found.x, U256.select(mask, point.x, .zero)), y: or(found.y, U256.select(mask, point.y, .zero)),
                z: or(found.z, U256.select(mask, point.z, .zero)))
        }
        return found
    }

    @inline(__always)
    private static func or(_ a: U256, _ b: U256) -> U256 {
        U256(l0: a.l0 | b.l0, l1: a.l1 | b.l1, l2: a.l2 | b.l2, l3: a.l3 | b.l3)
    }

    /// k·G for any k below 2^256, from the generator table (P256GeneratorTable.swift): for each 6-bit
    /// window, the entry for its digit's magnitude found by a masked scan, its y negated through a mask
    /// for a negative digit, and added (complete mixed addition); the sum is kept through a mask unless
    /// the magnitude is 0.
    /// - Timing: 43 scans of 32 entries, negations and mixed additions, whatever k is.
    static func generatorMultiplied(by k: U256) -> P256Point {
        P256GeneratorTable.limbs.withUnsafeBufferPointer { table in
            var result = P256Point.identity
            for window in 0..<P256GeneratorTable.windows {
                let (magnitude, negative) = P256GeneratorTable.digit(of: k, window: window)
                let entry = P256GeneratorTable.lookup(table, window: window, digit: magnitude)
                let y = U256.select(valueBarrier(0 &- negative), P256Field.negate(entry.y), entry.y)
                let sum = result.adding(affineX: entry.x, y: y)
                let zeroDigit = valueBarrier(((magnitude | (0 &- magnitude)) >> 63) &- 1)
                result = select(zeroDigit, result, sum)
            }
            return result
        }
    }

    /// k·G for a public k, from the generator table: zero digits skipped, entries read directly.
    /// - Timing: variable time in k.
    static func generatorMultipliedVarTime(by k: U256) -> P256Point {
        P256GeneratorTable.limbs.withUnsafeBufferPointer { table in
            var result = P256Point.identity
            for window in 0..<P256GeneratorTable.windows {
                let (magnitude, negative) = P256GeneratorTable.digit(of: k, window: window)
                guard magnitude != 0 else { continue }
                var entry = P256GeneratorTable.entryVarTime(table, window: window, digit: Int(magnitude))
                if negative == 1 { entry.y = P256Field.negate(entry.y) }
                result = result.adding(affineX: entry.x, y: entry.y)
            }
            return result
        }
    }

    /// u1·G + u2·Q for public u1, u2 and Q (signature verification): u1·G from the table, u2·Q by its
    /// width-5 NAF in Jacobian coordinates (P256JacobianPoint.swift).
    /// - Timing: variable time; nothing here is secret.
    static func verificationSumVarTime(u1: U256, u2: U256, q: P256Point) -> P256Point {
        generatorMultipliedVarTime(by: u1).adding(P256JacobianPoint.multipliedVarTime(q, by: u2).projective)
    }
}
