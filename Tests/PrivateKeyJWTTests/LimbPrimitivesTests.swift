import Foundation
import Testing

@testable import PrivateKeyJWT

/// The limb primitives against GMP's integers: random and edge limb vectors (all zeros, all ones,
/// equal operands), every width the kernels use.
@Suite("Limb primitives: masked add, subtract and select")
struct LimbPrimitivesTests {
    static let widths = [1, 2, 16, 17, 32]

    /// Pairs of operands of `count` limbs: zeros, all ones, equal, and random.
    static func pairs(count: Int) -> [(BigNum, BigNum)] {
        let ones = BigNum.powerOfTwo(64 * count) - 1, zero = BigNum(0)
        let random = (0..<20).map { _ in
            (KeyFixtures.random(bits: 64 * count), KeyFixtures.random(bits: 64 * count))
        }
        return [(zero, zero), (zero, ones), (ones, zero), (ones, ones), (ones, BigNum(1))] + random
    }

    @Test("add and subtract: the sum and difference mod 2^(64·count), and the carry or borrow", arguments: widths)
    func addSubtract(count: Int) {
        let r = BigNum.powerOfTwo(64 * count)
        for (a, b) in Self.pairs(count: count) {
            let x = LimbBuffer(a, count: count), y = LimbBuffer(b, count: count), out = LimbBuffer(count: count)
            let carry = MontgomeryModulus.add(out.base, x.base, y.base, count: count)
            #expect(out.bigNum() == (a + b).modVarTime(r) && carry == (a + b >= r ? 1 : 0))
            let borrow = MontgomeryModulus.subtract(out.base, x.base, y.base, count: count)
            #expect(out.bigNum() == (a + r - b).modVarTime(r) && borrow == (a < b ? 1 : 0))
            // In place: r may alias a.
            _ = MontgomeryModulus.add(x.base, x.base, y.base, count: count)
            #expect(x.bigNum() == (a + b).modVarTime(r))
        }
    }

    @Test("select takes a for 1 and b for 0, limb by limb", arguments: widths)
    func select(count: Int) {
        for (a, b) in Self.pairs(count: count) {
            let x = LimbBuffer(a, count: count), y = LimbBuffer(b, count: count), out = LimbBuffer(count: count)
            MontgomeryModulus.select(out.base, ifOne: x.base, else: y.base, condition: 1, count: count)
            #expect(out.bigNum() == a)
            MontgomeryModulus.select(out.base, ifOne: x.base, else: y.base, condition: 0, count: count)
            #expect(out.bigNum() == b)
        }
    }

    @Test("the difference mask: all ones exactly when t + carry·R ≥ m") func differenceMask() {
        // (carry, borrow of t − m) → keep the difference?
        #expect(MontgomeryModulus.differenceMask(carry: 0, borrow: 0) == UInt.max)
        #expect(MontgomeryModulus.differenceMask(carry: 0, borrow: 1) == 0)
        #expect(MontgomeryModulus.differenceMask(carry: 1, borrow: 0) == UInt.max)
        #expect(MontgomeryModulus.differenceMask(carry: 1, borrow: 1) == UInt.max)
    }
}
