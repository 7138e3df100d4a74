import Foundation
import TestVectors
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
        let p = BigNum(octets: record.hex("p")), q = BigNum(octets: record.hex("q")),
            n = BigNum(octets: record.hex("n"))
        #expect(try Self.isPrime(p, rounds: 5))
        #expect(try Self.isPrime(q, rounds: 5))
        #expect(try !Self.isPrime(n))
        #expect(p * q == n)
    }

    @Test("30 KeyGenRSA records") func count() { #expect(keyGenRecords.count == 30) }

    @Test(
        "small cases: 0, 1 and even numbers are not prime; 2, 3, 5, 7 are",
        arguments: [
            (0, false), (1, false), (2, true), (3, true), (4, false), (5, true), (7, true), (9, false),
            (100, false), (65536, false), (65537, true), (1 << 40, false),
        ])
    func small(value: Int, prime: Bool) throws {
        #expect(try Self.isPrime(BigNum(UInt(value))) == prime)
    }

    /// Carmichael numbers; strong pseudoprimes to base 2 (2047, 3277, 4033), to bases 2 and 3
    /// (1373653), to bases 2, 3, 5 (25326001), to the first 9 prime bases (3825123056546413051),
    /// and to the first 12 prime bases, 2 … 37 (318665857834031151167461): random bases catch them.
    @Test(
        "Carmichael numbers and strong pseudoprimes are composite",
        arguments: [
            "561", "1105", "1729", "2465", "41041", "825265", "321197185", "2047", "3277", "4033",
            "1373653", "25326001", "3825123056546413051", "318665857834031151167461",
        ])
    func pseudoprimes(decimal: String) throws {
        #expect(try !Self.isPrime(BigNum(digitsVarTime: decimal, radix: 10)!))
    }

    @Test("squares of primes are composite", arguments: ["3", "65537", "fffffffb", "ffffffffffffffc5"])
    func squares(hex: String) throws {
        let p = BigNum(digitsVarTime: hex)!
        #expect(try Self.isPrime(p))
        #expect(try !Self.isPrime(p * p))
    }

    @Test("Table B.1 rounds") func rounds() {
        #expect(MillerRabin.roundsForRSAPrime(modulusBits: 2048) == 5)
        #expect(MillerRabin.roundsForRSAPrime(modulusBits: 3072) == 4)
        #expect(MillerRabin.roundsForRSAPrime(modulusBits: 4096) == 4)
    }
}
