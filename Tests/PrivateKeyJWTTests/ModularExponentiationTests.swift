import Foundation
import Testing

@testable import PrivateKeyJWT

@Suite("Modular exponentiation (differential against GMP)")
struct ModularExponentiationTests {
    @Test(
        "power: random and edge bases and exponents, the maximal exponent, against mpz_powm",
        arguments: [(1024, 16), (1023, 17), (1536, 24), (2048, 32)])
    func power(bits: Int, width: Int) {
        let m = MontgomeryModulusTests.modulus(bits: bits, prime: bits <= 1024)
        let domain = MontgomeryModulus(LimbBuffer(m, count: width), count: width)
        let r = BigNum.powerOfTwo(64 * width).modVarTime(m)
        let scratch = LimbBuffer(count: 2 * width + 1), base = LimbBuffer(count: width), out = LimbBuffer(count: width)
        let maximal = BigNum.powerOfTwo(64 * width) - 1
        let exponents = [BigNum(0), BigNum(1), BigNum(2), m - 1, maximal, KeyFixtures.random(bits: 64 * width - 3)]
        for b in MontgomeryModulusTests.operands(below: m, count: 2) {
            for e in exponents {
                domain.montgomeryForm(base, of: LimbBuffer(b, count: width), scratch: scratch)
                domain.power(out, montgomeryBase: base, exponent: LimbBuffer(e, count: width))
                domain.ordinaryForm(out, of: out, scratch: scratch)
                #expect(MontgomeryModulusTests.value(out) == b.powerVarTime(e, modulus: m), "b^e mod m")
                _ = r
            }
        }
    }

    @Test(
        "power by a public exponent (square and multiply) against mpz_powm",
        arguments: [(64, 1), (1100, 18), (2048, 32), (3072, 48)])
    func publicPower(bits: Int, width: Int) {
        let m = MontgomeryModulusTests.modulus(bits: bits)
        let domain = MontgomeryModulus(publicModulusVarTime: m)
        #expect(domain.count == width)
        for e in [BigNum(1), BigNum(2), BigNum(3), BigNum(65537), KeyFixtures.random(bits: 200) + 1] {
            for x in MontgomeryModulusTests.operands(below: m, count: 2) {
                let r = domain.powerVarTime(LimbBuffer(x, count: width), publicExponent: e)
                #expect(
                    MontgomeryModulusTests.value(r) == x.powerVarTime(e, modulus: m),
                    "x^e mod m, e = \(e.bitWidth) bits")
            }
        }
    }
}
