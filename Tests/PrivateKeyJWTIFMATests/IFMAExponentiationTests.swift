import Testing

@testable import PrivateKeyJWT
@testable import PrivateKeyJWTIFMA

@Suite("IFMAExponentiation: c^d mod p and mod q in one pass, against GMP", .enabled(if: IFMAFixtures.cpuHasIFMA))
struct IFMAExponentiationTests {
    /// (c1^d1 mod p, c2^d2 mod q) by the IFMA code.
    static func powers(_ p: BigNum, _ q: BigNum, _ d1: BigNum, _ d2: BigNum, _ c1: BigNum, _ c2: BigNum) throws
        -> (BigNum, BigNum)
    {
        let k = PrimeResidue.limbs
        let pDomain = MontgomeryModulus(LimbBuffer(p, count: k), count: k)
        let qDomain = MontgomeryModulus(LimbBuffer(q, count: k), count: k)
        let prepared = try #require(
            IFMAExponentiation().prepareCRT(
                p: pDomain, q: qDomain, dP: LimbBuffer(d1, count: k), dQ: LimbBuffer(d2, count: k)))
        let s1 = LimbBuffer(count: k), s2 = LimbBuffer(count: k)
        prepared.powers(s1, s2, bases: LimbBuffer(c1, count: k), LimbBuffer(c2, count: k), inParallel: false)
        return (s1.bigNum(), s2.bigNum())
    }

    @Test("random bases and exponents, and the edges 0, 1, m − 1, exponents 0, 1, 2^1024 − 1") func differential()
        throws
    {
        let p = IFMAFixtures.prime(), q = IFMAFixtures.prime()
        let maximal = BigNum.powerOfTwo(1024) - 1
        let bases = [BigNum(0), BigNum(1), BigNum(2), IFMAFixtures.random(bits: 1023), IFMAFixtures.random(bits: 1000)]
        let exponents = [BigNum(0), BigNum(1), BigNum(2), maximal, IFMAFixtures.random(bits: 1024), p - 2]
        for c in bases + [p - 1] {
            for d in exponents {
                let c1 = c.modVarTime(p), c2 = (c == p - 1 ? q - 1 : c).modVarTime(q)
                let (s1, s2) = try Self.powers(p, q, d, maximal, c1, c2)
                #expect(s1 == c1.powerVarTime(d, modulus: p), "c = \(c), d = \(d)")
                #expect(s2 == c2.powerVarTime(maximal, modulus: q))
            }
        }
    }

    @Test("moduli that are not prime, odd, of 1024 bits: the code does not rely on primality") func oddModuli() throws {
        for _ in 0..<20 {
            let p = IFMAFixtures.oddModulus(), q = IFMAFixtures.oddModulus()
            let d1 = IFMAFixtures.random(bits: 1024), d2 = IFMAFixtures.random(bits: 1024)
            let c1 = IFMAFixtures.random(bits: 1024).modVarTime(p), c2 = IFMAFixtures.random(bits: 1024).modVarTime(q)
            let (s1, s2) = try Self.powers(p, q, d1, d2, c1, c2)
            #expect(s1 == c1.powerVarTime(d1, modulus: p))
            #expect(s2 == c2.powerVarTime(d2, modulus: q))
        }
    }

    @Test("primes of any width but 16 limbs are declined (the core's code then signs)") func otherWidths() {
        for limbs in [8, 15, 17, 24, 32] {
            let m = MontgomeryModulus(LimbBuffer(BigNum(65537), count: limbs), count: limbs),
                d = LimbBuffer(count: limbs)
            #expect(IFMAExponentiation().prepareCRT(p: m, q: m, dP: d, dQ: d) == nil)
        }
    }
}

@Suite("IFMAExponentiation: x^e mod a 2048-bit n, against GMP", .enabled(if: IFMAFixtures.cpuHasIFMA))
struct IFMAPublicExponentiationTests {
    static func power(_ x: BigNum, _ e: BigNum, _ n: BigNum) throws -> BigNum {
        let domain = MontgomeryModulus(publicModulusVarTime: n)
        let prepared = try #require(IFMAExponentiation().preparePublic(domain))
        return prepared.power(LimbBuffer(x, count: domain.count), publicExponent: e).bigNum()
    }

    @Test("x in 0, 1, n − 1 and random, e in 1, 2, 3, 65537 and random; odd n of 2048 bits") func differential() throws
    {
        for _ in 0..<6 {
            let n = IFMAFixtures.random(bits: 2047) + BigNum.powerOfTwo(2047)
            let odd = n.isOdd ? n : n + 1
            for x in [BigNum(0), BigNum(1), odd - 1, IFMAFixtures.random(bits: 2047)] {
                for e in [BigNum(1), BigNum(2), BigNum(3), BigNum(65537), IFMAFixtures.random(bits: 64) + 1] {
                    #expect(try Self.power(x, e, odd) == x.powerVarTime(e, modulus: odd), "x = \(x), e = \(e)")
                }
            }
        }
    }

    @Test("moduli of any width but 32 limbs are declined") func otherWidths() {
        for bits in [1024, 2040, 2056, 3072] {
            let n = IFMAFixtures.random(bits: bits - 1) + BigNum.powerOfTwo(bits - 1) + 1
            let domain = MontgomeryModulus(publicModulusVarTime: n.isOdd ? n : n + 1)
            #expect((IFMAExponentiation().preparePublic(domain) == nil) == (domain.count != 32), "\(bits) bits")
        }
    }
}

@Suite("IFMAExponentiation: Miller-Rabin's b^m mod w, two candidates at once", .enabled(if: IFMAFixtures.cpuHasIFMA))
struct IFMAMillerRabinTests {
    @Test("b^m mod w against GMP for odd 1024-bit moduli, prime or not; other widths declined") func powerPair() throws
    {
        for _ in 0..<8 {
            let w1 = IFMAFixtures.oddModulus(), w2 = IFMAFixtures.prime()
            let m1 = IFMAFixtures.random(bits: 1023), m2 = (w2 - 1).shiftedRightVarTime(1)
            let b1 = IFMAFixtures.random(bits: 1000), b2 = BigNum(2)
            let (z1, z2) = try #require(
                IFMAExponentiation().powerPairVarTime(bases: (b1, b2), exponents: (m1, m2), moduli: (w1, w2)))
            #expect(z1 == b1.powerVarTime(m1, modulus: w1) && z2 == b2.powerVarTime(m2, modulus: w2))
        }
        let narrow = IFMAFixtures.random(bits: 511) + BigNum.powerOfTwo(511) + 1
        #expect(
            IFMAExponentiation().powerPairVarTime(
                bases: (BigNum(2), BigNum(2)), exponents: (BigNum(3), BigNum(3)), moduli: (narrow, narrow)) == nil)
    }

    @Test("one round on a pair: primes pass, composites (products of two primes, Carmichael-like) fail") func rounds()
        throws
    {
        var bases = SecureRandom()
        for _ in 0..<4 {
            let prime = IFMAFixtures.prime()
            let half1 = IFMAFixtures.random(bits: 511) + BigNum.powerOfTwo(511)
            let composite =
                (half1.isOdd ? half1 : half1 + 1) * (IFMAFixtures.random(bits: 511) + BigNum.powerOfTwo(511) + 1)
            guard composite.bitWidth == 1024, composite.isOdd else { continue }
            let verdicts = try #require(
                try MillerRabin.oneRoundPair(prime, composite, engine: IFMAExponentiation(), bases: &bases))
            #expect(verdicts.0 && !verdicts.1)
        }
    }
}
