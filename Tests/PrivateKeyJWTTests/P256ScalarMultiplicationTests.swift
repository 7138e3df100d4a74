import TestVectors
import Testing

@testable import PrivateKeyJWT

/// k·G for published-curve scalars, computed independently (vectors/ecdsa/p256, pyca/cryptography).
private let multiples: [[String: String]] = {
    let json = Vectors.json("ecdsa/p256/generator-multiples.json")
    return (json["multiples"] as? [[String: String]]) ?? []
}()

@Suite("P256ScalarMultiplication: k·G from the table, and u1·G + u2·Q")
struct P256ScalarMultiplicationTests {
    static func u256(_ hex: String) -> U256 { U256(bigEndian: Hex.decode(hex)) }
    static let n = P256.order.m

    /// Scalars with zero windows, full windows, and the ends of the range.
    static let scalars: [U256] = [
        .zero, .one, U256(l0: 0xF, l1: 0, l2: 0, l3: 0), U256(l0: 0, l1: 0, l2: 0, l3: 0xF000_0000_0000_0000),
        U256(l0: .max, l1: .max, l2: .max, l3: .max), U256.subtract(n, .one).difference, n,
        U256(l0: 0xF0F0_F0F0_0F0F_0F0F, l1: 0x1234_5678_9ABC_DEF0, l2: 0, l3: 0x0FED_CBA9_8765_4321),
    ]

    static func same(_ a: P256Point, _ b: P256Point) -> Bool {
        switch (a.affine, b.affine) {
        case (nil, nil): true
        case (let a?, let b?): U256.equalMask(a.x, b.x) & U256.equalMask(a.y, b.y) != 0
        default: false
        }
    }

    @Test("k·G from the table and by the reference, for every recorded k", arguments: multiples)
    func generatorMultiples(record: [String: String]) throws {
        let k = Self.u256(record["k"] ?? "")
        let products = [P256Point.generator.referenceMultiple(by: k), P256Point.generatorMultiplied(by: k)]
        for point in products {
            let affine = try #require(point.affine)
            #expect(Hex.encode(affine.x.bigEndianBytes) == record["x"])
            #expect(Hex.encode(affine.y.bigEndianBytes) == record["y"])
        }
    }

    @Test("the table's k·G is the reference's for k in [0, n − 1], zero digits and n − 1 included")
    func tableAgreesWithReference() {
        for k in Self.scalars where U256.lessThanMask(k, Self.n) != 0 {
            let windows = P256Point.generator.referenceMultiple(by: k)
            #expect(Self.same(P256Point.generatorMultiplied(by: k), windows))
        }
    }

    /// The scalars nearest the cases the Jacobian addition cannot take (P256ScalarMultiplication.swift):
    /// 2d·2^252 − n for d in 8…15 and 2(2^256 − n) (equal points, had the top digit been d or 16), single
    /// windows 2^(6i) (the identity accumulator until the last window), and d·2^252 (the top window alone).
    static let boundaryScalars: [U256] = {
        var out = [U256]()
        for d in UInt(8)...15 {
            out.append(U256.subtract(U256(l0: 0, l1: 0, l2: 0, l3: (2 * d) << 60), n).difference)
        }
        for i in 0..<43 {
            var k = U256.zero
            let bit = 6 * i
            if bit < 256 { k = U256(bigEndian: (0..<32).map { $0 == 31 - bit / 8 ? UInt8(1 << (bit % 8)) : 0 }) }
            out.append(k)
        }
        for d in UInt(1)...15 { out.append(U256(l0: 0, l1: 0, l2: 0, l3: d << 60)) }
        let twoToThe256MinusN = U256.subtract(.zero, n).difference
        out.append(U256.add(twoToThe256MinusN, twoToThe256MinusN).sum)  // 2(2^256 − n): the −2n case
        return out.filter { U256.lessThanMask($0, n) != 0 }
    }()

    @Test("k·G by the Jacobian additions near their excluded cases is the reference's")
    func boundaries() {
        #expect(Self.boundaryScalars.count == 8 + 43 + 15 + 1)
        for k in Self.boundaryScalars {
            #expect(Self.same(P256Point.generatorMultiplied(by: k), P256Point.generator.referenceMultiple(by: k)))
        }
    }

    @Test("u1·G + u2·Q is the sum of the two products")
    func verificationSum() {
        let q = P256Point.generator.referenceMultiple(by: Self.scalars[7])
        for (u1, u2) in zip(Self.scalars, Self.scalars.reversed()) {
            let expected = P256Point.generator.referenceMultiple(by: u1).adding(q.referenceMultiple(by: u2))
            #expect(Self.same(P256Point.verificationSumVarTime(u1: u1, u2: u2, q: q), expected))
        }
    }
}
