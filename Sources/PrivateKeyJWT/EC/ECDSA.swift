// ECDSA over P-256 with SHA-256 (FIPS 186-5 §6.4): signing with RFC 6979 nonces, and verification.
// Signatures are (r, s) as two 32-byte big-endian numbers.

enum ECDSA {
    /// (r, s) for digest `e` under private scalar d (FIPS 186-5 §6.4.1), with nonces from `nonce`.
    /// - Timing: d and k enter only the constant-time scalar multiplication, Montgomery products and
    ///   a fixed-exponent inversion; the loop repeats only for r = 0 or s = 0 (probability 2^−256).
    static func sign(digest: [UInt8], privateScalar d: U256, nonce: inout DeterministicNonce) -> (r: U256, s: U256) {
        let n = P256.order
        // e: the digest as a number (256 bits: no truncation, §6.4.1 step 3), then mod n.
        let e = n.reduced(U256(bigEndian: digest))
        while true {
            let k = nonce.next()
            if let signature = sign(e: e, d: d, k: k) { return signature }
        }
    }

    /// One attempt with nonce k in [1, n − 1]; nil when r or s is 0 (§6.4.1 steps 7 and 9).
    static func sign(e: U256, d: U256, k: U256) -> (r: U256, s: U256)? {
        let n = P256.order
        var k = k
        k.auditSecret()
        // Steps 5–7: R = k·G, r = x_R mod n (x_R < p < 2n). k ≠ 0 mod n, so R is never the identity.
        var r = n.reduced(P256Point.generatorMultiplied(by: k).affineCoordinates.x)
        // Step 8: s = k⁻¹(e + r·d) mod n, in Montgomery form: k⁻¹·R times (e + r·d)·R gives s·R.
        let kInverse = n.montgomeryForm(n.inverter.inverse(k))
        let rd = n.multiply(n.montgomeryForm(r), n.montgomeryForm(d))
        var s = n.ordinaryForm(n.multiply(kInverse, n.add(n.montgomeryForm(e), rd)))
        // r and s are the signature: public from here on.
        r.auditDeclassified()
        s.auditDeclassified()
        guard r.isZeroMask == 0, s.isZeroMask == 0 else { return nil }
        return (r, s)
    }

    /// FIPS 186-5 §6.4.2 for digest `e`, signature (r, s) and public point q.
    /// - Timing: variable time; everything here is public.
    static func verifyVarTime(digest: [UInt8], r: U256, s: U256, publicKey q: P256Point) -> Bool {
        let n = P256.order
        // Step 1: r and s in [1, n − 1].
        for value in [r, s] where value.isZeroMask != 0 || U256.lessThanMask(value, n.m) == 0 { return false }
        let e = n.reduced(U256(bigEndian: digest))
        // Steps 3–5: w = s⁻¹, u1 = e·w, u2 = r·w (mod n); s is public, so GMP inverts it.
        let w = n.montgomeryForm(s.inverseVarTime(modulo: n.m))
        let u1 = n.ordinaryForm(n.multiply(n.montgomeryForm(e), w))
        let u2 = n.ordinaryForm(n.multiply(n.montgomeryForm(r), w))
        // Steps 6–8: R = u1·G + u2·Q, not the identity, and x_R mod n = r.
        let point = P256Point.verificationSumVarTime(u1: u1, u2: u2, q: q)
        return point.isIdentityMask == 0 && point.affineXModOrderIsVarTime(r)
    }
}
