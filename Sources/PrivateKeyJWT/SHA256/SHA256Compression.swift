// The SHA-256 compression function, FIPS 180-4 §6.2.2, over whole 64-byte blocks.

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

    /// Runs the compression function over every 64-byte block of `blocks`.
    /// - Timing: no branch or memory index depends on the block contents.
    static func compress(_ state: inout State, blocks: UnsafeBufferPointer<UInt8>) {
        precondition(blocks.count % 64 == 0, "SHA-256 compresses whole 64-byte blocks")
        guard let base = blocks.baseAddress, !blocks.isEmpty else { return }
        var h0 = state[0], h1 = state[1], h2 = state[2], h3 = state[3]
        var h4 = state[4], h5 = state[5], h6 = state[6], h7 = state[7]
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { w in
            roundConstants.withUnsafeBufferPointer { k in
                for offset in stride(from: 0, to: blocks.count, by: 64) {
                    var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
                    // Steps 2-3: one round. Ch(e,f,g) = g ^ (e & (f ^ g)); Maj(a,b,c) = (a & b) | (c & (a | b)).
                    @inline(__always) func round(_ t: Int, _ wt: UInt32) {
                        let t1 = h &+ bigSigma1(e) &+ (g ^ (e & (f ^ g))) &+ k[t] &+ wt
                        let t2 = bigSigma0(a) &+ ((a & b) | (c & (a | b)))
                        h = g; g = f; f = e; e = d &+ t1
                        d = c; c = b; b = a; a = t1 &+ t2
                    }
                    // FIPS 180-4 §6.2.2 step 1: W(0..15) are the block's big-endian words ...
                    for t in 0..<16 {
                        let wt = UInt32(bigEndian: UnsafeRawPointer(base + offset + 4 * t).loadUnaligned(as: UInt32.self))
                        w[t] = wt
                        round(t, wt)
                    }
                    // ... and W(16..63) the schedule, kept in a 16-word ring (W(t) replaces W(t − 16)).
                    for t in 16..<64 {
                        let wt = smallSigma1(w[(t - 2) & 15]) &+ w[(t - 7) & 15] &+ smallSigma0(w[(t - 15) & 15]) &+ w[t & 15]
                        w[t & 15] = wt
                        round(t, wt)
                    }
                    // Step 4: the intermediate hash value H(i).
                    h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d
                    h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
                }
            }
            // The schedule held message words: wipe it before the stack slot is reused.
            w.initialize(repeating: 0)
        }
        state[0] = h0; state[1] = h1; state[2] = h2; state[3] = h3
        state[4] = h4; state[5] = h5; state[6] = h6; state[7] = h7
    }

    // FIPS 180-4 §4.1.2, functions (4.4)-(4.7).
    @inline(__always) private static func bigSigma0(_ x: UInt32) -> UInt32 { x.rotr(2) ^ x.rotr(13) ^ x.rotr(22) }
    @inline(__always) private static func bigSigma1(_ x: UInt32) -> UInt32 { x.rotr(6) ^ x.rotr(11) ^ x.rotr(25) }
    @inline(__always) private static func smallSigma0(_ x: UInt32) -> UInt32 { x.rotr(7) ^ x.rotr(18) ^ (x >> 3) }
    @inline(__always) private static func smallSigma1(_ x: UInt32) -> UInt32 { x.rotr(17) ^ x.rotr(19) ^ (x >> 10) }
}

extension UInt32 {
    /// FIPS 180-4 §3.2 ROTR^n(x).
    @inline(__always) fileprivate func rotr(_ n: UInt32) -> UInt32 { (self >> n) | (self << (32 - n)) }
}
