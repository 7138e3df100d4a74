import Testing

@testable import PrivateKeyJWT

/// The core's implementation of the exponentiation step, and the fallback when an engine declines.
@Suite("RSAExponentiation: the portable engine, and the core's fallback")
struct RSAExponentiationTests {
    static let key = try! KeyFixtures.key(bits: 2048)

    @Test("the portable CRT pair gives c^dP mod p and c^dQ mod q, one thread or two") func crt() throws {
        let c = Self.key.components
        let k = c.p.limbCount
        let p = MontgomeryModulus(LimbBuffer(c.p, count: k), count: k)
        let q = MontgomeryModulus(LimbBuffer(c.q, count: k), count: k)
        let prepared = try #require(
            PortableRSAExponentiation().prepareCRT(
                p: p, q: q, dP: LimbBuffer(c.dP, count: k), dQ: LimbBuffer(c.dQ, count: k)))
        for inParallel in [false, true] {
            for base in [BigNum(0), BigNum(1), c.p - 1, KeyFixtures.random(bits: 1000)] {
                let c1 = base.modVarTime(c.p), c2 = base.modVarTime(c.q)
                let s1 = LimbBuffer(count: k), s2 = LimbBuffer(count: k)
                prepared.powers(
                    s1, s2, bases: LimbBuffer(c1, count: k), LimbBuffer(c2, count: k), inParallel: inParallel)
                #expect(s1.bigNum() == c1.powerVarTime(c.dP, modulus: c.p))
                #expect(s2.bigNum() == c2.powerVarTime(c.dQ, modulus: c.q))
            }
        }
    }

    @Test("the portable public power gives x^e mod n") func publicPower() throws {
        let n = Self.key.components.n
        let domain = MontgomeryModulus(publicModulusVarTime: n)
        let prepared = try #require(PortableRSAExponentiation().preparePublic(domain))
        for x in [BigNum(0), BigNum(1), n - 1, KeyFixtures.random(bits: 2040)] {
            for e in [BigNum(1), BigNum(3), BigNum(65537)] {
                #expect(
                    prepared.power(LimbBuffer(x, count: domain.count), publicExponent: e).bigNum()
                        == x.powerVarTime(e, modulus: n))
            }
        }
    }

    /// An engine that handles nothing: the core must sign and verify on its own code.
    struct Declining: RSAExponentiation {
        func prepareCRT(p: MontgomeryModulus, q: MontgomeryModulus, dP: LimbBuffer, dQ: LimbBuffer)
            -> (any PreparedCRTExponentiation)?
        { nil }
        func preparePublic(_ n: MontgomeryModulus) -> (any PreparedPublicExponentiation)? { nil }
    }

    @Test("an engine that declines leaves the portable code signing and verifying") func fallback() throws {
        let key = Self.key.replacingExponentiation(with: Declining())
        #expect(key.signingEngine == "portable" && key.publicKey.verifyingEngine == "portable")
        let digest = SHA256.hash(data: Array("fallback".utf8))
        #expect(try key.signature(digest: digest) == Self.key.signature(digest: digest))
        #expect(try key.publicKey.isValidSignature(Self.key.signature(digest: digest), digest: digest))
    }
}
