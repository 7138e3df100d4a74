import Foundation
import Testing

@testable import PrivateKeyJWT

@Suite("Miller-Rabin on two threads: the first prime in order")
struct ParallelPrimeTestTests {
    @Test("parallel Miller-Rabin returns the first prime in order") func parallelOrder() throws {
        var bases = SecureRandom()
        let numbers = [15, 21, 97, 101, 25, 103].map { BigNum(UInt($0)) }
        #expect(try ParallelPrimeTest.first(numbers, rounds: 10, bases: &bases)?.compareVarTime(97) == 0)
        #expect(try ParallelPrimeTest.first(Array(numbers[3...]), rounds: 10, bases: &bases)?.compareVarTime(101) == 0)
        #expect(try ParallelPrimeTest.first([9, 15, 21].map { BigNum(UInt($0)) }, rounds: 10, bases: &bases) == nil)
    }

    @Test("each number's verdict from its own rounds, whichever worker ran them", arguments: [1, 2, 40])
    func verdictsPerNumber(rounds: Int) throws {
        var bases = SecureRandom()
        // 561 and 41041 are Carmichael numbers; 91 = 7·13; the others are prime.
        let numbers = [97, 91, 101, 561, 7919, 41041, 104_729].map { BigNum(UInt($0)) }
        let verdicts = try ParallelPrimeTest.passing(numbers, rounds: rounds, bases: &bases)
        // A few rounds can pass a composite (at most a quarter of bases lie; for 91 nearly a fifth do):
        // the composites' verdicts are checked at 40 rounds, where a wrong pass has odds below 2⁻⁸⁰.
        let primes = [true, false, true, false, true, false, true]
        for (verdict, isPrime) in zip(verdicts, primes) where isPrime || rounds == 40 {
            #expect(verdict == isPrime)
        }
        #expect(verdicts.count == numbers.count)
        #expect(try ParallelPrimeTest.passing([], rounds: rounds, bases: &bases).isEmpty)
    }
}
