// Points of P-256 (SP 800-186 §3.2.1.3: y² = x³ − 3x + b over GF(p)) in projective coordinates
// (X:Y:Z) = (X/Z, Y/Z), the identity (0:1:0), with the complete formulas of Renes, Costello and
// Batina, "Complete addition formulas for prime order elliptic curves" (EUROCRYPT 2016), for a = −3:
// Algorithm 4 adds any two points, the identity and equal points included, and Algorithm 5 adds an
// affine point (the generator table's entries) to any point. No input takes another path. The signer's
// k·G adds table entries in Jacobian coordinates instead (P256ScalarMultiplication.swift says why that
// is safe there), and verification doubles in Jacobian coordinates (P256JacobianPoint.swift).

/// The curve's constants (SP 800-186 §3.2.1.3; SEC 2 v2 §2.4.2).
enum P256 {
    /// n, the order of the generator.
    static let order = Modulus256(
        U256(l0: 0xF3B9_CAC2_FC63_2551, l1: 0xBCE6_FAAD_A717_9E84, l2: 0xFFFF_FFFF_FFFF_FFFF, l3: 0xFFFF_FFFF_0000_0000)
    )
    /// b in Montgomery form (b·2^256 mod p, b = 0x5AC635D8…27D2604B).
    static let b = U256(
        l0: 0xD89C_DF62_29C4_BDDF, l1: 0xACF0_05CD_7884_3090, l2: 0xE5A2_20AB_F721_2ED6, l3: 0xDC30_061D_0487_4834)
    static let generatorX = U256(
        l0: 0xF4A1_3945_D898_C296, l1: 0x7703_7D81_2DEB_33A0, l2: 0xF8BC_E6E5_63A4_40F2, l3: 0x6B17_D1F2_E12C_4247)
    static let generatorY = U256(
        l0: 0xCBB6_4068_37BF_51F5, l1: 0x2BCE_3357_6B31_5ECE, l2: 0x8EE7_EB4A_7C0F_9E16, l3: 0x4FE3_42E2_FE1A_7F9B)
}

/// A point with coordinates in Montgomery form.
struct P256Point: Sendable {
    var x: U256, y: U256, z: U256

    static let identity = P256Point(x: .zero, y: P256Field.one, z: .zero)
    static let generator = P256Point(affineX: P256.generatorX, y: P256.generatorY)

    /// The point (x, y) for ordinary coordinates below p; the caller has checked it is on the curve.
    init(affineX x: U256, y: U256) {
        let f = P256Field.self
        self.init(x: f.montgomeryForm(x), y: f.montgomeryForm(y), z: f.one)
    }

    init(x: U256, y: U256, z: U256) { (self.x, self.y, self.z) = (x, y, z) }

    /// True when x, y < p satisfy y² = x³ − 3x + b (SP 800-186 §3.2.1.3).
    /// - Timing: variable time in nothing but the comparison's result; coordinates are public.
    static func isOnCurveVarTime(x: U256, y: U256) -> Bool {
        let f = P256Field.self
        guard U256.lessThanMask(x, f.p) != 0, U256.lessThanMask(y, f.p) != 0 else { return false }
        let (mx, my) = (f.montgomeryForm(x), f.montgomeryForm(y))
        let x3 = f.multiply(f.square(mx), mx)
        let threeX = f.add(f.add(mx, mx), mx)
        let right = f.add(f.subtract(x3, threeX), P256.b)
        return U256.equalMask(f.square(my), right) != 0
    }

    /// All ones for the identity (Z = 0), else zero.
    var isIdentityMask: UInt { z.isZeroMask }

    /// self + q (RCB16 Algorithm 4, a = −3): 12 multiplications, complete.
    /// - Timing: straight-line field arithmetic.
    func adding(_ q: P256Point) -> P256Point {
        let f = P256Field.self
        let xx = f.multiply(x, q.x), yy = f.multiply(y, q.y), zz = f.multiply(z, q.z)
        // The cross sums X1Y2 + X2Y1, Y1Z2 + Y2Z1 and X1Z2 + X2Z1, one multiplication each.
        let xy = f.subtract(f.multiply(f.add(x, y), f.add(q.x, q.y)), f.add(xx, yy))
        let yz = f.subtract(f.multiply(f.add(y, z), f.add(q.y, q.z)), f.add(yy, zz))
        let xz = f.subtract(f.multiply(f.add(x, z), f.add(q.x, q.z)), f.add(xx, zz))
        return Self.combine(xx: xx, yy: yy, zz: zz, xy: xy, yz: yz, xz: xz)
    }

    /// self + (x, y) for an affine point in Montgomery form (RCB16 Algorithm 5, the mixed addition:
    /// Algorithm 4 with Z2 = 1): complete for any self, the identity included; (x, y) is never the
    /// identity, which affine coordinates cannot name. 11 multiplications and the two by b.
    /// - Timing: straight-line field arithmetic.
    func adding(affineX qx: U256, y qy: U256) -> P256Point {
        let f = P256Field.self
        let xx = f.multiply(x, qx), yy = f.multiply(y, qy)
        let xy = f.subtract(f.multiply(f.add(x, y), f.add(qx, qy)), f.add(xx, yy))
        // With Z2 = 1: Y1Z2 + Y2Z1 = Y1 + Y2·Z1 and X1Z2 + X2Z1 = X1 + X2·Z1, and ZZ = Z1.
        let yz = f.add(f.multiply(qy, z), y), xz = f.add(f.multiply(qx, z), x)
        return Self.combine(xx: xx, yy: yy, zz: z, xy: xy, yz: yz, xz: xz)
    }

    /// The rest of Algorithm 4 from the products XX, YY, ZZ and the cross sums (with a = −3 and b3 = 3b
    /// written out as additions):
    ///   X3 = (YY + 3W)·XY − YZ·3V,   Y3 = (YY + 3W)(YY − 3W) + (3XX − 3ZZ)·3V,
    ///   Z3 = (YY − 3W)·YZ + XY·(3XX − 3ZZ),   where W = XZ − b·ZZ and V = b·XZ − 3ZZ − XX.
    @inline(__always)
    private static func combine(xx: U256, yy: U256, zz: U256, xy: U256, yz: U256, xz: U256) -> P256Point {
        let f = P256Field.self
        let w = f.subtract(xz, f.multiply(P256.b, zz))
        let w3 = f.add(f.add(w, w), w)
        let yyMinus = f.subtract(yy, w3), yyPlus = f.add(yy, w3)
        let zz3 = f.add(f.add(zz, zz), zz)
        let v = f.subtract(f.multiply(P256.b, xz), f.add(zz3, xx))
        let v3 = f.add(f.add(v, v), v)
        let xx3MinusZZ3 = f.subtract(f.add(f.add(xx, xx), xx), zz3)
        return P256Point(
            x: f.subtract(f.multiply(yyPlus, xy), f.multiply(yz, v3)),
            y: f.add(f.multiply(yyPlus, yyMinus), f.multiply(xx3MinusZZ3, v3)),
            z: f.add(f.multiply(yyMinus, yz), f.multiply(xy, xx3MinusZZ3)))
    }

    /// The ordinary affine coordinates, or nil for the identity.
    /// - Timing: as `affineCoordinates`; the only branch is on the identity, after the arithmetic.
    var affine: (x: U256, y: U256)? {
        let point = affineCoordinates
        return isIdentityMask != 0 ? nil : point
    }

    /// The ordinary affine coordinates; (0, 0) for the identity (Z = 0 has the inverse 0 here).
    /// - Timing: one field inversion (fixed exponent) and two multiplications.
    var affineCoordinates: (x: U256, y: U256) {
        let f = P256Field.self
        let zInverse = f.inverse(z)
        return (x: f.ordinaryForm(f.multiply(x, zInverse)), y: f.ordinaryForm(f.multiply(y, zInverse)))
    }

    /// Whether x mod n = r for this point's affine x, given r < n and a point that is not the identity,
    /// without an inversion: x = X/Z, so the test is X = c·Z for the candidates c = r and, where
    /// r + n < p, c = r + n (x < p < 2n leaves no other).
    /// - Timing: variable time; for verification's public point and r.
    func affineXModOrderIsVarTime(_ r: U256) -> Bool {
        let f = P256Field.self
        if U256.equalMask(f.multiply(f.montgomeryForm(r), z), x) != 0 { return true }
        let (shifted, carry) = U256.add(r, P256.order.m)
        guard carry == 0, U256.lessThanMask(shifted, f.p) != 0 else { return false }
        return U256.equalMask(f.multiply(f.montgomeryForm(shifted), z), x) != 0
    }

    /// mask == all ones ? a : b.
    @inline(__always)
    static func select(_ mask: UInt, _ a: P256Point, _ b: P256Point) -> P256Point {
        P256Point(x: U256.select(mask, a.x, b.x), y: U256.select(mask, a.y, b.y), z: U256.select(mask, a.z, b.z))
    }
}
