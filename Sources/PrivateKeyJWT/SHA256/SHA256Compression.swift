// The SHA-256 compression function, FIPS 180-4 §6.2.2, over whole 64-byte blocks.
//
// Layout for speed (BENCHMARKS.md has the measurements): the message schedule depends only on
// the block, not on the chaining value, so it is computed for four consecutive blocks at once in
// SIMD lanes (lane j = block j), with K(t) already added, into a table. The 64 rounds run block by
// block on scalars and read W(t) + K(t) from that table. While the rounds of one group of four
// blocks run, the schedule of the next group is computed in between them, so that the vector
// units work while the scalar ones do. The arithmetic is that of §6.2.2, in another order.

package enum SHA256Compression {
    package typealias State = [UInt32]

    /// FIPS 180-4 §5.3.3: the initial hash value H(0).
    static let initialState: State = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]

    /// FIPS 180-4 §4.2.2: the 64 round constants K(0)..K(63).
    package static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    /// One schedule word W(t) for each of four blocks.
    typealias Lanes = SIMD4<UInt32>
    typealias Registers = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

    /// Runs the compression function over every 64-byte block of `blocks`.
    /// - Timing: no branch or memory index depends on the block contents; the block count is public.
    static func compress(_ state: inout State, blocks: UnsafeBufferPointer<UInt8>) {
        precondition(blocks.count % 64 == 0, "SHA-256 compresses whole 64-byte blocks")
        guard let base = blocks.baseAddress, !blocks.isEmpty else { return }
        var hash: Registers = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
        let total = blocks.count / 64
        // Two tables of W(t) + K(t) for four blocks, on the heap: with them in a temporary stack
        // allocation, the release build crashed on a misaligned 16-byte vector store in the closure's
        // frame (swiftc 6.3.1; the cause is not pinned down, the heap avoids that frame).
        let tables = UnsafeMutablePointer<Lanes>.allocate(capacity: 128)
        defer {
            // The tables held message words: wipe them before the memory is reused.
            tables.initialize(repeating: Lanes(), count: 128)
            tables.deallocate()
        }
        roundConstants.withUnsafeBufferPointer { k in
            let k = k.baseAddress!
            var current = tables, next = tables + 64
            // The first group's schedule on its own; after that each group's rounds carry the next one's.
            group(&hash, rounds: 0, from: current, scheduling: base, blocks: min(4, total), into: current, k: k)
            var block = 0
            while block < total {
                let count = min(4, total - block), following = min(4, total - block - count)
                group(
                    &hash, rounds: count, from: current, scheduling: base + 64 * (block + count),
                    blocks: following, into: next, k: k)
                swap(&current, &next)
                block += count
            }
        }
        state[0] = hash.0; state[1] = hash.1; state[2] = hash.2; state[3] = hash.3
        state[4] = hash.4; state[5] = hash.5; state[6] = hash.6; state[7] = hash.7
    }

    /// Runs the rounds of the first `count` blocks whose W + K are in `table` (word t of block j at
    /// scalar index 4t + j), and meanwhile writes W(t) + K(t) of up to four blocks at `p` to `next`.
    ///
    /// The schedule uses a ring of 16 registers: w[i] holds W(t − 16) and becomes W(t), i = t mod 16.
    /// Block 0's rounds are paired with loading W(0..15) from the message (FIPS 180-4 §6.2.2 step 1),
    /// blocks 1, 2 and 3's with W(16..31), W(32..47) and W(48..63): one turn of the ring per block,
    /// four words per 16 rounds. With `blocks` = 0 nothing is scheduled; lanes past `blocks` repeat
    /// the first block and are never read.
    ///
    /// Kept out of line: inlined into `compress`, LLVM's register allocation of this loop got worse
    /// (41.6 µs instead of 35.6 µs per 16 KiB in a standalone A/B run).
    /// - Timing: no branch or memory index depends on the block contents; `count`, `blocks` and the
    ///   lane number are public.
    @inline(never)
    private static func group(
        _ hash: inout Registers, rounds count: Int, from table: UnsafePointer<Lanes>,
        scheduling p: UnsafePointer<UInt8>, blocks: Int, into next: UnsafeMutablePointer<Lanes>,
        k: UnsafePointer<UInt32>
    ) {
        let p1 = blocks > 1 ? p + 64 : p, p2 = blocks > 2 ? p + 128 : p, p3 = blocks > 3 ? p + 192 : p
        var w0 = Lanes(), w1 = Lanes(), w2 = Lanes(), w3 = Lanes(), w4 = Lanes(), w5 = Lanes(), w6 = Lanes()
        var w7 = Lanes(), w8 = Lanes(), w9 = Lanes(), w10 = Lanes(), w11 = Lanes(), w12 = Lanes(), w13 = Lanes()
        var w14 = Lanes(), w15 = Lanes()
        for lane in 0..<4 {
            // W(t) for t = 16·lane + i, i = 0..<16: loaded for lane 0, else W(t) = σ1(W(t−2)) + W(t−7)
            // + σ0(W(t−15)) + W(t−16), with w[i+1], w[i+9], w[i+14] (mod 16) holding those words.
            @inline(__always) func schedule(_ w: inout Lanes, _ i: Int, _ w1: Lanes, _ w9: Lanes, _ w14: Lanes) {
                guard blocks > 0 else { return }
                if lane == 0 {
                    w = Lanes(bigEndianWord(p, i), bigEndianWord(p1, i), bigEndianWord(p2, i), bigEndianWord(p3, i))
                } else {
                    w &+= smallSigma0(w1) &+ w9 &+ smallSigma1(w14)
                }
                next[16 &* lane &+ i] = w &+ Lanes(repeating: k[16 &* lane &+ i])
            }
            let wk = UnsafeRawPointer(table).assumingMemoryBound(to: UInt32.self) + lane
            var v = hash
            @inline(__always) func sixteenRounds(_ first: Int) {
                guard lane < count else { return }
                eightRounds(&v, wk + 4 * first)
                eightRounds(&v, wk + 4 * (first + 8))
            }
            schedule(&w0, 0, w1, w9, w14); schedule(&w1, 1, w2, w10, w15)
            schedule(&w2, 2, w3, w11, w0); schedule(&w3, 3, w4, w12, w1)
            sixteenRounds(0)
            schedule(&w4, 4, w5, w13, w2); schedule(&w5, 5, w6, w14, w3)
            schedule(&w6, 6, w7, w15, w4); schedule(&w7, 7, w8, w0, w5)
            sixteenRounds(16)
            schedule(&w8, 8, w9, w1, w6); schedule(&w9, 9, w10, w2, w7)
            schedule(&w10, 10, w11, w3, w8); schedule(&w11, 11, w12, w4, w9)
            sixteenRounds(32)
            schedule(&w12, 12, w13, w5, w10); schedule(&w13, 13, w14, w6, w11)
            schedule(&w14, 14, w15, w7, w12); schedule(&w15, 15, w0, w8, w13)
            sixteenRounds(48)
            // Step 4: the intermediate hash value H(i).
            if lane < count {
                hash.0 &+= v.0; hash.1 &+= v.1; hash.2 &+= v.2; hash.3 &+= v.3
                hash.4 &+= v.4; hash.5 &+= v.5; hash.6 &+= v.6; hash.7 &+= v.7
            }
        }
    }

    /// Eight rounds of FIPS 180-4 §6.2.2 step 3 on the working variables (a, ..., h), reading
    /// W(t) + K(t) at `wk[4i]`. Step 3's h = g, g = f, ... is done by renaming: each round's
    /// arguments are the previous round's shifted by one, and after eight the names line up again.
    /// - Timing: straight-line arithmetic; the table offsets are constants.
    @inline(__always) private static func eightRounds(_ v: inout Registers, _ wk: UnsafePointer<UInt32>) {
        round(v.0, v.1, v.2, &v.3, v.4, v.5, v.6, &v.7, wk[0])
        round(v.7, v.0, v.1, &v.2, v.3, v.4, v.5, &v.6, wk[4])
        round(v.6, v.7, v.0, &v.1, v.2, v.3, v.4, &v.5, wk[8])
        round(v.5, v.6, v.7, &v.0, v.1, v.2, v.3, &v.4, wk[12])
        round(v.4, v.5, v.6, &v.7, v.0, v.1, v.2, &v.3, wk[16])
        round(v.3, v.4, v.5, &v.6, v.7, v.0, v.1, &v.2, wk[20])
        round(v.2, v.3, v.4, &v.5, v.6, v.7, v.0, &v.1, wk[24])
        round(v.1, v.2, v.3, &v.4, v.5, v.6, v.7, &v.0, wk[28])
    }

    /// One round of step 3: d ← d + T1 (the new e) and h ← T1 + T2 (the new a).
    /// - Timing: straight-line arithmetic, no branch and no table.
    @inline(__always) private static func round(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
        _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ wk: UInt32
    ) {
        let hk = h &+ wk
        // Ch(e,f,g) = g ^ (e & (f ^ g)); Maj(a,b,c) = ((a ^ b) & (b ^ c)) ^ b, whose b ^ c is the
        // previous round's a ^ b.
        let ch = g ^ (e & (f ^ g))
        let s1 = bigSigma1(e)
        let t1 = (hk &+ ch) &+ s1
        // d + T1 summed with h + W + K first, which shortens the dependency chain through e.
        d = ((d &+ hk) &+ ch) &+ s1
        h = t1 &+ (((a ^ b) & (b ^ c)) ^ b) &+ bigSigma0(a)
    }

    @inline(__always) private static func bigEndianWord(_ p: UnsafePointer<UInt8>, _ t: Int) -> UInt32 {
        UInt32(bigEndian: UnsafeRawPointer(p + 4 * t).loadUnaligned(as: UInt32.self))
    }

    // FIPS 180-4 §4.1.2, functions (4.4)-(4.7).
    @inline(__always) private static func bigSigma0(_ x: UInt32) -> UInt32 { x.rotr(2) ^ x.rotr(13) ^ x.rotr(22) }
    @inline(__always) private static func bigSigma1(_ x: UInt32) -> UInt32 { x.rotr(6) ^ x.rotr(11) ^ x.rotr(25) }
    // σ0 and σ1 on four lanes, written shift by shift (ROTR^n(x) = x >> n ^ x << (32 − n)) and in
    // this order: other groupings of the same terms make LLVM emit lane shuffles on baseline x86-64.
    @inline(__always) private static func smallSigma0(_ x: Lanes) -> Lanes {
        (x &>> 7) ^ (x &<< 25) ^ (x &>> 18) ^ (x &<< 14) ^ (x &>> 3)
    }
    @inline(__always) private static func smallSigma1(_ x: Lanes) -> Lanes {
        (x &>> 17) ^ (x &<< 15) ^ (x &>> 19) ^ (x &<< 13) ^ (x &>> 10)
    }
}

extension UInt32 {
    /// FIPS 180-4 §3.2 ROTR^n(x).
    @inline(__always) fileprivate func rotr(_ n: UInt32) -> UInt32 { (self >> n) | (self << (32 - n)) }
}
