import Foundation
import Testing

@testable import PrivateKeyJWT

/// The column sum against GMP's integers: edge and random limbs.
@Suite("The column sum: products, sums of sums, doubling, shifting and square columns")
struct ColumnSumTests {
    @Test("the column sum: products, sums of sums, doubling and shifting, against GMP")
    func columnSum() {
        var random = SecureRandom()
        func limb() -> UInt { ((try? random.bytes(8)) ?? []).reduce(UInt(0)) { $0 << 8 | UInt($1) } }
        let edges: [UInt] = [0, 1, UInt.max, UInt.max - 1, 1 << 63]
        for _ in 0..<50 {
            let factors = (0..<40).map { i in i < edges.count * 2 ? edges[i % edges.count] : limb() }
            var sum = ColumnSum(), expected = BigNum(0)
            for i in stride(from: 0, to: factors.count, by: 2) {
                sum.add(factors[i], factors[i + 1])
                expected = expected + BigNum(factors[i]) * BigNum(factors[i + 1])
            }
            #expect(Self.value(sum) == expected, "Σ x·y")
            #expect(Self.value(sum.adding(sum)) == expected + expected, "sum + sum")
            #expect(Self.value(sum.doubled) == expected + expected, "doubled")
            #expect(Self.value(sum.shifted) == expected.shiftedRightVarTime(64), "shifted")
        }
    }

    @Test("a square's column counts each cross product twice and the diagonal once") func squareColumn() {
        let a = (0..<8).map { UInt.max - UInt($0) }
        for column in 0..<15 {
            var sum = ColumnSum(), expected = BigNum(0)
            a.withUnsafeBufferPointer { sum.addSquareColumn($0.baseAddress!, column: column, from: max(0, column - 7)) }
            for j in max(0, column - 7)...min(column, 7) { expected = expected + BigNum(a[j]) * BigNum(a[column - j]) }
            #expect(Self.value(sum) == expected, "column \(column)")
        }
    }

    /// The sum's value, read through the public-to-tests shifts: low + (rest << 64).
    static func value(_ sum: ColumnSum) -> BigNum {
        var rest = sum
        var value = BigNum(0), shift = 0
        for _ in 0..<3 {
            value = value + BigNum(rest.low).shiftedLeftVarTime(shift)
            rest.shift()
            shift += 64
        }
        return value
    }
}
