// Miller-Rabin on both cores: the first candidate (in stream order) that passes, so a replayed
// candidate stream always gives the same prime.

import Dispatch
import Synchronization

enum ParallelPrimeTest {
    /// Threads testing at once.
    static let workers = 2

    /// The first of `candidates` that passes `rounds` rounds of Miller-Rabin, or nil.
    ///
    /// Composites are rejected with one round each, the two workers taking alternate candidates;
    /// the first candidate to pass it then gets its other `rounds − 1` rounds split across both
    /// workers. Every candidate gets the full count before it is returned (FIPS 186-5 Table B.1).
    /// - Timing: variable time (key generation is variable time; SECURITY.md).
    static func first(_ candidates: [BigNum], rounds: Int, bases: inout some RandomBytesSource)
        throws(PrivateKeyJWTError) -> BigNum?
    {
        var from = 0
        while from < candidates.count {
            guard let index = try firstPassingOneRound(candidates, from: from, bases: &bases) else { return nil }
            if try passes(candidates[index], rounds: rounds - 1, bases: &bases) { return candidates[index] }
            from = index + 1
        }
        return nil
    }

    /// The lowest index ≥ `from` whose candidate passes one round. Worker w tests from + w,
    /// from + w + 2, ... and stops once a lower index has passed, so every candidate before the
    /// answer was tested and failed.
    private static func firstPassingOneRound(_ candidates: [BigNum], from: Int, bases: inout some RandomBytesSource)
        throws(PrivateKeyJWTError) -> Int?
    {
        let seeds = try workerSeeds(&bases)
        let best = Mutex(Int.max)
        let failure = Mutex<PrivateKeyJWTError?>(nil)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var random = DeterministicRandom(seed: seeds[worker])
            var index = from + worker
            while index < candidates.count, index < best.withLock({ $0 }) {
                do throws(PrivateKeyJWTError) {
                    if try MillerRabin.isProbablePrime(candidates[index], rounds: 1, bases: &random) {
                        best.withLock { $0 = min($0, index) }
                        return
                    }
                } catch {
                    failure.withLock { $0 = error }
                    return
                }
                index += workers
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        let index = best.withLock { $0 }
        return index == Int.max ? nil : index
    }

    /// `rounds` more rounds for one candidate, shared between the workers; true if all pass.
    private static func passes(_ w: BigNum, rounds: Int, bases: inout some RandomBytesSource) throws(PrivateKeyJWTError)
        -> Bool
    {
        guard rounds > 0 else { return true }
        let seeds = try workerSeeds(&bases)
        let verdicts = Mutex<[Bool]>([])
        let failure = Mutex<PrivateKeyJWTError?>(nil)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            // Worker w runs rounds w, w + workers, ...: together exactly `rounds`.
            let share = (rounds - worker + workers - 1) / workers
            guard share > 0 else { return }
            var random = DeterministicRandom(seed: seeds[worker])
            do throws(PrivateKeyJWTError) {
                let verdict = try MillerRabin.isProbablePrime(w, rounds: share, bases: &random)
                verdicts.withLock { $0.append(verdict) }
            } catch {
                failure.withLock { $0 = error }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return verdicts.withLock { $0.allSatisfy { $0 } }
    }

    /// One independent base stream per worker, seeded from the caller's source.
    private static func workerSeeds(_ bases: inout some RandomBytesSource) throws(PrivateKeyJWTError) -> [[UInt8]] {
        var seeds = [[UInt8]]()
        for _ in 0..<workers { seeds.append(try bases.bytes(32)) }
        return seeds
    }
}
