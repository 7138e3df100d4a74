import Testing

@testable import PrivateKeyJWT

@Suite("P256Field: p-shaped Montgomery arithmetic against BigNum (GMP) and the generic Modulus256")
struct P256FieldTests {
    static func big(_ x: U256) -> BigNum { BigNum(octets: x.bigEndianBytes) }
    static let p = big(P256Field.p)

    /// Field256Tests' samples below p, and values whose rows carry into the top limb.
    static let samples: [U256] =
        Field256Tests.samples(below: P256Field.p) + [
            U256(l0: 0, l1: 0xFFFF_FFFF_0000_0000, l2: .max, l3: 0xFFFF_FFFF_0000_0000),
            U256(l0: .max, l1: .max, l2: .max, l3: 0xFFFF_FFFE_FFFF_FFFF),
        ]

    @Test("add, subtract, negate, multiply and square agree with GMP and Modulus256 on every pair")
    func arithmetic() {
        let generic = Modulus256(P256Field.p)
        for a in Self.samples {
            for b in Self.samples {
                #expect(Self.big(P256Field.add(a, b)) == (Self.big(a) + Self.big(b)).modVarTime(Self.p))
                #expect(Self.big(P256Field.subtract(a, b)) == (Self.big(a) - Self.big(b)).modVarTime(Self.p))
                let product = P256Field.multiply(a, b)
                #expect(U256.equalMask(product, generic.multiply(a, b)) != 0)
                let sum = P256Field.add(a, b)  // more squares, with carries where a and b differ
                #expect(U256.equalMask(P256Field.square(sum), generic.multiply(sum, sum)) != 0)
                let ordinary = P256Field.ordinaryForm(
                    P256Field.multiply(P256Field.montgomeryForm(a), P256Field.montgomeryForm(b)))
                #expect(Self.big(ordinary) == (Self.big(a) * Self.big(b)).modVarTime(Self.p))
            }
            #expect(Self.big(P256Field.add(a, P256Field.negate(a))) == BigNum(0))
            let square = P256Field.ordinaryForm(P256Field.square(P256Field.montgomeryForm(a)))
            #expect(Self.big(square) == (Self.big(a) * Self.big(a)).modVarTime(Self.p), "the dedicated square")
            #expect(U256.equalMask(P256Field.ordinaryForm(P256Field.montgomeryForm(a)), a) != 0)
        }
    }

    @Test("the inverse (division steps, then into Montgomery form) gives a⁻¹, and 0 gives 0")
    func inverse() {
        for a in Self.samples where a.isZeroMask == 0 {
            let inverse = P256Field.ordinaryForm(P256Field.inverse(P256Field.montgomeryForm(a)))
            #expect((Self.big(inverse) * Self.big(a)).modVarTime(Self.p) == BigNum(1))
        }
        #expect(P256Field.inverse(.zero).isZeroMask != 0)
    }

    @Test("the constants: R mod p, R² mod p, and b·R mod p")
    func constants() {
        #expect(Self.big(P256Field.one) == BigNum.powerOfTwo(256).modVarTime(Self.p))
        #expect(Self.big(P256Field.rSquared) == BigNum.powerOfTwo(512).modVarTime(Self.p))
        let b = U256(
            l0: 0x3BCE_3C3E_27D2_604B, l1: 0x651D_06B0_CC53_B0F6, l2: 0xB3EB_BD55_7698_86BC, l3: 0x5AC6_35D8_AA3A_93E7)
        #expect(U256.equalMask(P256Field.montgomeryForm(b), P256.b) != 0)
    }
}
