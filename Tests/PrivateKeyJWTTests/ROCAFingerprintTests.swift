import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT

@Suite("ROCA fingerprint (CVE-2017-15361)")
struct ROCAFingerprintTests {
    /// M for 2048-bit RSALib keys: the product of the first 126 primes, 2 ... 701.
    static let primorial: BigNum = ([2] + ROCAFingerprint.primes(modulusBits: 2048)).reduce(BigNum(1)) {
        $0 * BigNum($1)
    }

    /// A prime of RSALib's form p = k·M + (65537^a mod M), 1024 bits.
    static func rocaPrime() -> BigNum {
        while true {
            let a = KeyFixtures.random(bits: 64)
            let g = BigNum(65537).powerVarTime(a, modulus: primorial)
            let k = KeyFixtures.random(bits: 1024 - primorial.bitWidth)
            let p = k * primorial + g
            if p.bitWidth == 1024, KeyFixtures.isPrime(p) { return p }
        }
    }

    @Test("a modulus of two RSALib-form primes is refused") func vulnerableRefused() {
        let n = Self.rocaPrime() * Self.rocaPrime()
        #expect(ROCAFingerprint.matches(n))
        #expect(throws: PrivateKeyJWTError.invalidKey(.rocaFingerprint)) {
            _ = try RSAPublicKey(components: RSAPublicComponents(n: n, e: BigNum(65537)))
        }
    }

    @Test("sound keys do not match: generated ones and the published vectors") func soundKeysPass() throws {
        for _ in 0..<4 {
            #expect(!ROCAFingerprint.matches(try RSAPrivateKey(generatingBits: 2048).publicKey.components.n))
        }
        for name in ["key1", "key2", "key3"] {
            let key = try RSAPrivateKey(derRepresentation: Vectors.bytes("rsa/openssl-keys/\(name).pkcs8.der"))
            #expect(!ROCAFingerprint.matches(key.publicKey.components.n))
        }
    }

    /// The chance that a sound modulus matches: Π ord_r(65537)/(r − 1) over the primes tested.
    @Test("the order test agrees with the subgroup listed element by element, for every prime up to 701")
    func ordersAgree() {
        for (r, order) in zip(ROCAFingerprint.primes(modulusBits: 4096), ROCAFingerprint.orders) {
            var members = Set<UInt>()
            var x: UInt = 1
            repeat { members.insert(x); x = x * (65537 % r) % r } while x != 1
            #expect(members.count == Int(order))
            for y in 1..<r { #expect(members.contains(y) == (ROCAFingerprint.powerVarTime(y, order, r) == 1)) }
        }
    }

    @Test("false-positive rate: below 2^-80 from 992 bits and 2^-160 from 1984 bits") func falsePositiveRate() {
        func log2Rate(bits: Int) -> Double {
            zip(ROCAFingerprint.primes(modulusBits: bits), ROCAFingerprint.orders).reduce(0.0) { total, pair in
                total + log2(Double(pair.1) / Double(pair.0 - 1))
            }
        }
        #expect(log2Rate(bits: 1024) < -80)
        #expect(log2Rate(bits: 2048) < -160)
    }
}
