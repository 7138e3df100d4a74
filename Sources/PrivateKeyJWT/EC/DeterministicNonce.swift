// ECDSA's per-message secret k made deterministically from the private key and the digest (RFC 6979
// §3.2, HMAC-SHA-256, qlen = hlen = 256), so no signature depends on the quality of a random source
// at signing time, and the same message and key always give the same signature.

/// The candidates k of RFC 6979 §3.2 for private scalar x and digest h1, in order.
struct DeterministicNonce {
    private var k: [UInt8]
    private var v: [UInt8]
    /// Whether a candidate was drawn: step h.3 moves K and V on before the next one, and only then,
    /// which saves a signature the two HMACs of a move nothing uses.
    private var drawn = false

    /// RFC 6979 §3.2 steps a to g. x < n and h1 is the 32-byte SHA-256 digest.
    /// - Timing: eight HMAC-SHA-256 over fixed lengths; h1 reduced mod n by one masked subtraction.
    init(privateScalar x: U256, digest h1: [UInt8]) {
        let xOctets = x.bigEndianBytes  // int2octets(x) (§2.3.3)
        // bits2octets(h1) (§2.3.4): bits2int(h1) mod q, as 32 octets.
        let hOctets = P256.order.reduced(U256(bigEndian: h1)).bigEndianBytes
        v = [UInt8](repeating: 0x01, count: 32)  // step b
        k = [UInt8](repeating: 0x00, count: 32)  // step c
        k = hmacSHA256(key: k, message: v + [0x00] + xOctets + hOctets).bytes  // step d
        v = hmacSHA256(key: k, message: v).bytes  // step e
        k = hmacSHA256(key: k, message: v + [0x01] + xOctets + hOctets).bytes  // step f
        v = hmacSHA256(key: k, message: v).bytes  // step g
    }

    /// The next candidate in [1, n − 1] (step h; qlen = hlen, so T is one HMAC output).
    /// - Timing: a candidate out of range (probability below 2^−32) costs one more round; the range
    ///   test itself is masked.
    mutating func next() -> U256 {
        while true {
            if drawn {
                // h.3, after a candidate: K = HMAC_K(V || 0x00), V = HMAC_K(V).
                k = hmacSHA256(key: k, message: v + [0x00]).bytes
                v = hmacSHA256(key: k, message: v).bytes
            }
            drawn = true
            v = hmacSHA256(key: k, message: v).bytes  // h.2
            let candidate = U256(bigEndian: v)  // h.3: bits2int(T)
            var inRange = U256(
                l0: U256.lessThanMask(candidate, P256.order.m) & ~candidate.isZeroMask, l1: 0, l2: 0, l3: 0)
            // Whether a candidate was refused is public by design: it only costs another round.
            inRange.auditDeclassified()
            if inRange.l0 != 0 { return candidate }
        }
    }
}
