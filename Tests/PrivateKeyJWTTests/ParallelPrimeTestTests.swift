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
}
