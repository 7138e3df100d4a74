import Testing

@testable import PrivateKeyJWT

@Suite("DivstepInverse: constant-time inversion by division steps, against GMP")
struct DivstepInverseTests {
    static func big(_ x: U256) -> BigNum { BigNum(octets: x.bigEndianBytes) }

    /// The moduli: P-256's p and n, and small odd ones whose every residue can be tried.
    static let p256 = [P256Field.p, P256.order.m]

    /// Edges (0, 1, 2, m − 1, m − 2, powers of two, runs of ones) and 300 pseudo-random values, all below m.
    static func inputs(below m: U256) -> [U256] {
        var out = [U256.zero, .one, U256(l0: 2, l1: 0, l2: 0, l3: 0)]
        out.append(U256.subtract(m, .one).difference)
        out.append(U256.subtract(m, U256(l0: 2, l1: 0, l2: 0, l3: 0)).difference)
        for k in 0..<256 {
            var x = U256.zero
            x.set(limb: k / 64, UInt(1) << (k % 64))
            out.append(x)
            out.append(U256.subtract(x, .one).difference)  // k ones
        }
        // Reproducible pseudo-random values: SHA-256 of a counter.
        for i in 0..<300 { out.append(U256(bigEndian: SHA256.hash(data: Array("divsteps \(i)".utf8)).bytes)) }
        return out.filter { U256.lessThanMask($0, m) != 0 }
    }

    static func inverter(_ m: U256) -> DivstepInverse {
        var y = m.l0
        for _ in 0..<5 { y = y &* (2 &- m.l0 &* y) }  // m⁻¹ mod 2^64 by Newton's iteration
        return DivstepInverse(modulus: m, inverseModulo2To62: Int(bitPattern: y) & Signed62.mask)
    }

    @Test("x⁻¹ mod p and mod n is GMP's inverse for edges and pseudo-random x; 0 gives 0")
    func againstGMP() {
        for m in Self.p256 {
            let inverter = Self.inverter(m)
            for x in Self.inputs(below: m) {
                let expected = Self.big(x).inverseVarTime(modulus: Self.big(m)) ?? BigNum(0)
                #expect(Self.big(inverter.inverse(x)) == expected, "\(Self.big(x)) mod \(Self.big(m))")
            }
        }
    }

    @Test("every residue of small odd moduli, composite ones included where x is a unit")
    func smallModuli() {
        for m in [3, 5, 9, 15, 101, 255, 1_000_001] as [UInt] {
            let inverter = Self.inverter(U256(l0: m, l1: 0, l2: 0, l3: 0))
            let step = m > 1000 ? m / 997 : 1
            for x in stride(from: UInt(0), to: m, by: Int(step)) {
                let got = inverter.inverse(U256(l0: x, l1: 0, l2: 0, l3: 0))
                let expected = BigNum(x).inverseVarTime(modulus: BigNum(m))
                guard let expected else { continue }  // not a unit: no inverse to compare
                #expect(Self.big(got) == expected, "\(x) mod \(m)")
            }
        }
    }

    @Test("after the ten batches g is 0 and f is ±1: the 620 steps reach the end (590 suffice)")
    func converges() {
        for m in Self.p256 {
            for x in Self.inputs(below: m) where x.isZeroMask == 0 {
                var f = Signed62(m), g = Signed62(x), twoDelta = 1
                for _ in 0..<10 {
                    let t = DivstepInverse.divsteps62(&twoDelta, UInt(bitPattern: f.l0), UInt(bitPattern: g.l0))
                    DivstepInverse.apply(t, &f, &g)
                }
                #expect(g.isZero, "g for \(Self.big(x))")
                #expect(f.isOne || f.negated(where: -1).isOne, "f for \(Self.big(x))")
            }
        }
    }

    @Test("62-bit limbs: U256 round trip, and the masked addition and negation carry across limbs")
    func limbs() {
        let m = P256.order.m
        let x = Signed62(m)
        #expect(U256.equalMask(x.u256, m) != 0)
        #expect(x.l4 < 256 && [x.l0, x.l1, x.l2, x.l3].allSatisfy { $0 >= 0 && $0 <= Signed62.mask })
        let zero = Signed62(l0: 0, l1: 0, l2: 0, l3: 0, l4: 0)
        #expect(zero.adding(x, where: 0).isZero, "the mask 0 adds nothing")
        let minusOne = zero.adding(Signed62(.one), where: -1).negated(where: -1)
        #expect(minusOne.negativeMask == -1 && minusOne.l0 == Signed62.mask && minusOne.l3 == Signed62.mask)
        #expect(U256.equalMask(minusOne.adding(x, where: -1).u256, U256.subtract(m, .one).difference) != 0)
        #expect(U256.equalMask(x.negated(where: 0).u256, m) != 0)
    }
}

extension Signed62 {
    var isZero: Bool { l0 == 0 && l1 == 0 && l2 == 0 && l3 == 0 && l4 == 0 }
    var isOne: Bool { l0 == 1 && l1 == 0 && l2 == 0 && l3 == 0 && l4 == 0 }
}

extension U256 {
    /// Sets limb `index` (0 to 3).
    mutating func set(limb index: Int, _ value: UInt) {
        switch index {
        case 0: l0 = value
        case 1: l1 = value
        case 2: l2 = value
        default: l3 = value
        }
    }
}
