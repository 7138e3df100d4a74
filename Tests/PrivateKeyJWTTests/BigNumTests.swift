import Foundation
import Testing

@testable import PrivateKeyJWT

@Suite("BigNum: the one owner of an mpz_t")
struct BigNumTests {
    @Test("width, sign, limb count, parity and bits of known values") func properties() {
        #expect(BigNum(0).bitWidth == 0 && BigNum(0).sign == 0 && BigNum(0).limbCount == 0)
        #expect(BigNum(1).bitWidth == 1 && BigNum(255).bitWidth == 8 && BigNum.powerOfTwo(64).bitWidth == 65)
        #expect(BigNum.powerOfTwo(64).limbCount == 2 && BigNum(UInt.max).limbCount == 1)
        #expect(BigNum(7).isOdd && !BigNum(8).isOdd)
        #expect((BigNum(1) - BigNum(2)).sign == -1 && BigNum(5).sign == 1)
        #expect(BigNum.powerOfTwo(100).testBitVarTime(100) && !BigNum.powerOfTwo(100).testBitVarTime(99))
    }

    @Test("comparison is a total order, with UInt operands too") func comparison() {
        let values = [BigNum(1) - BigNum(3), BigNum(0), BigNum(2), BigNum.powerOfTwo(80)]
        for (i, a) in values.enumerated() {
            for (j, b) in values.enumerated() {
                #expect(a.compareVarTime(b) == (i < j ? -1 : i == j ? 0 : 1))
                #expect((a < b) == (i < j) && (a == b) == (i == j))
            }
        }
        #expect(BigNum(5).compareVarTime(UInt(5)) == 0 && BigNum(5).compareVarTime(UInt(6)) == -1)
    }
}
