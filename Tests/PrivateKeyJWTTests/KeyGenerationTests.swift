import Foundation
import Testing

@testable import PrivateKeyJWT

@Suite("RSA key generation, FIPS 186-5 App. A.1.3")
struct KeyGenerationTests {
    /// Every FIPS 186-5 property of a generated key, checked independently of the generator.
    static func checkFIPSProperties(_ key: RSAPrivateKey, bits: Int) throws {
        let c = key.components
        let half = bits / 2
        #expect(c.n.bitWidth == bits)
        #expect(c.e.compareVarTime(65537) == 0)
        for prime in [c.p, c.q] {
            #expect(prime.bitWidth == half)
            #expect(prime.testBitVarTime(half - 2), "top two bits set")
            #expect(try MillerRabinTests.isPrime(prime, rounds: 10))
            #expect((prime - 1).gcdVarTime(c.e).compareVarTime(1) == 0)
        }
        #expect((c.p - c.q).magnitudeVarTime() > BigNum.powerOfTwo(half - 100))
        #expect(c.d > BigNum.powerOfTwo(half))
        #expect(c.d < (c.p - 1).lcmVarTime(c.q - 1))
        #expect((c.e * c.d).modVarTime((c.p - 1).lcmVarTime(c.q - 1)).compareVarTime(1) == 0)
        let message = Array("round trip".utf8)
        #expect(key.publicKey.isValidSignature(try key.signature(for: message), for: message))
    }

    @Test("2048-bit keys from the kernel generator meet every FIPS 186-5 criterion", arguments: 0..<3)
    func random2048(_ index: Int) throws {
        try Self.checkFIPSProperties(try RSAPrivateKey(generatingBits: 2048), bits: 2048)
    }

    @Test("3072 and 4096 bits are allowed", arguments: [3072, 4096])
    func largerSizes(bits: Int) throws {
        var candidates = DeterministicRandom(seed: Array("larger \(bits)".utf8)), bases = SecureRandom()
        try Self.checkFIPSProperties(
            try RSAPrivateKey(generatingBits: bits, candidates: &candidates, bases: &bases), bits: bits)
    }

    @Test("sizes other than 2048, 3072 and 4096 are refused", arguments: [0, 512, 1024, 2047, 2049, 8192])
    func refusedSizes(bits: Int) {
        #expect(throws: PrivateKeyJWTError.unsupportedKeySize(bits: bits)) { try RSAPrivateKey(generatingBits: bits) }
    }

    @Test("a fixed candidate stream replays to the same key, whatever the bases") func replay() throws {
        var c1 = DeterministicRandom(seed: [1, 2, 3]), b1 = SecureRandom()
        var c2 = DeterministicRandom(seed: [1, 2, 3]), b2 = DeterministicRandom(seed: [9])
        let k1 = try RSAPrivateKey(generatingBits: 2048, candidates: &c1, bases: &b1)
        let k2 = try RSAPrivateKey(generatingBits: 2048, candidates: &c2, bases: &b2)
        #expect(k1.publicKey == k2.publicKey)
        var c3 = DeterministicRandom(seed: [1, 2, 4]), b3 = SecureRandom()
        #expect(try RSAPrivateKey(generatingBits: 2048, candidates: &c3, bases: &b3).publicKey != k1.publicKey)
    }

    @Test("a failing random source is an error, never a fallback") func failingSource() {
        struct Broken: RandomBytesSource {
            mutating func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(PrivateKeyJWTError) {
                throw .randomUnavailable(errno: 5)
            }
        }
        var c = Broken(), b = SecureRandom()
        #expect(throws: PrivateKeyJWTError.randomUnavailable(errno: 5)) {
            try RSAPrivateKey(generatingBits: 2048, candidates: &c, bases: &b)
        }
    }
}
