// The two exponentiations of an RSA-CRT signature, s1 = c^dP mod p and s2 = c^dQ mod q (RFC 8017
// §5.2.1 step 2b(i)-(ii)), as one step that another implementation may take over. The core's own,
// below, runs on every CPU; the package's PrivateKeyJWTIFMA module adds one for CPUs with AVX-512
// IFMA. Everything around the two exponentiations (blinding, reduction of the input, recombination,
// the fault check) stays in `CRTSigner`, whichever implementation runs.
//
// `package` access: only modules of this package can supply an implementation, which receives the
// primes and exponents of every key that uses it.

import Dispatch

/// A way to compute both CRT exponentiations, prepared once per key.
package protocol CRTExponentiation: Sendable {
    /// For display (`pkjwt bench`, tests): which code signs.
    var name: String { get }

    /// The prepared state for one key's primes and exponents (secret; `dP` and `dQ` as wide as the
    /// domains), or nil when this implementation does not handle their width on this machine.
    /// - Timing: as the implementation states; the width is public.
    func prepare(p: MontgomeryModulus, q: MontgomeryModulus, dP: LimbBuffer, dQ: LimbBuffer)
        -> (any PreparedCRTExponentiation)?
}

/// Both exponentiations for one key.
package protocol PreparedCRTExponentiation: Sendable {
    var name: String { get }

    /// s1 = c1^dP mod p and s2 = c2^dQ mod q, as ordinary values below p and q, for c1 < p and c2 < q;
    /// every buffer as wide as the domains. With `inParallel`, an implementation may use a second
    /// thread.
    /// - Timing: no branch or memory index may depend on the primes, the exponents or the inputs.
    func powers(
        _ s1: LimbBuffer, _ s2: LimbBuffer, bases c1: LimbBuffer, _ c2: LimbBuffer, inParallel: Bool)
}

/// The core's implementation: `MontgomeryModulus.power` (64-bit limbs, fixed 5-bit windows), one
/// prime after the other or the two on two threads.
package struct PortableCRTExponentiation: CRTExponentiation, PreparedCRTExponentiation {
    package let name = "portable (64-bit limbs)"
    private let halves: [Half]

    package init() { halves = [] }

    private init(halves: [Half]) { self.halves = halves }

    package func prepare(p: MontgomeryModulus, q: MontgomeryModulus, dP: LimbBuffer, dQ: LimbBuffer)
        -> (any PreparedCRTExponentiation)?
    {
        Self(halves: [Half(domain: p, exponent: dP), Half(domain: q, exponent: dQ)])
    }

    /// - Timing: as `MontgomeryModulus.power`, on public widths.
    package func powers(
        _ s1: LimbBuffer, _ s2: LimbBuffer, bases c1: LimbBuffer, _ c2: LimbBuffer, inParallel: Bool
    ) {
        let jobs = [Job(half: halves[0], base: c1, result: s1), Job(half: halves[1], base: c2, result: s2)]
        if inParallel {
            DispatchQueue.concurrentPerform(iterations: 2) { jobs[$0].run() }
        } else {
            jobs.forEach { $0.run() }
        }
    }

    private struct Half: @unchecked Sendable {
        let domain: MontgomeryModulus, exponent: LimbBuffer
    }

    /// One prime's exponentiation. Unchecked Sendable: `run` writes only its own result and scratch,
    /// and reads buffers that nothing writes while the two jobs run.
    private struct Job: @unchecked Sendable {
        let half: Half, base: LimbBuffer, result: LimbBuffer

        func run() {
            let domain = half.domain
            let montgomeryBase = LimbBuffer(count: domain.count), scratch = LimbBuffer(count: 2 * domain.count + 1)
            domain.montgomeryForm(montgomeryBase, of: base, scratch: scratch)
            domain.power(result, montgomeryBase: montgomeryBase, exponent: half.exponent)
            domain.ordinaryForm(result, of: result, scratch: scratch)
        }
    }
}
