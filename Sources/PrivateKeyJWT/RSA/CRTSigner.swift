// RSASP1 by the Chinese Remainder Theorem (RFC 8017 §5.2.1 step 2b), blinded, in constant time with
// this module's own Montgomery arithmetic (BigNum/MontgomeryModulus.swift, ModularExponentiation.swift).
// GMP sees only public values here: the blinded product t = r·b (inverted), and the signature
// (checked against the public key).

/// The RSA private-key operation s = m^d mod n for one key, prepared once: both primes' Montgomery
/// domains, the exponents and the coefficient as fixed-width limbs.
///
/// - Timing: no branch or memory index depends on p, q, dP, dQ, qInv, the blinding values or any
///   intermediate value: every step is a `MontgomeryModulus` operation over public widths (the
///   widths of n and of the wider prime), exponents are taken at their full public width (64 bits
///   per limb of the prime), and the CRT subtraction, addition and final subtractions are masked.
///   The one variable-time call, GMP's inverse, sees t = r·b, uniformly random and independent of r.
final class CRTSigner: @unchecked Sendable {
    private let n: BigNum, e: BigNum
    /// Limbs of n, and of each prime's domain (the wider prime's width).
    private let ln: Int, k: Int
    private let p: MontgomeryModulus, q: MontgomeryModulus
    /// n is public; its domain unblinds the result.
    private let nDomain: MontgomeryModulus
    private let dP: LimbBuffer, dQ: LimbBuffer, qInv: LimbBuffer, qLimbs: LimbBuffer
    /// m is blinded by r^e and the result unblinded by r⁻¹ (RSABlinding.swift).
    private let blinding: RSABlinding
    /// The two exponentiations (RFC 8017 §5.2.1 step 2b(i)-(ii)), and x^e mod n for the fault check,
    /// by the core or by a module that takes them over (see RSAExponentiation.swift).
    /// Written only by `replacingEngine`, before the new signer is returned to anyone.
    private var exponentiation: any PreparedCRTExponentiation
    private var check: any PreparedPublicExponentiation
    /// Which code computes the two exponentiations.
    var exponentiationName: String { exponentiation.name }

    /// - Timing: conversions depend on limb counts only; the primes' domains are built in constant
    ///   time. `publicDomain` is n's, when the public key has it already.
    ///   `engine` computes the exponentiations when it handles these widths here, and the core's own
    ///   code otherwise.
    init(
        _ key: RSAPrivateComponents, publicDomain: MontgomeryModulus? = nil,
        engine: any RSAExponentiation = PortableRSAExponentiation()
    ) {
        n = key.n
        e = key.e
        ln = key.n.limbCount
        k = max(key.p.limbCount, key.q.limbCount)
        p = MontgomeryModulus(LimbBuffer(key.p, count: k), count: k)
        q = MontgomeryModulus(LimbBuffer(key.q, count: k), count: k)
        nDomain = publicDomain ?? MontgomeryModulus(publicModulusVarTime: key.n)
        blinding = RSABlinding(n: key.n, e: key.e, domain: nDomain)
        dP = LimbBuffer(key.dP, count: k)
        dQ = LimbBuffer(key.dQ, count: k)
        qInv = LimbBuffer(key.qInv, count: k)
        qLimbs = LimbBuffer(key.q, count: k)
        exponentiation =
            engine.prepareCRT(p: p, q: q, dP: dP, dQ: dQ) ?? PortableRSAExponentiation.crt(p: p, q: q, dP: dP, dQ: dQ)
        check = engine.preparePublic(nDomain) ?? PortableRSAExponentiation.publicPower(nDomain)
    }

    /// A signer for the same key with `engine` in place of the current exponentiations, sharing this
    /// one's prepared domains and limbs (nothing of the key is converted again) but with blinding pairs
    /// of its own.
    /// - Timing: as `init`; only the engine's own preparation runs.
    func replacingEngine(_ engine: any RSAExponentiation) -> CRTSigner {
        let signer = CRTSigner(sharing: self)
        if let prepared = engine.prepareCRT(p: p, q: q, dP: dP, dQ: dQ) { signer.exponentiation = prepared }
        if let prepared = engine.preparePublic(nDomain) { signer.check = prepared }
        return signer
    }

    private init(sharing other: CRTSigner) {
        (n, e, ln, k, p, q, nDomain) = (other.n, other.e, other.ln, other.k, other.p, other.q, other.nDomain)
        (dP, dQ, qInv, qLimbs) = (other.dP, other.dQ, other.qInv, other.qLimbs)
        (exponentiation, check) = (other.exponentiation, other.check)
        blinding = RSABlinding(n: n, e: e, domain: nDomain)
    }

    /// Marks every secret the signer holds for the constant-time check.
    private func auditSecrets() {
        p.auditSecret()
        q.auditSecret()
        for buffer in [dP, dQ, qInv, qLimbs] { buffer.auditSecret() }
    }

    /// Returns m^d mod n for 0 ≤ m < n, checked against the public key before it is returned. With
    /// `halvesInParallel`, the exponentiation mod q runs on a second thread while this one runs mod
    /// p (lower latency for one signature; no gain in throughput when every core is busy anyway).
    /// - Timing: as the type; the final check is variable time on the (then public) signature.
    func sign(
        _ m: BigNum, blinding random: inout some RandomBytesSource,
        halvesInParallel: Bool = false
    ) throws(PrivateKeyJWTError) -> BigNum {
        precondition(m < n, "RSASP1 input must be below n (RFC 8017 §5.2.1 step 1)")
        auditSecrets()
        let scratch = LimbBuffer(count: 2 * max(k, ln) + 1)
        // Blinding (defence in depth): m' = m · r^e mod n, s = s' · r⁻¹ mod n.
        let (rToE, rInverse) = try blinding.take(scratch: scratch, random: &random)
        let mBlinded = LimbBuffer(count: ln)
        nDomain.multiply(mBlinded, LimbBuffer(m, count: ln), rToE, scratch: scratch)
        // RFC 8017 §5.2.1 step 2b(i)-(ii): s1 = c^dP mod p, s2 = c^dQ mod q, from c mod p and c mod q.
        let c1 = LimbBuffer(count: k), c2 = LimbBuffer(count: k), s1 = LimbBuffer(count: k), s2 = LimbBuffer(count: k)
        for (domain, reduced) in [(p, c1), (q, c2)] {
            domain.montgomeryForm(reduced, of: mBlinded, scratch: scratch)
            domain.ordinaryForm(reduced, of: reduced, scratch: scratch)
        }
        exponentiation.powers(s1, s2, bases: c1, c2, inParallel: halvesInParallel)
        // Step 2b(iii): h = (s1 − s2) · qInv mod p: (s1 − s2)·R times ordinary qInv, REDC'd, is ordinary.
        let s1Montgomery = LimbBuffer(count: k), s2Montgomery = LimbBuffer(count: k)
        let difference = LimbBuffer(count: k), h = LimbBuffer(count: k)
        p.montgomeryForm(s1Montgomery, of: s1, scratch: scratch)
        p.montgomeryForm(s2Montgomery, of: s2, scratch: scratch)
        p.subtractModulo(difference, s1Montgomery, s2Montgomery, scratch: scratch)
        p.multiply(h, difference, qInv, scratch: scratch)
        // Step 2b(iv): s = s2 + q · h, below n, so it fits 2k limbs with no carry out.
        let sBlinded = LimbBuffer(count: 2 * k)
        p.product(sBlinded, qLimbs, h)
        _ = MontgomeryModulus.add(sBlinded, s2)
        // Unblinding mod n: s'·(r⁻¹·R)·R⁻¹ = s'·r⁻¹. s' < n, so its limbs past ln are zero.
        let sLow = LimbBuffer(count: ln), unblinded = LimbBuffer(count: ln)
        sLow.copyLow(of: sBlinded)
        nDomain.multiply(unblinded, sLow, rInverse, scratch: scratch)
        // Public by design: s is the signature, released once the check below passes.
        unblinded.auditDeclassified()
        // A CRT fault would leak a prime factor (Boneh-DeMillo-Lipton): verify before release.
        guard check.power(unblinded, publicExponent: e).bigNum() == m else { throw .signingFault }
        return unblinded.bigNum()
    }
}
