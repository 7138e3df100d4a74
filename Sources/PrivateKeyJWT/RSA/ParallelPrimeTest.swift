// Miller-Rabin on both cores: the first candidate (in stream order) that passes, so a replayed
// candidate stream always gives the same prime.

import Dispatch

enum ParallelPrimeTest {
    /// Threads testing at once.
    static let workers = 2

    /// The first of `candidates` that passes `rounds` rounds of Miller-Rabin, or nil.
    ///
    /// Composites are rejected with one round each, the two workers taking alternate candidates;
    /// the first candidate to pass it then gets its other `rounds − 1` rounds split across both
    /// workers. Every candidate gets the full count before it is returned (FIPS 186-5 Table B.1).
    /// - Timing: variable time (key generation is variable time; SECURITY.md).
    /// With `engine`, each worker rejects composites two at a time, both exponentiations in one pass
    /// (where the engine handles their width).
    static func first(
        _ candidates: [BigNum], rounds: Int, bases: inout some RandomBytesSource,
        engine: (any RSAExponentiation)? = nil
    ) throws(PrivateKeyJWTError) -> BigNum? {
        var from = 0
        while from < candidates.count {
            guard let index = try firstPassingOneRound(candidates, from: from, bases: &bases, engine: engine)
            else { return nil }
            if try passes(candidates[index], rounds: rounds - 1, bases: &bases) { return candidates[index] }
            from = index + 1
        }
        return nil
    }

    /// The lowest index ≥ `from` whose candidate passes one round. Worker w tests the `step`
    /// candidates from from + w·step, then from + (w + workers)·step, ... (step 2 with an engine that
    /// takes pairs, else 1) and stops once a lower index has passed, so every candidate before the
    /// answer was tested and failed.
    private static func firstPassingOneRound(
        _ candidates: [BigNum], from: Int, bases: inout some RandomBytesSource, engine: (any RSAExponentiation)?
    ) throws(PrivateKeyJWTError) -> Int? {
        let seeds = try workerSeeds(&bases)
        let best = LockedValue(Int.max)
        let failure = LockedValue<PrivateKeyJWTError?>(nil)
        let step = engine == nil ? 1 : 2
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var random = DeterministicRandom(seed: seeds[worker])
            var index = from + worker * step
            while index < candidates.count, index < best.withLock({ $0 }) {
                do throws(PrivateKeyJWTError) {
                    let passing = try passingOneRound(candidates, at: index, step: step, engine: engine, bases: &random)
                    if let passing {
                        best.withLock { $0 = min($0, passing) }
                        return
                    }
                } catch {
                    failure.withLock { $0 = error }
                    return
                }
                index += workers * step
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        let index = best.withLock { $0 }
        return index == Int.max ? nil : index
    }

    /// The lowest of candidates[index..<index + step] that passes one round, or nil.
    private static func passingOneRound(
        _ candidates: [BigNum], at index: Int, step: Int, engine: (any RSAExponentiation)?,
        bases: inout some RandomBytesSource
    ) throws(PrivateKeyJWTError) -> Int? {
        if step == 2, index + 1 < candidates.count, let engine,
            let (first, second) = try MillerRabin.oneRoundPair(
                candidates[index], candidates[index + 1], engine: engine, bases: &bases)
        {
            return first ? index : second ? index + 1 : nil
        }
        for i in index..<min(index + step, candidates.count) {
            if try MillerRabin.isProbablePrime(candidates[i], rounds: 1, bases: &bases) { return i }
        }
        return nil
    }

    /// `rounds` more rounds for one candidate, shared between the workers; true if all pass.
    private static func passes(_ w: BigNum, rounds: Int, bases: inout some RandomBytesSource) throws(PrivateKeyJWTError)
        -> Bool
    {
        try passing([w], rounds: rounds, bases: &bases)[0]
    }

    /// For each of `numbers`, whether it passes `rounds` rounds of Miller-Rabin. The numbers × rounds
    /// tests are dealt to the workers in turn, so two numbers of five rounds take five rounds' time on
    /// two cores (an imported key's p and q: RSAKeyValidation).
    /// - Timing: variable time (key import and generation; SECURITY.md).
    static func passing(_ numbers: [BigNum], rounds: Int, bases: inout some RandomBytesSource)
        throws(PrivateKeyJWTError) -> [Bool]
    {
        guard rounds > 0 else { return numbers.map { _ in true } }
        let seeds = try workerSeeds(&bases)
        let verdicts = LockedValue(numbers.map { _ in true })
        let failure = LockedValue<PrivateKeyJWTError?>(nil)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var random = DeterministicRandom(seed: seeds[worker])
            for (index, number) in numbers.enumerated() {
                // Test t = index·rounds + r goes to worker t mod workers: together exactly `rounds` each.
                let share = (0..<rounds).count { (index * rounds + $0) % workers == worker }
                guard share > 0 else { continue }
                do throws(PrivateKeyJWTError) {
                    let verdict = try MillerRabin.isProbablePrime(number, rounds: share, bases: &random)
                    verdicts.withLock { $0[index] = $0[index] && verdict }
                } catch {
                    failure.withLock { $0 = error }
                    return
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return verdicts.withLock { $0 }
    }

    /// One independent base stream per worker, seeded from the caller's source.
    private static func workerSeeds(_ bases: inout some RandomBytesSource) throws(PrivateKeyJWTError) -> [[UInt8]] {
        var seeds = [[UInt8]]()
        for _ in 0..<workers { seeds.append(try bases.bytes(32)) }
        return seeds
    }
}
