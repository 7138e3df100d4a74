import Foundation
import Testing

@testable import PrivateKeyJWT

/// The variable-time operations on public values and during key generation, on values whose results
/// are known by hand, and the identities that tie them together on random values.
@Suite("BigNum arithmetic (variable time, named so)")
struct BigNumArithmeticTests {
    @Test("each operation on small values with known results") func known() {
        #expect(BigNum(7) + BigNum(5) == BigNum(12) && BigNum(7) - BigNum(5) == BigNum(2))
        #expect(BigNum(7) * BigNum(5) == BigNum(35) && BigNum(7) + 5 == BigNum(12) && BigNum(7) - 5 == BigNum(2))
        #expect(BigNum(5) - BigNum(7) < BigNum(0) && (BigNum(5) - BigNum(7)).magnitudeVarTime() == BigNum(2))
        #expect(BigNum(17).modVarTime(BigNum(5)) == BigNum(2) && BigNum(17).modVarTime(UInt(5)) == 2)
        #expect((BigNum(3) - BigNum(17)).modVarTime(BigNum(5)) == BigNum(1), "mod is never negative")
        #expect(BigNum(17).dividedVarTime(by: BigNum(5)) == BigNum(3))
        #expect(BigNum(3).powerVarTime(BigNum(200), modulus: BigNum(7)) == BigNum(2), "3^200 = (3^6)^33 · 3^2")
        #expect(BigNum(12).gcdVarTime(BigNum(18)) == BigNum(6) && BigNum(12).lcmVarTime(BigNum(18)) == BigNum(36))
        #expect(BigNum(3).inverseVarTime(modulus: BigNum(7)) == BigNum(5))
        #expect(BigNum(6).inverseVarTime(modulus: BigNum(9)) == nil, "no inverse when gcd > 1")
        #expect(BigNum(5).shiftedLeftVarTime(3) == BigNum(40) && BigNum(40).shiftedRightVarTime(3) == BigNum(5))
        #expect(BigNum(40).trailingZeroBitCountVarTime() == 3 && BigNum(1).trailingZeroBitCountVarTime() == 0)
        #expect(BigNum.powerOfTwo(70) == BigNum(1).shiftedLeftVarTime(70))
        #expect(BigNum(343).isPerfectPowerVarTime && !BigNum(344).isPerfectPowerVarTime)
    }

    @Test("identities on random 2048-bit values") func identities() throws {
        for _ in 0..<20 {
            let a = KeyFixtures.random(bits: 2048), b = KeyFixtures.random(bits: 1024) + 1
            let (quotient, remainder) = (a.dividedVarTime(by: b), a.modVarTime(b))
            #expect(quotient * b + remainder == a && remainder < b, "a = q·b + r, r < b")
            let g = a.gcdVarTime(b)
            #expect(a.modVarTime(g) == BigNum(0) && b.modVarTime(g) == BigNum(0), "gcd divides both")
            #expect(g * a.lcmVarTime(b) == a * b, "gcd · lcm = a · b")
            if let inverse = a.inverseVarTime(modulus: b) {
                #expect((a * inverse).modVarTime(b) == BigNum(1).modVarTime(b), "a · a⁻¹ ≡ 1")
            } else {
                #expect(g != BigNum(1), "an inverse is missing only when gcd > 1")
            }
            let shift = Int(a.modVarTime(UInt(300)))
            #expect(a.shiftedLeftVarTime(shift).shiftedRightVarTime(shift) == a)
        }
    }
}
