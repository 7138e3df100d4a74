import Testing

@testable import PrivateKeyJWT
@testable import PrivateKeyJWTIFMA

@Suite("AlmostMontgomery: both products in one pass", .enabled(if: IFMAFixtures.cpuHasIFMA))
struct AlmostMontgomeryTests {
    static let r = BigNum.powerOfTwo(1040)

    static func modulus(_ m: BigNum) -> Modulus52<5> {
        let low = LimbBuffer(m, count: PrimeResidue.limbs)
        let inverse = withExtendedLifetime(low) { (0 &- MontgomeryModulus.inverse(low.base[0])) & ((1 << 52) - 1) }
        return Modulus52(
            m: IFMAFixtures.residue(of: IFMAFixtures.digits(m)), inverseNegated: Lanes(repeating: Int64(inverse)))
    }

    @Test("a·b·2^−1040 mod m, below 2m, for operands from 0 to 2m − 1, two moduli at once") func products() {
        for _ in 0..<40 {
            let p = IFMAFixtures.oddModulus(), q = IFMAFixtures.oddModulus()
            let operands = [
                (BigNum(0), BigNum(1)), (p + p - 1, p + p - 1), (BigNum(1), BigNum(1)),
                (IFMAFixtures.random(bits: 1024).modVarTime(p + p), IFMAFixtures.random(bits: 1024).modVarTime(p + p)),
            ]
            for (a, b) in operands {
                let c = b.modVarTime(q + q), d = a.modVarTime(q + q)
                let ad = IFMAFixtures.wideDigits(a), bd = IFMAFixtures.wideDigits(b)
                let cd = IFMAFixtures.wideDigits(c), dd = IFMAFixtures.wideDigits(d)
                let (x, y) = withExtendedLifetime((bd, dd)) {
                    almostMontgomeryPair(
                        IFMAFixtures.residue(of: ad), bd.base, Self.modulus(p), IFMAFixtures.residue(of: cd), dd.base,
                        Self.modulus(q))
                }
                let xv = IFMAFixtures.value(of: x), yv = IFMAFixtures.value(of: y)
                #expect(IFMAFixtures.isNormalised(x) && IFMAFixtures.isNormalised(y))
                #expect(xv < p + p && yv < q + q)
                #expect((xv * Self.r).modVarTime(p) == (a * b).modVarTime(p))
                #expect((yv * Self.r).modVarTime(q) == (c * d).modVarTime(q))
            }
        }
    }
}
