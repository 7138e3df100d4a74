// The exponentiations of RSA as steps that another implementation may take over: the two of an
// RSA-CRT signature, s1 = c^dP mod p and s2 = c^dQ mod q (RFC 8017 §5.2.1 step 2b(i)-(ii)), and the
// public one, x^e mod n (RSAVP1, §5.2.2, and the signer's fault check). The core's own, below, run on
// every CPU; the package's PrivateKeyJWTIFMA module adds one for CPUs with AVX-512 IFMA. Everything
// around them (blinding, reduction of the input, recombination, the fault check, the encodings) stays
// in the core, whichever implementation runs.
//
// `package` access: only modules of this package can supply an implementation, which receives the
// primes and exponents of every key that uses it.

import Dispatch

/// A way to compute RSA's exponentiations, prepared once per key.
package protocol RSAExponentiation: Sendable {
    /// The prepared state for one key's primes and exponents (secret; `dP` and `dQ` as wide as the
    /// domains), or nil when this implementation does not handle their width on this machine.
    /// - Timing: as the implementation states; the width is public.
    func prepareCRT(p: MontgomeryModulus, q: MontgomeryModulus, dP: LimbBuffer, dQ: LimbBuffer)
        -> (any PreparedCRTExponentiation)?

    /// The prepared state for a public modulus n, or nil when this implementation does not handle its
    /// width on this machine.
    func preparePublic(_ n: MontgomeryModulus) -> (any PreparedPublicExponentiation)?

    /// (b1^m1 mod w1, b2^m2 mod w2) for two odd moduli: Miller-Rabin's exponentiation (FIPS 186-5
    /// B.3.1 step 4.3) on two prime candidates at once, or nil when this implementation does not
    /// handle their width here (GMP then tests them one by one).
    /// - Timing: key generation is variable time (SECURITY.md).
    func powerPairVarTime(bases: (BigNum, BigNum), exponents: (BigNum, BigNum), moduli: (BigNum, BigNum))
        -> (BigNum, BigNum)?
}

extension RSAExponentiation {
    /// By default, none: GMP's `mpz_powm` tests each candidate.
    package func powerPairVarTime(bases: (BigNum, BigNum), exponents: (BigNum, BigNum), moduli: (BigNum, BigNum))
        -> (BigNum, BigNum)?
    {
        nil
    }
}

/// Both CRT exponentiations for one key.
package protocol PreparedCRTExponentiation: Sendable {
    /// For display (benchmarks, tests): which code signs.
    var name: String { get }

    /// s1 = c1^dP mod p and s2 = c2^dQ mod q, as ordinary values below p and q, for c1 < p and c2 < q;
    /// every buffer as wide as the domains. With `inParallel`, an implementation may use a second
    /// thread.
    /// - Timing: no branch or memory index may depend on the primes, the exponents or the inputs.
    func powers(
        _ s1: LimbBuffer, _ s2: LimbBuffer, bases c1: LimbBuffer, _ c2: LimbBuffer, inParallel: Bool)
}

/// x^e mod n for one public modulus.
package protocol PreparedPublicExponentiation: Sendable {
    /// For display: which code verifies.
    var name: String { get }

    /// x^e mod n for x < n (as wide as n's domain) and a public e ≥ 1.
    /// - Timing: variable time in e; n, e and x are public.
    func power(_ x: LimbBuffer, publicExponent e: BigNum) -> LimbBuffer
}

/// The core's implementation: `MontgomeryModulus.power` (64-bit limbs, fixed 5-bit windows), one
/// prime after the other or the two on two threads, and `powerVarTime` for the public exponent.
package struct PortableRSAExponentiation: RSAExponentiation {
    static let name = "portable"

    package init() {}

    package func prepareCRT(p: MontgomeryModulus, q: MontgomeryModulus, dP: LimbBuffer, dQ: LimbBuffer)
        -> (any PreparedCRTExponentiation)?
    {
        Self.crt(p: p, q: q, dP: dP, dQ: dQ)
    }

    package func preparePublic(_ n: MontgomeryModulus) -> (any PreparedPublicExponentiation)? { Self.publicPower(n) }

    /// The fallback for any width: never nil.
    static func crt(p: MontgomeryModulus, q: MontgomeryModulus, dP: LimbBuffer, dQ: LimbBuffer)
        -> any PreparedCRTExponentiation
    {
        PreparedCRT(halves: [Half(domain: p, exponent: dP), Half(domain: q, exponent: dQ)])
    }

    /// The fallback for any width: never nil.
    static func publicPower(_ n: MontgomeryModulus) -> any PreparedPublicExponentiation { PreparedPublic(n: n) }

    private struct PreparedCRT: PreparedCRTExponentiation {
        let name = PortableRSAExponentiation.name
        let halves: [Half]

        /// - Timing: as `MontgomeryModulus.power`, on public widths.
        func powers(_ s1: LimbBuffer, _ s2: LimbBuffer, bases c1: LimbBuffer, _ c2: LimbBuffer, inParallel: Bool) {
            let jobs = [Job(half: halves[0], base: c1, result: s1), Job(half: halves[1], base: c2, result: s2)]
            if inParallel {
                DispatchQueue.concurrentPerform(iterations: 2) { jobs[$0].run() }
            } else {
                jobs.forEach { $0.run() }
            }
        }
    }

    private struct PreparedPublic: PreparedPublicExponentiation {
        let name = PortableRSAExponentiation.name
        let n: MontgomeryModulus

        func power(_ x: LimbBuffer, publicExponent e: BigNum) -> LimbBuffer { n.powerVarTime(x, publicExponent: e) }
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
