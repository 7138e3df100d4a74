// Scalar multiplication. k·G, for signing and key generation: the precomputed multiples of G
// (P256GeneratorTable.swift), one mixed addition per signed 6-bit digit and no doubling; the complete
// formulas (P256Point.swift) make a zero digit, the identity and equal points ordinary inputs, so nothing
// branches on the scalar. u1·G + u2·Q, for verification, on public values only.

extension P256Point {
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
