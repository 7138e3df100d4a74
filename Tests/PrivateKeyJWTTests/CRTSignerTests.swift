import Testing

@testable import PrivateKeyJWT

/// The private-key operation on its own: m^d mod n for every m it may see, primes of unequal widths,
/// and a faulty CRT value that must never leave as a signature.
@Suite("CRTSigner (RFC 8017 §5.2.1 step 2b, blinded, constant time)")
struct CRTSignerTests {
    static let key = try! KeyFixtures.key(bits: 2048)

    /// m^d mod n the slow way, with GMP's variable-time powm (a test oracle).
    static func expected(_ m: BigNum, _ c: RSAPrivateComponents) -> BigNum { m.powerVarTime(c.d, modulus: c.n) }

    @Test("edge inputs 0, 1, 2, n − 1 and random ones give m^d mod n") func inputs() throws {
        let c = Self.key.components
        let signer = CRTSigner(c)
        var random = SecureRandom()
        for m in [
            BigNum(0), BigNum(1), BigNum(2), c.n - 1, KeyFixtures.random(bits: 2040), KeyFixtures.random(bits: 2047),
        ] {
            #expect(try signer.sign(m, blinding: &random) == Self.expected(m, c))
        }
    }

    @Test("both halves on two threads give the same m^d mod n, and so the same signature") func parallelHalves() throws
    {
        let c = Self.key.components
        let signer = CRTSigner(c)
        var random = SecureRandom()
        for m in [BigNum(0), BigNum(1), c.n - 1, KeyFixtures.random(bits: 2047)] {
            #expect(try signer.sign(m, blinding: &random, halvesInParallel: true) == Self.expected(m, c))
        }
        var key = Self.key
        key.parallelHalves = true
        let digest = SHA256.hash(data: Array("parallel".utf8))
        #expect(try key.signature(digest: digest) == Self.key.signature(digest: digest))
    }

    @Test("primes of different limb counts (960 and 1088 bits) share the wider width and sign correctly")
    func unequalPrimes() throws {
        var components: RSAPrivateComponents?
        while components == nil {
            components = KeyFixtures.components(p: KeyFixtures.prime(bits: 960), q: KeyFixtures.prime(bits: 1088))
        }
        let c = try #require(components)
        var random = SecureRandom()
        let m = KeyFixtures.random(bits: 2000)
        #expect(try CRTSigner(c).sign(m, blinding: &random) == Self.expected(m, c))
        // And with p the wider one (the CRT coefficient then inverts the narrower q mod the wider p).
        var swapped: RSAPrivateComponents?
        while swapped == nil {
            swapped = KeyFixtures.components(p: KeyFixtures.prime(bits: 1088), q: KeyFixtures.prime(bits: 960))
        }
        let s = try #require(swapped)
        #expect(try CRTSigner(s).sign(m, blinding: &random) == Self.expected(m, s))
    }

    @Test(
        "a corrupted CRT value (dP, dQ or qInv off by one) is caught: signingFault, nothing released",
        arguments: ["dP", "dQ", "qInv"])
    func faultIsWithheld(member: String) {
        let c = Self.key.components
        let broken = RSAPrivateComponents(
            n: c.n, e: c.e, d: c.d, p: c.p, q: c.q,
            dP: member == "dP" ? c.dP + 2 : c.dP, dQ: member == "dQ" ? c.dQ + 2 : c.dQ,
            qInv: member == "qInv" ? c.qInv + 1 : c.qInv)
        var random = SecureRandom()
        do {
            let leaked = try CRTSigner(broken).sign(KeyFixtures.random(bits: 2000), blinding: &random)
            Issue.record("a faulty signature was released: \(leaked.bitWidth) bits")
        } catch {
            #expect(error == .signingFault)
        }
    }

    @Test("blinding: the same m signs to the same s whatever the random source gives") func blindingInvariant() throws {
        let c = Self.key.components
        let m = KeyFixtures.random(bits: 2000)
        var first = DeterministicRandom(seed: Array("one".utf8)), second = DeterministicRandom(seed: Array("two".utf8))
        // Two signers, so that each draws its own first pair.
        #expect(try CRTSigner(c).sign(m, blinding: &first) == CRTSigner(c).sign(m, blinding: &second))
    }
}
