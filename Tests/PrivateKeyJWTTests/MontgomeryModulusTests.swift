import Testing

@testable import PrivateKeyJWT

/// The Montgomery arithmetic against GMP: random odd moduli of several widths, random operands and
/// the edge values 0, 1 and m − 1.
@Suite("Montgomery arithmetic (differential against GMP)")
struct MontgomeryModulusTests {
    /// An odd modulus of `bits` bits, or a prime when asked (the domains the signer builds).
    static func modulus(bits: Int, prime: Bool = false) -> BigNum {
        if prime { return KeyFixtures.prime(bits: bits) }
        let x = KeyFixtures.random(bits: bits)
        return x.testBitVarTime(0) ? x : x + 1
    }

    static func value(_ buffer: LimbBuffer) -> BigNum { buffer.bigNum() }

    /// Random values below m, with 0, 1 and m − 1 first.
    static func operands(below m: BigNum, count: Int) -> [BigNum] {
        [BigNum(0), BigNum(1), m - 1] + (0..<count).map { _ in KeyFixtures.random(bits: m.bitWidth + 8).modVarTime(m) }
    }

    static let cases: [(bits: Int, width: Int)] = [(64, 1), (127, 2), (1024, 16), (1023, 17), (1536, 24), (2048, 32)]

    @Test("multiply, square, Montgomery and ordinary forms, subtraction", arguments: cases)
    func arithmetic(bits: Int, width: Int) {
        let m = Self.modulus(bits: bits)
        let domain = MontgomeryModulus(LimbBuffer(m, count: width), count: width)
        let r = BigNum.powerOfTwo(64 * width).modVarTime(m)
        let rInverse = r.inverseVarTime(modulus: m)!
        #expect(Self.value(domain.rSquared) == (r * r).modVarTime(m))
        #expect(domain.inverseNegated &* m.lowLimb == UInt.max, "m·m' ≡ −1 mod 2^64")
        let scratch = LimbBuffer(count: 2 * width + 1), out = LimbBuffer(count: width)
        let values = Self.operands(below: m, count: 6)
        for a in values {
            for b in values.prefix(5) {
                domain.multiply(out, LimbBuffer(a, count: width), LimbBuffer(b, count: width), scratch: scratch)
                #expect(Self.value(out) == (a * b * rInverse).modVarTime(m), "a·b·R⁻¹")
                domain.subtractModulo(out, LimbBuffer(a, count: width), LimbBuffer(b, count: width), scratch: scratch)
                #expect(Self.value(out) == (a + m - b).modVarTime(m), "a − b mod m")
            }
            domain.square(out, LimbBuffer(a, count: width), scratch: scratch)
            #expect(Self.value(out) == (a * a * rInverse).modVarTime(m), "a²·R⁻¹")
            domain.ordinaryForm(out, of: LimbBuffer(a, count: width), scratch: scratch)
            #expect(Self.value(out) == (a * rInverse).modVarTime(m), "a·R⁻¹")
        }
        // Values wider than m, up to m·R − 1 (a CRT input mod one prime).
        for x in [m * r - 1, m * m, KeyFixtures.random(bits: 64 * width + bits - 1), BigNum(0)] {
            let wide = LimbBuffer(x, count: 2 * width)
            domain.montgomeryForm(out, of: wide, scratch: scratch)
            #expect(Self.value(out) == (x * r).modVarTime(m), "x·R for x < m·R")
        }
    }

    @Test("a public modulus' domain (R² by GMP) equals the constant-time one", arguments: [1024, 2048, 3072])
    func publicModulus(bits: Int) {
        let m = Self.modulus(bits: bits)
        let secret = MontgomeryModulus(LimbBuffer(m, count: m.limbCount), count: m.limbCount),
            open = MontgomeryModulus(publicModulusVarTime: m)
        #expect(
            Self.value(secret.rSquared) == Self.value(open.rSquared)
                && Self.value(secret.rCubed) == Self.value(open.rCubed))
        #expect(secret.inverseNegated == open.inverseNegated)
    }

    @Test("the inverse mod 2^64 by Newton's iteration, for every odd low byte and random limbs") func inverse() {
        var values: [UInt] = (0..<128).map { UInt(2 * $0 + 1) }
        var random = SecureRandom()
        for _ in 0..<1000 { values.append(((try? random.bytes(8)) ?? []).reduce(UInt(0)) { $0 << 8 | UInt($1) } | 1) }
        values += [1, UInt.max, UInt.max - 2]
        for x in values { #expect(x &* MontgomeryModulus.inverse(x) == 1) }
    }
}

extension BigNum {
    /// The lowest 64 bits.
    var lowLimb: UInt {
        modVarTime(BigNum.powerOfTwo(64)).octets(length: 8).map { $0.reduce(UInt(0)) { $0 << 8 | UInt($1) } } ?? 0
    }
}
