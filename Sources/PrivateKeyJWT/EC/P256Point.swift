// Points of P-256 (SP 800-186 §3.2.1.3: y² = x³ − 3x + b over GF(p)) in projective coordinates
// (X:Y:Z) = (X/Z, Y/Z), the identity (0:1:0): the form k·G is returned in and keys hold their points in.
// The additions are elsewhere: k·G's constant-time Jacobian mixed additions in
// P256ScalarMultiplication.swift, verification's variable-time Jacobian ones in P256JacobianPoint.swift.
// The tests check both against the complete formulas of Renes, Costello and Batina (EUROCRYPT 2016),
// kept test-side as the reference.

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
