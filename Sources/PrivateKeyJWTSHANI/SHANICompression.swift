// The SHA-256 compression function (FIPS 180-4 §6.2.2) on the x86 SHA extensions (Intel SDM vol. 2:
// SHA256RNDS2, SHA256MSG1, SHA256MSG2; Intel, "New Instructions Supporting the Secure Hash Algorithm
// on Intel Architecture Processors", 2013). SHA256RNDS2 runs two rounds; MSG1 and MSG2 compute four
// schedule words. Compiled with SHA enabled (Package.swift), so nothing here may run before
// `SHA256.shaExtensionsAreAvailable` said yes.
//
// Register layout, lane 0 first (each lane a 32-bit word of the working variables of §6.2.2):
//   abef = (f, e, b, a), cdgh = (h, g, d, c), which is what SHA256RNDS2 reads and writes.

import PrivateKeyJWT
import _Builtin_intrinsics.intel

/// Four 32-bit lanes; `__m128i` as Swift imports it is two 64-bit lanes, hence the casts below.
typealias Words = SIMD4<UInt32>

enum SHANICompression {
    /// Runs the compression function over every 64-byte block of `blocks`.
    /// - Timing: constant time: the SHA instructions' latency does not depend on their operands, and no
    ///   branch or memory index depends on the block contents; the block count is public.
    @Sendable static func compress(_ state: inout [UInt32], _ blocks: UnsafeBufferPointer<UInt8>) {
        precondition(state.count == 8 && blocks.count % 64 == 0, "SHA-256 compresses whole 64-byte blocks")
        guard let base = blocks.baseAddress else { return }
        // In place: a new array per call cost a heap allocation per digest.
        state.withUnsafeMutableBufferPointer { h in
            var abef = Words(h[5], h[4], h[1], h[0])
            var cdgh = Words(h[7], h[6], h[3], h[2])
            roundConstants.withUnsafeBufferPointer { k in
                for block in 0..<blocks.count / 64 {
                    (abef, cdgh) = sixtyFourRounds(abef, cdgh, base + 64 * block, k)
                }
            }
            (h[0], h[1], h[2], h[3]) = (abef[3], abef[2], cdgh[3], cdgh[2])
            (h[4], h[5], h[6], h[7]) = (abef[1], abef[0], cdgh[1], cdgh[0])
        }
    }

    /// One block: §6.2.2 steps 1 to 4, four rounds per turn.
    ///
    /// Out of line: inlined into the loop over blocks, LLVM hoisted the 16 round-constant loads out
    /// of it and, short of the 16 XMM registers, spilled and reloaded them (62 register moves per block
    /// instead of 39); out of line, digests ran 5% faster in an interleaved A/B run (1.06× OpenSSL's
    /// SHA-NI code instead of 1.00×).
    /// - Timing: straight-line (the loop over the 16 turns is unrolled: no conditional jump, read by
    ///   Tests/ConstantTime/shani-machine-code.sh).
    @inline(never) private static func sixtyFourRounds(
        _ abef: Words, _ cdgh: Words, _ p: UnsafePointer<UInt8>, _ k: UnsafeBufferPointer<Words>
    ) -> (Words, Words) {
        // Step 1: W(0..15) from the block, big-endian (§3.1); w holds W(4i..4i+3), i = 0..3, as a ring.
        var w = (message(p, 0), message(p, 1), message(p, 2), message(p, 3))
        var (x, y) = (abef, cdgh)
        for turn in 0..<16 {
            if turn >= 4 { w.0 = schedule(w.0, w.1, w.2, w.3) }
            (x, y) = fourRounds(x, y, w.0 &+ k[turn])
            w = (w.1, w.2, w.3, w.0)
        }
        // Step 4: H(i) = H(i−1) + the working variables.
        return (abef &+ x, cdgh &+ y)
    }

    /// W(t..t+3) from W(t−16..t−13), W(t−12..t−9), W(t−8..t−5) and W(t−4..t−1): (6.6)'s
    /// σ1(W(t−2)) + W(t−7) + σ0(W(t−15)) + W(t−16). MSG1 adds the σ0 terms, MSG2 the σ1 ones (which
    /// for W(t+2), W(t+3) depend on W(t), W(t+1): MSG2 chains them inside).
    /// - Timing: straight-line.
    @inline(__always) private static func schedule(_ w0: Words, _ w1: Words, _ w2: Words, _ w3: Words) -> Words {
        let sigma0 = words(_mm_sha256msg1_epu32(vector(w0), vector(w1)))
        // W(t−7..t−4): the last three words of w2 and the first of w3.
        let minus7 = Words(w2[1], w2[2], w2[3], w3[0])
        return words(_mm_sha256msg2_epu32(vector(sigma0 &+ minus7), vector(w3)))
    }

    /// Four rounds of step 3 with W(t..t+3) + K(t..t+3) in `wk`. SHA256RNDS2 takes (c, d, g, h),
    /// (a, b, e, f) and two words of W + K, and returns the new (a, b, e, f); the old (a, b, e, f) is
    /// then the new (c, d, g, h), as two rounds shift b→c→d and f→g→h by two.
    /// - Timing: straight-line.
    @inline(__always) private static func fourRounds(_ abef: Words, _ cdgh: Words, _ wk: Words) -> (Words, Words) {
        let next = words(_mm_sha256rnds2_epu32(vector(cdgh), vector(abef), vector(wk)))
        let high = Words(wk[2], wk[3], 0, 0)
        return (words(_mm_sha256rnds2_epu32(vector(abef), vector(next), vector(high))), next)
    }

    /// W(4i..4i+3) of the block at `p`, read big-endian.
    /// - Timing: four loads at public offsets.
    @inline(__always) private static func message(_ p: UnsafePointer<UInt8>, _ i: Int) -> Words {
        let raw = UnsafeRawPointer(p + 16 * i)
        return Words(
            UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt32.self)),
            UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 4, as: UInt32.self)),
            UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self)),
            UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 12, as: UInt32.self)))
    }

    @inline(__always) private static func vector(_ w: Words) -> __m128i { unsafeBitCast(w, to: __m128i.self) }
    @inline(__always) private static func words(_ v: __m128i) -> Words { unsafeBitCast(v, to: Words.self) }

    /// FIPS 180-4 §4.2.2: K(0)..K(63), the core's table, four per turn.
    private static let roundConstants: [Words] = stride(from: 0, to: 64, by: 4).map {
        let k = SHA256Compression.roundConstants
        return Words(k[$0], k[$0 + 1], k[$0 + 2], k[$0 + 3])
    }
}
