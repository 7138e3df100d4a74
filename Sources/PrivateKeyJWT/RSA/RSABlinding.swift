// Base blinding for RSASP1 (Kocher, "Timing attacks on implementations of Diffie-Hellman, RSA, DSS,
// and other systems", CRYPTO 1996, the blinding section): the private-key operation runs on
// m·r^e mod n and the result is multiplied by r⁻¹, so what it computes on is independent of m. A
// pair (r^e, r⁻¹) serves one signature and is then renewed by squaring both, (r², r⁻²); after 32
// signatures a fresh r is drawn. OpenSSL and BoringSSL (BN_BLINDING, BN_BLINDING_COUNTER = 32) do
// the same: a fresh pair costs an exponentiation mod n and an inversion, a renewal two squarings.

/// The blinding pairs of one key, shared by every copy of the key and safe to use from any thread.
///
/// - Timing: renewal is two Montgomery squarings (constant time); a fresh pair is as `fresh` states.
///   Which signature gets a fresh pair depends on a public count only.
final class RSABlinding: Sendable {
    /// Uses of one r before a fresh one is drawn (OpenSSL's and BoringSSL's BN_BLINDING_COUNTER).
    static let usesPerDraw = 32

    private let n: BigNum, e: BigNum, domain: MontgomeryModulus
    /// The pair for the next signature, both in Montgomery form (r^e·R, r⁻¹·R mod n), and how many
    /// signatures this r has served. Unchecked: the buffers are only touched under the lock.
    private struct Pair: @unchecked Sendable {
        let rToE: LimbBuffer, rInverse: LimbBuffer
        var uses: Int
    }
    private let next = LockedValue<Pair?>(nil)

    init(n: BigNum, e: BigNum, domain: MontgomeryModulus) {
        self.n = n
        self.e = e
        self.domain = domain
    }

    /// A pair for one signature, (r^e·R, r⁻¹·R mod n), as buffers of the caller's own; the kept pair
    /// is renewed for the next call.
    /// - Timing: copies and two Montgomery squarings (constant time); every 32nd call, `fresh`.
    func take(scratch: LimbBuffer, random: inout some RandomBytesSource) throws(PrivateKeyJWTError) -> (
        rToE: LimbBuffer, rInverse: LimbBuffer
    ) {
        let count = domain.count
        let rToE = LimbBuffer(count: count), rInverse = LimbBuffer(count: count)
        try next.withLock { (kept: inout Pair?) throws(PrivateKeyJWTError) in
            if kept == nil || kept?.uses == Self.usesPerDraw { kept = try fresh(scratch: scratch, random: &random) }
            guard var pair = kept else { throw .signingFault }
            rToE.copyLow(of: pair.rToE)
            rInverse.copyLow(of: pair.rInverse)
            // (r²)^e = (r^e)² and (r²)⁻¹ = (r⁻¹)²; squaring keeps the Montgomery form.
            domain.square(pair.rToE, pair.rToE, scratch: scratch)
            domain.square(pair.rInverse, pair.rInverse, scratch: scratch)
            pair.uses += 1
            kept = pair
        }
        return (rToE, rInverse)
    }

    /// A pair for a fresh random r in [1, n).
    ///
    /// r⁻¹ by blinded inversion (as BoringSSL's BN_mod_inverse_blinded): with a second random b,
    /// t = r·b mod n is uniformly random and independent of r, so GMP's fast variable-time inverse
    /// of t reveals nothing about r; then r⁻¹ = t⁻¹·b mod n.
    /// - Timing: e is public, so square-and-multiply branches on its bits only.
    private func fresh(scratch: LimbBuffer, random: inout some RandomBytesSource) throws(PrivateKeyJWTError) -> Pair {
        let count = domain.count
        for _ in 0..<8 {
            let r = try randomBelowModulus(&random), b = try randomBelowModulus(&random)
            let rMontgomery = LimbBuffer(count: count)
            domain.montgomeryForm(rMontgomery, of: r, scratch: scratch)
            let rToE = domain.powerVarTime(montgomeryBase: rMontgomery, publicExponent: e)
            let product = LimbBuffer(count: count)
            domain.multiply(product, rMontgomery, b, scratch: scratch)
            // Public by design: t = r·b is uniform and independent of r (see above).
            product.auditDeclassified()
            // gcd(t, n) > 1 has probability ~2^-1000; then draw again.
            guard let tInverse = product.bigNum().inverseVarTime(modulus: n) else { continue }
            // t⁻¹·R times b, REDC'd, is r⁻¹; once more into the domain, r⁻¹·R.
            let tMontgomery = LimbBuffer(count: count), rInverse = LimbBuffer(count: count)
            domain.montgomeryForm(tMontgomery, of: LimbBuffer(tInverse, count: count), scratch: scratch)
            domain.multiply(rInverse, tMontgomery, b, scratch: scratch)
            domain.montgomeryForm(rInverse, of: rInverse, scratch: scratch)
            return Pair(rToE: rToE, rInverse: rInverse, uses: 0)
        }
        throw .signingFault
    }

    /// A random value one bit shorter than n (so below n without a comparison on secrets).
    private func randomBelowModulus(_ random: inout some RandomBytesSource) throws(PrivateKeyJWTError) -> LimbBuffer {
        let bits = n.bitWidth - 1
        var bytes = try random.bytes((bits + 7) / 8)
        defer { bytes.withUnsafeMutableBytes { GMPMemory.wipe($0.baseAddress, $0.count) } }
        bytes.withUnsafeBytes { ConstantTimeAudit.secret?($0.baseAddress!, $0.count) }
        bytes[0] &= UInt8(truncatingIfNeeded: (1 << ((bits - 1) % 8 + 1)) - 1)
        return LimbBuffer(bigEndian: bytes, count: domain.count)
    }
}
