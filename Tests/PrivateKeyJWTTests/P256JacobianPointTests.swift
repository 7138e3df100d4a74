import Testing

@testable import PrivateKeyJWT

@Suite("P256JacobianPoint: verification's variable-time doubling, addition and NAF multiplication")
struct P256JacobianPointTests {
    static let g = P256Point.generator
    static let n = P256.order.m

    static func same(_ a: P256Point, _ b: P256Point) -> Bool {
        switch (a.affine, b.affine) {
        case (nil, nil): true
        case (let a?, let b?): U256.equalMask(a.x, b.x) & U256.equalMask(a.y, b.y) != 0
        default: false
        }
    }

    @Test("the conversions keep the point: projective → Jacobian → projective, the identity included")
    func conversions() {
        let p = Self.g.doubled().adding(Self.g)  // Z ≠ 1
        #expect(Self.same(P256JacobianPoint(p).projective, p))
        #expect(P256JacobianPoint(.identity).isIdentityVarTime)
        #expect(P256JacobianPoint.identity.projective.affine == nil)
    }

    @Test("doubling and addition agree with the complete formulas, and their special cases")
    func formulas() {
        let p = P256JacobianPoint(Self.g), p3 = P256JacobianPoint(Self.g.doubled().adding(Self.g))
        #expect(Self.same(p.doubledVarTime().projective, Self.g.doubled()))
        #expect(Self.same(p3.doubledVarTime().projective, Self.g.doubled().adding(Self.g).doubled()))
        #expect(Self.same(p.addingVarTime(p3).projective, Self.g.doubled().doubled()))
        #expect(Self.same(p.addingVarTime(p).projective, Self.g.doubled()))  // equal points: doubled
        #expect(p.addingVarTime(p.negated).isIdentityVarTime)
        #expect(Self.same(P256JacobianPoint.identity.addingVarTime(p3).projective, p3.projective))
        #expect(Self.same(p3.addingVarTime(.identity).projective, p3.projective))
        #expect(P256JacobianPoint.identity.doubledVarTime().isIdentityVarTime)
    }

    @Test("the mixed addition of an affine point agrees with the complete formulas, and its special cases")
    func mixedAddition() {
        let (gx, gy) = (Self.g.x, Self.g.y)  // the generator's z is 1: its x and y are affine
        let p3 = P256JacobianPoint(Self.g.doubled().adding(Self.g))
        let four = Self.g.doubled().doubled()
        #expect(Self.same(p3.addingAffineVarTime(x: gx, y: gy).projective, four))
        #expect(Self.same(P256JacobianPoint(Self.g).addingAffineVarTime(x: gx, y: gy).projective, Self.g.doubled()))
        #expect(P256JacobianPoint(Self.g).addingAffineVarTime(x: gx, y: P256Field.negate(gy)).isIdentityVarTime)
        #expect(Self.same(P256JacobianPoint.identity.addingAffineVarTime(x: gx, y: gy).projective, Self.g))
    }

    @Test("the NAF: digits 0 or odd below 16 in size, four zeros after each nonzero one, summing to k")
    func nonAdjacentForm() {
        let samples: [U256] = [
            .one, U256(l0: 31, l1: 0, l2: 0, l3: 0), U256(l0: .max, l1: .max, l2: .max, l3: .max),
            U256.subtract(Self.n, .one).difference, U256(l0: 0x5555, l1: 0xAAAA, l2: 0, l3: 1 << 63),
        ]
        for k in samples {
            let digits = P256JacobianPoint.nonAdjacentFormVarTime(k)
            var sum = BigNum(0)
            for digit in digits.reversed() {
                sum = sum + sum
                sum = digit >= 0 ? sum + BigNum(UInt(digit)) : sum - BigNum(UInt(-digit))
            }
            #expect(sum == BigNum(octets: k.bigEndianBytes))
            #expect(digits.allSatisfy { $0 == 0 || ($0 & 1 == 1 && abs($0) < 16) })
            for (index, digit) in digits.enumerated() where digit != 0 {
                #expect(digits[(index + 1)..<min(index + 5, digits.count)].allSatisfy { $0 == 0 })
            }
        }
        #expect(P256JacobianPoint.nonAdjacentFormVarTime(.zero).isEmpty)
    }

    @Test("k·P by the NAF is the reference's k·P, 0, 1, n − 1 and n included")
    func multiplication() {
        let q = Self.g.referenceMultiple(by: U256(l0: 0xDEAD_BEEF, l1: 7, l2: 0, l3: 0x1234))
        let scalars: [U256] = [
            .zero, .one, U256(l0: 16, l1: 0, l2: 0, l3: 0), U256.subtract(Self.n, .one).difference, Self.n,
            U256(l0: 0xF0F0_F0F0_0F0F_0F0F, l1: 0x1234_5678_9ABC_DEF0, l2: .max, l3: 0x0FED_CBA9_8765_4321),
        ]
        for k in scalars {
            #expect(Self.same(P256JacobianPoint.multipliedVarTime(q, by: k).projective, q.referenceMultiple(by: k)))
        }
    }
}
