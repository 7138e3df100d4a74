import Foundation
import Testing
@testable import PrivateKeyJWT

private let keyGenRecords = CAVS.records("rsa/nist/KeyGenRSA.rsp", recordKey: "d")

@Suite("Miller-Rabin, FIPS 186-5 App. B.3.1")
struct MillerRabinTests {
    static func isPrime(_ w: BigNum, rounds: Int = 40) throws -> Bool {
        var bases = SecureRandom()
        return try MillerRabin.isProbablePrime(w, rounds: rounds, bases: &bases)
    }

    @Test("KeyGenRSA.rsp: p and q are probable primes, n is composite", arguments: keyGenRecords)
    func publishedPrimes(record: CAVSRecord) throws {
        let p = BigNum(octets: record.hex("p")), q = BigNum(octets: record.hex("q")), n = BigNum(octets: record.hex("n"))
        #expect(try Self.isPrime(p, rounds: 5))
        #expect(try Self.isPrime(q, rounds: 5))
        #expect(try !Self.isPrime(n))
        #expect(p * q == n)
    }

    @Test("30 KeyGenRSA records") func count() { #expect(keyGenRecords.count == 30) }

    @Test("small cases: 0, 1 and even numbers are not prime; 2, 3, 5, 7 are",
          arguments: [(0, false), (1, false), (2, true), (3, true), (4, false), (5, true), (7, true), (9, false),
                      (100, false), (65536, false), (65537, true), (1 << 40, false)])
    func small(value: Int, prime: Bool) throws {
        #expect(try Self.isPrime(BigNum(UInt(value))) == prime)
    }

    /// Carmichael numbers; strong pseudoprimes to base 2 (2047, 3277, 4033), to bases 2 and 3
    /// (1373653), to bases 2, 3, 5 (25326001), to the first 9 prime bases (3825123056546413051),
    /// and to the first 12 prime bases, 2 … 37 (318665857834031151167461): random bases catch them.
    @Test("Carmichael numbers and strong pseudoprimes are composite",
          arguments: ["561", "1105", "1729", "2465", "41041", "825265", "321197185", "2047", "3277", "4033",
                      "1373653", "25326001", "3825123056546413051", "318665857834031151167461"])
    func pseudoprimes(decimal: String) throws {
        #expect(try !Self.isPrime(BigNum(digitsVarTime: decimal, radix: 10)!))
    }

    @Test("squares of primes are composite", arguments: ["3", "65537", "fffffffb", "ffffffffffffffc5"])
    func squares(hex: String) throws {
        let p = BigNum(digitsVarTime: hex)!
        #expect(try Self.isPrime(p))
        #expect(try !Self.isPrime(p * p))
    }

    @Test("the small-prime sieve") func sieve() throws {
        #expect(SmallPrimes.primes.count == 6541)
        #expect(SmallPrimes.primes.first == 3 && SmallPrimes.primes.last == 65521)
        // Against trial division, on a window starting at a random odd 512-bit number.
        var random = SecureRandom()
        var bytes = try random.bytes(64)
        bytes[63] |= 1
        let start = BigNum(octets: bytes)
        let survivors = Set(SmallPrimes.survivors(start: start, count: 3000))
        for offset in 0..<3000 {
            let candidate = start + UInt(2 * offset)
            let hasFactor = SmallPrimes.primes.contains { candidate.modVarTime($0) == 0 }
            #expect(survivors.contains(offset) == !hasFactor, "offset \(offset)")
        }
        #expect(!survivors.isEmpty && survivors.count < 500)
    }

    @Test("parallel Miller-Rabin returns the first prime in order") func parallelOrder() throws {
        var bases = SecureRandom()
        let numbers = [15, 21, 97, 101, 25, 103].map { BigNum(UInt($0)) }
        #expect(try ParallelPrimeTest.first(numbers, rounds: 10, bases: &bases)?.compareVarTime(97) == 0)
        #expect(try ParallelPrimeTest.first(Array(numbers[3...]), rounds: 10, bases: &bases)?.compareVarTime(101) == 0)
        #expect(try ParallelPrimeTest.first([9, 15, 21].map { BigNum(UInt($0)) }, rounds: 10, bases: &bases) == nil)
    }

    @Test("Table B.1 rounds") func rounds() {
        #expect(MillerRabin.roundsForRSAPrime(modulusBits: 2048) == 5)
        #expect(MillerRabin.roundsForRSAPrime(modulusBits: 3072) == 4)
        #expect(MillerRabin.roundsForRSAPrime(modulusBits: 4096) == 4)
    }
}

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
        #expect((c.p - c.q).magnitude() > BigNum.powerOfTwo(half - 100))
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
        try Self.checkFIPSProperties(try RSAPrivateKey(generatingBits: bits, candidates: &candidates, bases: &bases), bits: bits)
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
            mutating func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(PrivateKeyJWTError) { throw .randomUnavailable(errno: 5) }
        }
        var c = Broken(), b = SecureRandom()
        #expect(throws: PrivateKeyJWTError.randomUnavailable(errno: 5)) {
            try RSAPrivateKey(generatingBits: 2048, candidates: &c, bases: &b)
        }
    }
}
