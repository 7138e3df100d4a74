// RSASP1 by the Chinese Remainder Theorem (RFC 8017 §5.2.1 step 2b), blinded, with every
// operation on secret values done by GMP's side-channel-silent mpn_sec_* / mpn_cnd_* functions.

// GMP exports mpn_sec_powm and friends under the linker names __gmpn_sec_powm etc. (gmp.h #defines).
import CGMP

/// The RSA private-key operation s = m^d mod n for one key.
///
/// - Timing: no branch or memory index depends on d, p, q, dP, dQ, qInv, the blinding factor or the
///   intermediate values: exponentiation by `mpn_sec_powm` with a public exponent length (the bit
///   length of the prime), reductions by `mpn_sec_div_r`, products by `mpn_sec_mul`, the CRT
///   subtraction and addition by `mpn_cnd_sub_n`/`mpn_cnd_add_n`; the blinding inverse by blinded
///   inversion (see `blindingPair`), so the one variable-time step sees only a random value.
///   Operand widths are the limb counts of n, p and q, which are public.
struct CRTSigner {
    private let key: RSAPrivateComponents
    private let ln: Int, lp: Int, lq: Int

    init(_ key: RSAPrivateComponents) {
        self.key = key
        ln = key.n.limbCount
        lp = key.p.limbCount
        lq = key.q.limbCount
    }

    /// Returns m^d mod n for 0 ≤ m < n, checked against the public key before it is returned.
    /// - Timing: as the type; the final check is variable time on the (then public) signature.
    func sign(_ m: BigNum, blinding random: inout some RandomBytesSource) throws(PrivateKeyJWTError) -> BigNum {
        precondition(m < key.n, "RSASP1 input must be below n (RFC 8017 §5.2.1 step 1)")
        let n = LimbBuffer(key.n, count: ln), p = LimbBuffer(key.p, count: lp), q = LimbBuffer(key.q, count: lq)
        for prime in [p, q] {
            prime.auditSecret()
            prime.auditDeclassifiedGMPModulusBits()
        }
        let scratch = LimbBuffer(count: scratchLimbs())
        // Blinding (defence in depth): m' = m · r^e mod n, s = s' · r^-1 mod n.
        let (rToE, rInverse) = try blindingPair(n: n, scratch: scratch, random: &random)
        let mBlinded = mulMod(LimbBuffer(m, count: ln), rToE, modulus: n, scratch: scratch)
        // RFC 8017 §5.2.1 step 2b(i): s1 = c^dP mod p, s2 = c^dQ mod q.
        let s1 = powModPrime(mBlinded, exponent: key.dP, prime: p, scratch: scratch)
        let s2 = powModPrime(mBlinded, exponent: key.dQ, prime: q, scratch: scratch)
        // Step 2b(iii): h = (s1 − s2) · qInv mod p.
        let s2ModP = reduce(s2, width: max(lp, lq), modulus: p, scratch: scratch)
        let difference = LimbBuffer(count: lp)
        let borrow = __gmpn_cnd_sub_n(1, difference.base, s1.base, s2ModP.base, lp)
        _ = __gmpn_cnd_add_n(borrow, difference.base, difference.base, p.base, lp)
        let qInv = LimbBuffer(key.qInv, count: lp)
        qInv.auditSecret()
        let h = mulMod(qInv, difference, modulus: p, scratch: scratch)
        // Step 2b(iv): s = s2 + q · h (below n, so it fits lp + lq limbs with no carry out).
        let qh = multiply(q, h, scratch: scratch)
        let s2Wide = LimbBuffer(count: lp + lq)
        s2Wide.base.update(from: s2.base, count: lq)
        let sBlinded = LimbBuffer(count: lp + lq)
        _ = __gmpn_cnd_add_n(1, sBlinded.base, qh.base, s2Wide.base, lp + lq)
        let unblinded = mulMod(sBlinded, rInverse, modulus: n, scratch: scratch)
        // Public by design: s is the signature, released once the check below passes.
        unblinded.auditDeclassified()
        let s = unblinded.bigNum()
        // A CRT fault would leak a prime factor (Boneh-DeMillo-Lipton): verify before release.
        guard s.powerVarTime(key.e, modulus: key.n) == m else { throw .signingFault }
        return s
    }

    /// (r^e mod n, r^-1 mod n) for a fresh random r in [1, n).
    ///
    /// r^-1 is computed by blinded inversion (as BoringSSL's BN_mod_inverse_blinded): with a second
    /// random b, t = r·b mod n is uniformly random and independent of r, so inverting t with GMP's
    /// fast variable-time mpz_invert reveals nothing about r; then r^-1 = t^-1·b mod n. This costs
    /// about 15 µs where mpn_sec_invert costs about 670 µs for 2048 bits.
    private func blindingPair(n: LimbBuffer, scratch: LimbBuffer, random: inout some RandomBytesSource)
        throws(PrivateKeyJWTError) -> (LimbBuffer, LimbBuffer)
    {
        for _ in 0..<8 {
            let r = try randomBelowModulus(&random), b = try randomBelowModulus(&random)
            let e = LimbBuffer(key.e, count: key.e.limbCount)
            let rToE = LimbBuffer(count: ln)
            __gmpn_sec_powm(rToE.base, r.base, ln, e.base, mp_bitcnt_t(key.e.bitWidth), n.base, ln, scratch.base)
            let product = mulMod(r, b, modulus: n, scratch: scratch)
            // Public by design: t = r·b is uniform and independent of r (see above).
            product.auditDeclassified()
            let t = product.bigNum()
            // t is public-safe: uniform and independent of r. gcd(t, n) > 1 has probability ~2^-1000.
            guard let tInverse = t.inverseVarTime(modulus: key.n) else { continue }
            let rInverse = mulMod(LimbBuffer(tInverse, count: ln), b, modulus: n, scratch: scratch)
            return (rToE, rInverse)
        }
        throw .signingFault
    }

    /// A random value one bit shorter than n (so below n without a comparison on secrets).
    private func randomBelowModulus(_ random: inout some RandomBytesSource) throws(PrivateKeyJWTError) -> LimbBuffer {
        let bits = key.n.bitWidth - 1
        var bytes = try random.bytes((bits + 7) / 8)
        defer { bytes.withUnsafeMutableBytes { GMPMemory.wipe($0.baseAddress, $0.count) } }
        bytes.withUnsafeBytes { ConstantTimeAudit.secret?($0.baseAddress!, $0.count) }
        bytes[0] &= UInt8(truncatingIfNeeded: (1 << ((bits - 1) % 8 + 1)) - 1)
        return LimbBuffer(bigEndian: bytes, count: ln)
    }

    /// base^exponent mod prime, for the base reduced mod prime first.
    private func powModPrime(_ base: LimbBuffer, exponent: BigNum, prime: LimbBuffer, scratch: LimbBuffer) -> LimbBuffer {
        let reduced = reduce(base, width: ln, modulus: prime, scratch: scratch)
        let e = LimbBuffer(exponent, count: prime.count)
        e.auditSecret()
        let result = LimbBuffer(count: prime.count)
        // The exponent length passed is the prime's width in limbs times 64: public, and ≥ the bits
        // of dP/dQ, without reading the prime's (secret) top bits.
        let bits = mp_bitcnt_t(prime.count * 64)
        __gmpn_sec_powm(result.base, reduced.base, prime.count, e.base, bits, prime.base, prime.count, scratch.base)
        return result
    }

    /// x mod modulus, with x taken as `width` limbs (width ≥ modulus width).
    private func reduce(_ x: LimbBuffer, width: Int, modulus: LimbBuffer, scratch: LimbBuffer) -> LimbBuffer {
        let work = LimbBuffer(count: width)
        work.base.update(from: x.base, count: min(width, x.count))
        __gmpn_sec_div_r(work.base, width, modulus.base, modulus.count, scratch.base)
        let out = LimbBuffer(count: modulus.count)
        out.copyLow(of: work)
        return out
    }

    /// The full product a · b.
    private func multiply(_ a: LimbBuffer, _ b: LimbBuffer, scratch: LimbBuffer) -> LimbBuffer {
        let (wide, narrow) = a.count >= b.count ? (a, b) : (b, a)
        let product = LimbBuffer(count: a.count + b.count)
        __gmpn_sec_mul(product.base, wide.base, wide.count, narrow.base, narrow.count, scratch.base)
        return product
    }

    private func mulMod(_ a: LimbBuffer, _ b: LimbBuffer, modulus: LimbBuffer, scratch: LimbBuffer) -> LimbBuffer {
        let product = multiply(a, b, scratch: scratch)
        return reduce(product, width: product.count, modulus: modulus, scratch: scratch)
    }

    /// One scratch area large enough for every mpn_sec_* call above.
    private func scratchLimbs() -> Int {
        let wide = lp + lq + ln
        return [
            __gmpn_sec_powm_itch(ln, mp_bitcnt_t(key.e.bitWidth), ln),
            __gmpn_sec_powm_itch(lp, mp_bitcnt_t(lp * 64), lp), __gmpn_sec_powm_itch(lq, mp_bitcnt_t(lq * 64), lq),
            __gmpn_sec_mul_itch(ln, ln), __gmpn_sec_mul_itch(max(lp, lq), min(lp, lq)), __gmpn_sec_mul_itch(lp + lq, ln),
            __gmpn_sec_div_r_itch(2 * ln, ln), __gmpn_sec_div_r_itch(wide, ln), __gmpn_sec_div_r_itch(2 * lp, lp),
            __gmpn_sec_div_r_itch(ln, lp), __gmpn_sec_div_r_itch(ln, lq), __gmpn_sec_div_r_itch(max(lp, lq), lp),
        ].max()!
    }
}
