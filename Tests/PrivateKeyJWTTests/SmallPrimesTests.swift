import Foundation
import Testing

@testable import PrivateKeyJWT

@Suite("The small-prime sieve in front of Miller-Rabin")
struct SmallPrimesTests {
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
}
