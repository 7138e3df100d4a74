import Testing

@testable import PrivateKeyJWT

@Suite("Field256: arithmetic mod P-256's p and n against BigNum (GMP)")
struct Field256Tests {
    static func big(_ x: U256) -> BigNum { BigNum(octets: x.bigEndianBytes) }

    /// Numbers below m with carries in every limb: 0, 1, m − 1, m − 2, and values made of limb patterns.
    static func samples(below m: U256) -> [U256] {
        let patterns: [UInt] = [0, 1, 0xFFFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, 0x1234_5678_9ABC_DEF0]
        var out = [
            U256.zero, .one, U256.subtract(m, .one).difference,
            U256.subtract(m, U256(l0: 2, l1: 0, l2: 0, l3: 0)).difference,
        ]
        for a in patterns { for b in patterns { out.append(U256(l0: a, l1: b, l2: a ^ b, l3: b >> 1)) } }
        return out.filter { U256.lessThanMask($0, m) != 0 }
    }

    @Test(
        "add, subtract, multiply, inverse and the forms mod p and mod n",
        arguments: [Modulus256(P256Field.p), P256.order])
    func arithmetic(modulus: Modulus256) {
        let m = Self.big(modulus.m)
        let samples = Self.samples(below: modulus.m)
        for a in samples {
            for b in samples {
                #expect(Self.big(modulus.add(a, b)) == (Self.big(a) + Self.big(b)).modVarTime(m))
                #expect(Self.big(modulus.subtract(a, b)) == (Self.big(a) - Self.big(b)).modVarTime(m))
                let product = modulus.ordinaryForm(
                    modulus.multiply(modulus.montgomeryForm(a), modulus.montgomeryForm(b)))
                #expect(Self.big(product) == (Self.big(a) * Self.big(b)).modVarTime(m))
            }
            #expect(Self.big(modulus.ordinaryForm(modulus.montgomeryForm(a))) == Self.big(a))
            guard a.isZeroMask == 0 else { continue }
            let inverse = modulus.ordinaryForm(modulus.inverse(modulus.montgomeryForm(a)))
            #expect((Self.big(inverse) * Self.big(a)).modVarTime(m) == BigNum(1))
        }
    }

    @Test("the constants: R mod m, R² mod m, and m·m' ≡ −1 mod 2^64", arguments: [Modulus256(P256Field.p), P256.order])
    func constants(modulus: Modulus256) {
        let m = Self.big(modulus.m)
        #expect(Self.big(modulus.rModM) == BigNum.powerOfTwo(256).modVarTime(m))
        #expect(Self.big(modulus.rSquared) == BigNum.powerOfTwo(512).modVarTime(m))
        #expect(modulus.m.l0 &* modulus.m0 == UInt.max)
    }
}
