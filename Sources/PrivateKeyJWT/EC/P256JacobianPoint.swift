// Variable-time point arithmetic for signature verification, where every input is public. Jacobian
// coordinates (X : Y : Z) = (X/Z², Y/Z³): doubling with a = −3 costs 3 multiplications and 5 squarings
// ("dbl-2001-b", Bernstein and Lange, Explicit-Formulas Database) where the complete formula
// (P256Point.swift) costs 14; addition is "add-2007-bl" (11 and 5). With a width-5 NAF of the scalar
// (Hankerson, Menezes and Vanstone, Guide to Elliptic Curve Cryptography, Algorithm 3.35) k·P takes
// about 256 doublings and 43 additions. These formulas are not complete: the identity and equal
// points take branches, on public values only. Nothing secret may come here.

/// A point in Jacobian coordinates, in Montgomery form; the identity has Z = 0.
struct P256JacobianPoint: Sendable {
    var x: U256, y: U256, z: U256

    static let identity = P256JacobianPoint(x: P256Field.one, y: P256Field.one, z: .zero)

    init(x: U256, y: U256, z: U256) { (self.x, self.y, self.z) = (x, y, z) }

    /// The same point from projective (X : Y : Z) = (X/Z, Y/Z): (X·Z, Y·Z², Z).
    /// - Timing: straight-line, but for public points only (the file's rule).
    init(_ point: P256Point) {
        let f = P256Field.self
        let zz = f.square(point.z)
        self.init(x: f.multiply(point.x, point.z), y: f.multiply(point.y, zz), z: point.z)
    }

    /// The same point in projective coordinates: (X·Z, Y, Z³); the identity stays Z = 0 with Y ≠ 0.
    /// - Timing: straight-line, but for public points only (the file's rule).
    var projective: P256Point {
        let f = P256Field.self
        return P256Point(x: f.multiply(x, z), y: y, z: f.multiply(f.square(z), z))
    }

    var isIdentityVarTime: Bool { z.isZeroMask != 0 }

    /// −self: (X : −Y : Z).
    var negated: P256JacobianPoint { P256JacobianPoint(x: x, y: P256Field.negate(y), z: z) }

    /// 2·self ("dbl-2001-b", a = −3). The identity (Z = 0) gives Z3 = 0; P-256 has no point of order 2.
    /// - Timing: straight-line, but for public points only (the file's rule).
    func doubledVarTime() -> P256JacobianPoint {
        let f = P256Field.self
        let delta = f.square(z), gamma = f.square(y)
        let beta = f.multiply(x, gamma)
        // alpha = 3(X − delta)(X + delta), which is 3X² + a·Z⁴ for a = −3.
        let product = f.multiply(f.subtract(x, delta), f.add(x, delta))
        let alpha = f.add(f.add(product, product), product)
        let beta2 = f.add(beta, beta), beta4 = f.add(beta2, beta2), beta8 = f.add(beta4, beta4)
        let x3 = f.subtract(f.square(alpha), beta8)
        let z3 = f.subtract(f.square(f.add(y, z)), f.add(gamma, delta))
        let gammaSquared = f.square(gamma)
        let gamma2 = f.add(gammaSquared, gammaSquared), gamma4 = f.add(gamma2, gamma2)
        let y3 = f.subtract(f.multiply(alpha, f.subtract(beta4, x3)), f.add(gamma4, gamma4))
        return P256JacobianPoint(x: x3, y: y3, z: z3)
    }

    /// self + q ("add-2007-bl"), with the cases the formula does not cover taken first.
    /// - Timing: variable time (branches on the identity and on equal x); public points only.
    func addingVarTime(_ q: P256JacobianPoint) -> P256JacobianPoint {
        if isIdentityVarTime { return q }
        if q.isIdentityVarTime { return self }
        let f = P256Field.self
        let z1z1 = f.square(z), z2z2 = f.square(q.z)
        let u1 = f.multiply(x, z2z2), u2 = f.multiply(q.x, z1z1)
        let s1 = f.multiply(f.multiply(y, q.z), z2z2), s2 = f.multiply(f.multiply(q.y, z), z1z1)
        let h = f.subtract(u2, u1), sDifference = f.subtract(s2, s1)
        if h.isZeroMask != 0 {
            // Equal x: the same point (double it) or its negative (the sum is the identity).
            return sDifference.isZeroMask != 0 ? doubledVarTime() : .identity
        }
        let h2 = f.add(h, h)
        let i = f.square(h2)
        let j = f.multiply(h, i)
        let r = f.add(sDifference, sDifference)
        let v = f.multiply(u1, i)
        let x3 = f.subtract(f.subtract(f.square(r), j), f.add(v, v))
        let s1j = f.multiply(s1, j)
        let y3 = f.subtract(f.multiply(r, f.subtract(v, x3)), f.add(s1j, s1j))
        let z3 = f.multiply(f.subtract(f.square(f.add(z, q.z)), f.add(z1z1, z2z2)), h)
        return P256JacobianPoint(x: x3, y: y3, z: z3)
    }

    /// self + (x2, y2) for an affine point in Montgomery form ("madd-2007-bl": 7 multiplications and 4
    /// squarings), with the cases the formula does not cover taken first.
    /// - Timing: variable time (branches on the identity and on equal x); public points only.
    func addingAffineVarTime(x x2: U256, y y2: U256) -> P256JacobianPoint {
        let f = P256Field.self
        if isIdentityVarTime { return P256JacobianPoint(x: x2, y: y2, z: f.one) }
        let z1z1 = f.square(z)
        let u2 = f.multiply(x2, z1z1), s2 = f.multiply(f.multiply(y2, z), z1z1)
        let h = f.subtract(u2, x), sDifference = f.subtract(s2, y)
        if h.isZeroMask != 0 {
            return sDifference.isZeroMask != 0 ? doubledVarTime() : .identity
        }
        let sum = P256Point.jacobianMixedSum(x, y, z, z1z1: z1z1, h: h, sDifference: sDifference)
        return P256JacobianPoint(x: sum.x, y: sum.y, z: sum.z)
    }

    /// The width-5 NAF of k, least significant digit first: digits 0 or odd in −15…15, a nonzero one
    /// followed by at least four zeros (Guide to ECC, Algorithm 3.35).
    /// - Timing: variable time in k.
    static func nonAdjacentFormVarTime(_ k: U256) -> [Int] {
        var digits: [Int] = []
        digits.reserveCapacity(257)
        var k = k
        var top: UInt = 0  // bit 256, which k + 15 may set
        while k.isZeroMask == 0 || top != 0 {
            var digit = 0
            if k.l0 & 1 == 1 {
                digit = Int(k.l0 & 31)
                if digit >= 16 { digit -= 32 }
                // k − digit: a subtraction for a positive digit, an addition for a negative one.
                if digit > 0 {
                    k = U256.subtract(k, U256(l0: UInt(digit), l1: 0, l2: 0, l3: 0)).difference
                } else {
                    let (sum, carry) = U256.add(k, U256(l0: UInt(-digit), l1: 0, l2: 0, l3: 0))
                    (k, top) = (sum, top | carry)
                }
            }
            digits.append(digit)
            k = U256(
                l0: (k.l0 >> 1) | (k.l1 << 63), l1: (k.l1 >> 1) | (k.l2 << 63), l2: (k.l2 >> 1) | (k.l3 << 63),
                l3: (k.l3 >> 1) | (top << 63))
            top = 0
        }
        return digits
    }

    /// k·point for a public k and point: the odd multiples P, 3P, …, 15P, then the NAF's digits from
    /// the top, a doubling each and an addition (or subtraction) for each nonzero digit.
    /// - Timing: variable time in k and the point; public inputs only.
    static func multipliedVarTime(_ point: P256Point, by k: U256) -> P256JacobianPoint {
        let p = P256JacobianPoint(point)
        let twice = p.doubledVarTime()
        var odd = [p]
        for _ in 1..<8 { odd.append(odd[odd.count - 1].addingVarTime(twice)) }
        var result = P256JacobianPoint.identity
        for digit in nonAdjacentFormVarTime(k).reversed() {
            if !result.isIdentityVarTime { result = result.doubledVarTime() }
            if digit > 0 { result = result.addingVarTime(odd[digit / 2]) }
            if digit < 0 { result = result.addingVarTime(odd[-digit / 2].negated) }
        }
        return result
    }
}
