// Trial division by the odd primes below 2^14: the sieve in front of Miller-Rabin.

/// The odd primes below `bound`, and a quick test for a small factor.
enum SmallPrimes {
    static let bound = 1 << 14

    /// The odd primes 3 ... 16381 (1899 of them), by the sieve of Eratosthenes.
    static let primes: [UInt] = {
        var composite = [Bool](repeating: false, count: bound)
        var found = [UInt]()
        for i in 3..<bound where !composite[i] && i % 2 == 1 {
            found.append(UInt(i))
            for j in stride(from: i * i, to: bound, by: 2 * i) { composite[j] = true }
        }
        return found
    }()

    /// The primes grouped so that each group's product fits in 64 bits: one GMP division per
    /// group instead of one per prime.
    static let groups: [(product: UInt, primes: ArraySlice<UInt>)] = {
        var result = [(product: UInt, primes: ArraySlice<UInt>)]()
        var start = 0, product: UInt = 1
        for (i, p) in primes.enumerated() {
            let (next, overflow) = product.multipliedReportingOverflow(by: p)
            if overflow {
                result.append((product, primes[start..<i]))
                start = i
                product = p
            } else {
                product = next
            }
        }
        result.append((product, primes[start...]))
        return result
    }()

    /// True when an odd primes below 2^14 divides `w` (and `w` is not that prime).
    /// - Timing: variable time (key generation is variable time; SECURITY.md).
    static func hasSmallFactor(_ w: BigNum) -> Bool {
        for group in groups {
            let residue = w.modVarTime(group.product)
            for p in group.primes where residue % p == 0 {
                return w.compareVarTime(p) != 0
            }
        }
        return false
    }
}
