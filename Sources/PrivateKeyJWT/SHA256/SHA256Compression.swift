// The SHA-256 compression function, FIPS 180-4 §6.2.2, over whole 64-byte blocks.
//
// Layout for speed (BENCHMARKS.md has the measurements): the message schedule depends only on
// the block, not on the chaining value, so it is computed for four consecutive blocks at once in
// SIMD lanes (lane j = block j), with K(t) already added; the 64 rounds then run block by block on
// scalars and read W(t) + K(t) from that table. The rounds are the same arithmetic as §6.2.2.

enum SHA256Compression {
    typealias State = [UInt32]

    /// FIPS 180-4 §5.3.3: the initial hash value H(0).
    static let initialState: State = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]

    /// FIPS 180-4 §4.2.2: the 64 round constants K(0)..K(63).
    static let roundConstants: [UInt32] = [
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
        withUnsafeTemporaryAllocation(of: Lanes.self, capacity: 64) { table in
            roundConstants.withUnsafeBufferPointer { k in
                let schedule = table.baseAddress!, k = k.baseAddress!
                // Word t of lane j sits at scalar index 4t + j: the rounds of block j read with stride 4.
                let words = UnsafeRawPointer(schedule).assumingMemoryBound(to: UInt32.self)
                var block = 0
                while block < blocks.count / 64 {
                    let count = min(4, blocks.count / 64 - block)
                    scheduleWithConstants(base + 64 * block, blocks: count, into: schedule, k: k)
                    for lane in 0..<count { rounds(&hash, words + lane) }
                    block += count
                }
            }
            // The table held message words: wipe it before the stack slot is reused.
            table.initialize(repeating: Lanes())
        }
        state[0] = hash.0; state[1] = hash.1; state[2] = hash.2; state[3] = hash.3
        state[4] = hash.4; state[5] = hash.5; state[6] = hash.6; state[7] = hash.7
    }

    /// Fills `table[t]` with W(t) + K(t), t = 0..<64, for up to four blocks at `p` (lane j = block j).
    /// Lanes past `blocks` recompute block 0 and are never read.
    private static func scheduleWithConstants(
        _ p: UnsafePointer<UInt8>, blocks: Int, into table: UnsafeMutablePointer<Lanes>, k: UnsafePointer<UInt32>
    ) {
        let p1 = blocks > 1 ? p + 64 : p, p2 = blocks > 2 ? p + 128 : p, p3 = blocks > 3 ? p + 192 : p
        // FIPS 180-4 §6.2.2 step 1: W(0..15) are the block's big-endian words ...
        @inline(__always) func word(_ t: Int) -> Lanes {
            Lanes(bigEndianWord(p, t), bigEndianWord(p1, t), bigEndianWord(p2, t), bigEndianWord(p3, t))
        }
        var w0 = word(0), w1 = word(1), w2 = word(2), w3 = word(3), w4 = word(4), w5 = word(5), w6 = word(6)
        var w7 = word(7), w8 = word(8), w9 = word(9), w10 = word(10), w11 = word(11), w12 = word(12)
        var w13 = word(13), w14 = word(14), w15 = word(15)
        @inline(__always) func emit(_ t: Int, _ w: Lanes) { table[t] = w &+ Lanes(repeating: k[t]) }
        // ... and W(t) = σ1(W(t−2)) + W(t−7) + σ0(W(t−15)) + W(t−16), in a ring of 16 registers
        // (w[i] holds W(t − 16) and becomes W(t), for i = t mod 16).
        @inline(__always) func next(_ w: inout Lanes, _ w1: Lanes, _ w9: Lanes, _ w14: Lanes) {
            w &+= smallSigma0(w1) &+ w9 &+ smallSigma1(w14)
        }
        for t in stride(from: 0, to: 64, by: 16) {
            emit(t, w0); emit(t + 1, w1); emit(t + 2, w2); emit(t + 3, w3)
            emit(t + 4, w4); emit(t + 5, w5); emit(t + 6, w6); emit(t + 7, w7)
            emit(t + 8, w8); emit(t + 9, w9); emit(t + 10, w10); emit(t + 11, w11)
            emit(t + 12, w12); emit(t + 13, w13); emit(t + 14, w14); emit(t + 15, w15)
            if t == 48 { break }
            next(&w0, w1, w9, w14); next(&w1, w2, w10, w15); next(&w2, w3, w11, w0); next(&w3, w4, w12, w1)
            next(&w4, w5, w13, w2); next(&w5, w6, w14, w3); next(&w6, w7, w15, w4); next(&w7, w8, w0, w5)
            next(&w8, w9, w1, w6); next(&w9, w10, w2, w7); next(&w10, w11, w3, w8); next(&w11, w12, w4, w9)
            next(&w12, w13, w5, w10); next(&w13, w14, w6, w11); next(&w14, w15, w7, w12); next(&w15, w0, w8, w13)
        }
    }

    /// FIPS 180-4 §6.2.2 steps 2-4 for one block, reading W(t) + K(t) at `wk[4t]`.
    private static func rounds(_ hash: inout Registers, _ wk: UnsafePointer<UInt32>) {
        var a = hash.0, b = hash.1, c = hash.2, d = hash.3, e = hash.4, f = hash.5, g = hash.6, h = hash.7
        var x = wk
        // Eight rounds per pass with the variables renamed instead of shifted (step 3's
        // h = g, g = f, ... becomes a change of argument order).
        for _ in 0..<8 {
            round(a, b, c, &d, e, f, g, &h, x[0])
            round(h, a, b, &c, d, e, f, &g, x[4])
            round(g, h, a, &b, c, d, e, &f, x[8])
            round(f, g, h, &a, b, c, d, &e, x[12])
            round(e, f, g, &h, a, b, c, &d, x[16])
            round(d, e, f, &g, h, a, b, &c, x[20])
            round(c, d, e, &f, g, h, a, &b, x[24])
            round(b, c, d, &e, f, g, h, &a, x[28])
            x += 32
        }
        // Step 4: the intermediate hash value H(i).
        hash.0 &+= a; hash.1 &+= b; hash.2 &+= c; hash.3 &+= d
        hash.4 &+= e; hash.5 &+= f; hash.6 &+= g; hash.7 &+= h
    }

    /// One round of step 3: d ← d + T1 (the new e) and h ← T1 + T2 (the new a).
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
