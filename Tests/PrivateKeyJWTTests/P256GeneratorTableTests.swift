import Testing

@testable import PrivateKeyJWT

@Suite("P256GeneratorTable: the generated multiples of G, checked with the core's own point arithmetic")
struct P256GeneratorTableTests {
    static func same(_ a: P256Point, _ b: P256Point) -> Bool {
        guard let a = a.affine, let b = b.affine else { return false }
        return U256.equalMask(a.x, b.x) & U256.equalMask(a.y, b.y) != 0
    }

    /// The entry as a point, read directly.
    static func entry(window: Int, digit: Int) -> P256Point {
        P256GeneratorTable.limbs.withUnsafeBufferPointer { table in
            let (x, y) = P256GeneratorTable.entryVarTime(table, window: window, digit: digit)
            return P256Point(x: x, y: y, z: P256Field.one)
        }
    }

    @Test("every entry is j·2^(6i)·G: each window starts at 64 times the last one's base and steps by it")
    func everyEntry() {
        #expect(P256GeneratorTable.limbs.count == 8 * P256GeneratorTable.windows * P256GeneratorTable.entries)
        var base = P256Point.generator
        var wrong = 0
        for window in 0..<P256GeneratorTable.windows {
            var multiple = P256Point.identity
            for digit in 1...P256GeneratorTable.entries {
                multiple = multiple.adding(base)
                if !Self.same(Self.entry(window: window, digit: digit), multiple) { wrong += 1 }
            }
            for _ in 0..<P256GeneratorTable.width { base = base.doubled() }
        }
        #expect(wrong == 0)
    }

    @Test("every entry's coordinates are below p and on the curve")
    func onCurve() {
        for window in 0..<P256GeneratorTable.windows {
            for digit in 1...P256GeneratorTable.entries {
                let point = Self.entry(window: window, digit: digit).affineCoordinates
                #expect(P256Point.isOnCurveVarTime(x: point.x, y: point.y))
            }
        }
    }

    @Test("the masked scan returns what the direct read does, and (0, 0) for digit 0")
    func lookup() {
        P256GeneratorTable.limbs.withUnsafeBufferPointer { table in
            for window in [0, 21, 42] {
                for digit in 1...P256GeneratorTable.entries {
                    let scanned = P256GeneratorTable.lookup(table, window: window, digit: UInt(digit))
                    let read = P256GeneratorTable.entryVarTime(table, window: window, digit: digit)
                    #expect(U256.equalMask(scanned.x, read.x) & U256.equalMask(scanned.y, read.y) != 0)
                }
                let none = P256GeneratorTable.lookup(table, window: window, digit: 0)
                #expect(none.x.isZeroMask & none.y.isZeroMask != 0)
            }
        }
    }

    @Test("the Booth digits: magnitudes 0 to 32, and Σ ±magnitude·2^(6i) is k, for k up to 2^256 − 1")
    func boothDigits() {
        let samples: [U256] = [
            .zero, .one, U256(l0: 63, l1: 0, l2: 0, l3: 0), U256(l0: 32, l1: 0, l2: 0, l3: 0),
            U256(l0: .max, l1: .max, l2: .max, l3: .max), U256.subtract(P256.order.m, .one).difference,
            U256(l0: 0xAAAA_AAAA_AAAA_AAAA, l1: 0x5555_5555_5555_5555, l2: 0xF0F0_F0F0_F0F0_F0F0, l3: 1 << 63),
        ]
        for k in samples {
            var sum = BigNum(0)
            for window in stride(from: P256GeneratorTable.windows - 1, through: 0, by: -1) {
                let (magnitude, negative) = P256GeneratorTable.digit(of: k, window: window)
                #expect(magnitude <= 32 && negative <= 1)
                sum = sum.shiftedLeftVarTime(P256GeneratorTable.width)
                sum = negative == 1 ? sum - BigNum(magnitude) : sum + BigNum(magnitude)
            }
            #expect(sum == BigNum(octets: k.bigEndianBytes))
        }
    }
}
