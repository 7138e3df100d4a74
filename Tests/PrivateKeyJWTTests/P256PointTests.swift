import TestVectors
import Testing

@testable import PrivateKeyJWT

/// The complete formulas of Renes, Costello and Batina, "Complete addition formulas for prime order
/// elliptic curves" (EUROCRYPT 2016), for a = −3: Algorithm 4 adds any two points, the identity and equal
/// points included, and Algorithm 5 adds an affine point to any point. The core's additions (Jacobian,
/// not complete) are checked against these, which share no formula with them.
extension P256Point {
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
    fileprivate static func combine(xx: U256, yy: U256, zz: U256, xy: U256, yz: U256, xz: U256) -> P256Point {
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

    /// 2·self by the complete addition (the tests' doubling; the core never doubles a projective point).
    func doubled() -> P256Point { adding(self) }

    /// −self: (X : −Y : Z).
    var negated: P256Point { P256Point(x: x, y: P256Field.negate(y), z: z) }

    /// k·self by left-to-right double-and-add on the complete formula: the tests' reference for the
    /// core's faster multiplications (variable time; test code only).
    func referenceMultiple(by k: U256) -> P256Point {
        var result = P256Point.identity
        for i in stride(from: 255, through: 0, by: -1) {
            result = result.doubled()
            if k.bitAt(i) == 1 { result = result.adding(self) }
        }
        return result
    }
}

@Suite("P256Point: the complete formulas")
struct P256PointTests {

    @Test("the generator is on the curve; n·G and 0·G are the identity; (n−1)·G = −G")
    func groupOrder() throws {
        #expect(P256Point.isOnCurveVarTime(x: P256.generatorX, y: P256.generatorY))
        #expect(P256Point.generator.referenceMultiple(by: P256.order.m).affine == nil)
        #expect(P256Point.generator.referenceMultiple(by: .zero).affine == nil)
        let minusOne = U256.subtract(P256.order.m, .one).difference
        let point = try #require(P256Point.generator.referenceMultiple(by: minusOne).affine)
        #expect(U256.equalMask(point.x, P256.generatorX) != 0)
        #expect(U256.equalMask(point.y, P256Field.negate(P256.generatorY)) != 0)
    }

    @Test("no special cases: G + G = 2G, P + (−P) = O, O + P = P, O + O = O")
    func completeness() throws {
        let g = P256Point.generator, o = P256Point.identity
        // 2G as published (vectors/ecdsa/p256's generator multiples, k = 2).
        let twice = try #require(g.adding(g).affine)
        let doubled = (
            x: U256(bigEndian: Hex.decode("7cf27b188d034f7e8a52380304b51ac3c08969e277f21b35a60b48fc47669978")),
            y: U256(bigEndian: Hex.decode("07775510db8ed040293d9ac69f7430dbba7dade63ce982299e04b79d227873d1"))
        )
        #expect(U256.equalMask(twice.x, doubled.x) & U256.equalMask(twice.y, doubled.y) != 0)
        #expect(g.adding(g.negated).affine == nil)
        let same = try #require(o.adding(g).affine)
        #expect(U256.equalMask(same.x, P256.generatorX) & U256.equalMask(same.y, P256.generatorY) != 0)
        #expect(o.adding(o).affine == nil)
    }

    @Test("points off the curve, and coordinates not below p, are refused")
    func onCurve() {
        #expect(!P256Point.isOnCurveVarTime(x: P256.generatorX, y: U256.add(P256.generatorY, .one).sum))
        #expect(!P256Point.isOnCurveVarTime(x: .zero, y: .zero))
        // x + p has the same residue as x, but is not a canonical coordinate.
        let (shifted, carry) = U256.add(P256.generatorX, P256Field.p)
        #expect(carry == 1 || !P256Point.isOnCurveVarTime(x: shifted, y: P256.generatorY))
        #expect(!P256Point.isOnCurveVarTime(x: P256Field.p, y: P256.generatorY))
    }

    @Test("x mod n = r without an inversion: the point's own x, x = r + n when x ≥ n, any Z")
    func affineXModOrder() {
        let f = P256Field.self, n = P256.order.m
        let p = P256Point.generator.doubled().adding(P256Point.generator)  // Z ≠ 1
        let x = p.affineCoordinates.x  // below n for 3G
        #expect(p.affineXModOrderIsVarTime(x))
        #expect(!p.affineXModOrderIsVarTime(U256.add(x, .one).sum))
        // A point-shaped value with x = n + 5 (a valid x of P-256 lies in [n, p) with probability
        // about 2^−128, so none is at hand), scaled by λ = 7 in X and Z.
        let large = U256.add(n, U256(l0: 5, l1: 0, l2: 0, l3: 0)).sum
        let lambda = f.montgomeryForm(U256(l0: 7, l1: 0, l2: 0, l3: 0))
        let scaled = P256Point(x: f.multiply(f.montgomeryForm(large), lambda), y: f.one, z: lambda)
        #expect(scaled.affineXModOrderIsVarTime(U256(l0: 5, l1: 0, l2: 0, l3: 0)))
        #expect(!scaled.affineXModOrderIsVarTime(U256(l0: 6, l1: 0, l2: 0, l3: 0)))
    }

    @Test("mixed addition: O + Q = Q, Q + Q = 2Q, −Q + Q = O, and P + Q as the full formula gives it")
    func mixedAddition() throws {
        let g = P256Point.generator, o = P256Point.identity
        let (gx, gy) = (g.x, g.y)  // Z = 1 in Montgomery form: g's X and Y are its affine coordinates
        let same = try #require(o.adding(affineX: gx, y: gy).affine)
        #expect(U256.equalMask(same.x, P256.generatorX) & U256.equalMask(same.y, P256.generatorY) != 0)
        let twice = try #require(g.adding(affineX: gx, y: gy).affine), doubled = try #require(g.adding(g).affine)
        #expect(U256.equalMask(twice.x, doubled.x) & U256.equalMask(twice.y, doubled.y) != 0)
        #expect(g.negated.adding(affineX: gx, y: gy).affine == nil)
        let p = g.doubled().adding(g)  // Z ≠ 1
        let mixed = try #require(p.adding(affineX: gx, y: gy).affine), full = try #require(p.adding(g).affine)
        #expect(U256.equalMask(mixed.x, full.x) & U256.equalMask(mixed.y, full.y) != 0)
    }
}
