import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT

/// k·G for published-curve scalars, computed independently (vectors/ecdsa/p256, pyca/cryptography).
private let multiples: [[String: String]] = {
    let json = Vectors.json("ecdsa/p256/generator-multiples.json")
    return (json["multiples"] as? [[String: String]]) ?? []
}()

@Suite("P256Point: the complete formulas and constant-time scalar multiplication")
struct P256PointTests {
    static func u256(_ hex: String) -> U256 { U256(bigEndian: Hex.decode(hex)) }

    @Test("k·G for every recorded k", arguments: multiples)
    func generatorMultiples(record: [String: String]) throws {
        let k = Self.u256(record["k"] ?? "")
        let point = try #require(P256Point.generator.multiplied(by: k).affine)
        #expect(Hex.encode(point.x.bigEndianBytes) == record["x"])
        #expect(Hex.encode(point.y.bigEndianBytes) == record["y"])
    }

    @Test("the generator is on the curve; n·G and 0·G are the identity; (n−1)·G = −G")
    func groupOrder() throws {
        #expect(P256Point.isOnCurveVarTime(x: P256.generatorX, y: P256.generatorY))
        #expect(P256Point.generator.multiplied(by: P256.order.m).affine == nil)
        #expect(P256Point.generator.multiplied(by: .zero).affine == nil)
        let minusOne = U256.subtract(P256.order.m, .one).difference
        let point = try #require(P256Point.generator.multiplied(by: minusOne).affine)
        #expect(U256.equalMask(point.x, P256.generatorX) != 0)
        #expect(U256.equalMask(point.y, P256.field.negate(P256.generatorY)) != 0)
    }

    @Test("no special cases: P + P = 2P, P + (−P) = O, O + P = P, O + O = O, 2·O = O")
    func completeness() throws {
        let g = P256Point.generator, o = P256Point.identity
        let twice = try #require(g.adding(g).affine), doubled = try #require(g.doubled().affine)
        #expect(U256.equalMask(twice.x, doubled.x) & U256.equalMask(twice.y, doubled.y) != 0)
        #expect(g.adding(g.negated).affine == nil)
        let same = try #require(o.adding(g).affine)
        #expect(U256.equalMask(same.x, P256.generatorX) & U256.equalMask(same.y, P256.generatorY) != 0)
        #expect(o.adding(o).affine == nil && o.doubled().affine == nil)
    }

    @Test("points off the curve, and coordinates not below p, are refused")
    func onCurve() {
        #expect(!P256Point.isOnCurveVarTime(x: P256.generatorX, y: U256.add(P256.generatorY, .one).sum))
        #expect(!P256Point.isOnCurveVarTime(x: .zero, y: .zero))
        // x + p has the same residue as x, but is not a canonical coordinate.
        let (shifted, carry) = U256.add(P256.generatorX, P256.field.m)
        #expect(carry == 1 || !P256Point.isOnCurveVarTime(x: shifted, y: P256.generatorY))
        #expect(!P256Point.isOnCurveVarTime(x: P256.field.m, y: P256.generatorY))
    }

    @Test("the table lookup returns the entry asked for") func lookup() {
        let table = (0..<16).map { P256Point(x: U256(l0: UInt($0), l1: 0, l2: 0, l3: 0), y: .one, z: .zero) }
        for index in 0..<16 { #expect(P256Point.lookup(table, index: UInt(index)).x.l0 == UInt(index)) }
    }
}
