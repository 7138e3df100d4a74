// Scalar multiplication. k·G, for signing and key generation: the precomputed multiples of G
// (P256GeneratorTable.swift), one mixed addition per signed 6-bit digit and no doubling, in Jacobian
// coordinates (X/Z², Y/Z³). That addition is not complete: it fails when the accumulator is the
// identity or when the two points are equal or opposite. The first is tracked by a mask; the others
// cannot happen for k in [0, n − 1], as `generatorMultiplied(by:)` shows, so nothing branches on k.
// u1·G + u2·Q, for verification, on public values only.

extension P256Point {
    /// k·G for k in [0, n − 1], from the generator table (P256GeneratorTable.swift): for each 6-bit
    /// window, the entry for its digit's magnitude found by a masked scan, its y negated through a mask
    /// for a negative digit, and added to the accumulator (Jacobian mixed addition); the sum is kept
    /// through a mask unless the digit is 0, and while the accumulator is still the identity the entry
    /// itself is taken instead.
    ///
    /// Why the addition never meets equal or opposite points: with digits d_l in [−32, 32] the sum of
    /// the windows below i is S_i = Σ_{l<i} d_l·2^(6l), |S_i| ≤ (32/63)·2^(6i) < 2^(6i) ≤ |d_i|·2^(6i) for
    /// d_i ≠ 0. So S_i ≠ ±d_i·2^(6i) as integers, and they are at most 33·2^(6i) apart. Below the top
    /// window (i ≤ 41) that is less than n, so the points S_i·G and ±d_i·2^(6i)·G differ too. In the top
    /// window (i = 42, d = d_42 in [0, 16] since k < 2^256), S_42 + d·2^252 = k: the points are opposite
    /// only if k ≡ 0 (mod n), and equal only if k − 2d·2^252, which lies in (−2^257, n), is 0 (excluded
    /// above), −n (k = 2d·2^252 − n for d in 8…15, whose top digit is 2(d − 8) ≠ d) or −2n (d = 16 and
    /// k = 2(2^256 − n) < 2^226, whose top digit is 0). The accumulator is the identity
    /// exactly while every digit so far is 0: the lowest nonzero digit of a zero sum would be a multiple
    /// of 64.
    /// - Timing: 43 scans of 32 entries, negations, mixed additions and masked selections, whatever k is.
    static func generatorMultiplied(by k: U256) -> P256Point {
        let f = P256Field.self
        return P256GeneratorTable.limbs.withUnsafeBufferPointer { table in
            var (x, y, z) = (U256.zero, f.one, U256.zero)
            var isIdentity = UInt.max
            for window in 0..<P256GeneratorTable.windows {
                let (magnitude, negative) = P256GeneratorTable.digit(of: k, window: window)
                let entry = P256GeneratorTable.lookup(table, window: window, digit: magnitude)
                let entryY = U256.select(valueBarrier(0 &- negative), f.negate(entry.y), entry.y)
                let sum = jacobianAddingAffine(x, y, z, entry.x, entryY)
                let zeroDigit = valueBarrier(((magnitude | (0 &- magnitude)) >> 63) &- 1)
                let keep = zeroDigit, fromEntry = isIdentity & ~zeroDigit
                x = U256.select(keep, x, U256.select(fromEntry, entry.x, sum.x))
                y = U256.select(keep, y, U256.select(fromEntry, entryY, sum.y))
                z = U256.select(keep, z, U256.select(fromEntry, f.one, sum.z))
                isIdentity &= zeroDigit
            }
            // Jacobian (X, Y, Z) is the projective (X·Z, Y, Z³): the same x = X/Z², y = Y/Z³.
            let projective = P256Point(x: f.multiply(x, z), y: y, z: f.multiply(f.square(z), z))
            return select(isIdentity, .identity, projective)
        }
    }

    /// (x1, y1, z1) + (x2, y2) in Jacobian coordinates, the second point affine (Z2 = 1): madd-2007-bl
    /// of the Explicit-Formulas Database (Bernstein and Lange), 7 multiplications and 4 squarings. Not
    /// complete: the caller rules out the identity and equal or opposite points (see above).
    /// - Timing: straight-line field arithmetic.
    @inline(__always)
    private static func jacobianAddingAffine(_ x1: U256, _ y1: U256, _ z1: U256, _ x2: U256, _ y2: U256) -> (
        x: U256, y: U256, z: U256
    ) {
        let f = P256Field.self
        let z1z1 = f.square(z1)
        let u2 = f.multiply(x2, z1z1), s2 = f.multiply(f.multiply(y2, z1), z1z1)
        return jacobianMixedSum(x1, y1, z1, z1z1: z1z1, h: f.subtract(u2, x1), sDifference: f.subtract(s2, y1))
    }

    /// The rest of madd-2007-bl once Z1², H = X2·Z1² − X1 and S2 − Y1 = Y2·Z1³ − Y1 are known (shared with
    /// verification's variable-time mixed addition, which tests H and S2 − Y1 first).
    /// - Timing: straight-line field arithmetic.
    @inline(__always)
    static func jacobianMixedSum(_ x1: U256, _ y1: U256, _ z1: U256, z1z1: U256, h: U256, sDifference: U256) -> (
        x: U256, y: U256, z: U256
    ) {
        let f = P256Field.self
        let hh = f.square(h)
        let i = f.add(f.add(hh, hh), f.add(hh, hh))
        let j = f.multiply(h, i)
        let r = f.add(sDifference, sDifference)
        let v = f.multiply(x1, i)
        let x3 = f.subtract(f.subtract(f.square(r), j), f.add(v, v))
        let y1j = f.multiply(y1, j)
        let y3 = f.subtract(f.multiply(r, f.subtract(v, x3)), f.add(y1j, y1j))
        let z3 = f.subtract(f.subtract(f.square(f.add(z1, h)), z1z1), hh)
        return (x3, y3, z3)
    }

    /// u1·G + u2·Q for public u1, u2 and Q (signature verification): u2·Q by its width-5 NAF in Jacobian
    /// coordinates (P256JacobianPoint.swift), then u1·G's table entries added to it there, one mixed
    /// addition per nonzero digit.
    /// - Timing: variable time; nothing here is secret.
    static func verificationSumVarTime(u1: U256, u2: U256, q: P256Point) -> P256Point {
        P256GeneratorTable.limbs.withUnsafeBufferPointer { table in
            var result = P256JacobianPoint.multipliedVarTime(q, by: u2)
            for window in 0..<P256GeneratorTable.windows {
                let (magnitude, negative) = P256GeneratorTable.digit(of: u1, window: window)
                guard magnitude != 0 else { continue }
                var entry = P256GeneratorTable.entryVarTime(table, window: window, digit: Int(magnitude))
                if negative == 1 { entry.y = P256Field.negate(entry.y) }
                result = result.addingAffineVarTime(x: entry.x, y: entry.y)
            }
            return result.projective
        }
    }
}
