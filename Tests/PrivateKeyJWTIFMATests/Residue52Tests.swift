import Testing

@testable import PrivateKeyJWT
@testable import PrivateKeyJWTIFMA

@Suite("Residue52: 52-bit digits, four to a 256-bit register", .enabled(if: IFMAFixtures.cpuHasIFMA))
struct Residue52Tests {
    @Test("split then join gives the 1024-bit value back, for 0, 2^1024 − 1 and random values") func roundTrip() {
        for x in [
            BigNum(0), BigNum.powerOfTwo(1024) - 1, IFMAFixtures.random(bits: 1024), IFMAFixtures.random(bits: 53),
        ] {
            let digits = IFMAFixtures.digits(x), limbs = LimbBuffer(count: PrimeResidue.limbs)
            withExtendedLifetime(digits) { PrimeResidue.join(digits.base, into: limbs.base) }
            #expect(limbs.bigNum() == x)
            #expect(IFMAFixtures.value(of: IFMAFixtures.residue(of: digits)) == x)
            #expect(IFMAFixtures.isNormalised(IFMAFixtures.residue(of: digits)))
        }
    }

    @Test("normalising keeps the value and brings every lane below 2^52") func normalised() {
        let full: UInt = (1 << 52) - 1
        let cases: [[UInt]] = [
            // A carry out of lane 0 that ripples through 18 lanes of 2^52 − 1.
            [1 << 52] + Array(repeating: full, count: 18) + [0],
            // Lanes as a product leaves them: up to 2^59, with the value below 2^1040.
            (0..<19).map { _ in UInt.random(in: 0..<(1 << 59)) } + [UInt.random(in: 0..<(1 << 40))],
            // Every lane at 2^52 − 1 but the last, and a carry into lane 3 only.
            [full, full, 1 << 53] + Array(repeating: 0, count: 17),
        ]
        for lanes in cases {
            let r: PrimeResidue = IFMAFixtures.residue(lanes)
            let n = r.normalized()
            #expect(IFMAFixtures.value(of: n) == IFMAFixtures.value(of: r))
            #expect(IFMAFixtures.isNormalised(n))
        }
        // Forty digits: a carry that ripples from lane 0 through 38 lanes, and lanes near 2^60.
        for lanes in [
            [1 << 52] + Array(repeating: full, count: 38) + [0],
            (0..<39).map { _ in UInt.random(in: 0..<(1 << 60)) } + [UInt.random(in: 0..<(1 << 40))],
        ] {
            let r: ModulusResidue = IFMAFixtures.residue(lanes)
            let n = r.normalized()
            #expect(IFMAFixtures.value(of: n) == IFMAFixtures.value(of: r))
            #expect(IFMAFixtures.isNormalised(n))
        }
    }
}
