// The multiples of G that fixed-base scalar multiplication adds (HAC 14.109's fixed-base windowing,
// one table per window), with signed digits: a scalar's 43 six-bit windows are Booth-recoded to digits
// in −32…32 (A. D. Booth 1951; the recoding of Gueron and Krasnov's P-256 code, J. Cryptographic
// Engineering 5, 2015, §4), and the table holds j·2^(6i)·G for j = 1 to 32, affine, in
// Generated/P256GeneratorMultiples.swift (88,064 bytes, written by an independent Python generator and
// compared by CI). k = Σ d_i·2^(6i), so k·G = Σ ±|d_i|·2^(6i)·G: 43 additions, no doubling; a negative
// digit negates the entry's y.

enum P256GeneratorTable {
    static let windows = 43
    static let width = 6
    /// Entries per window: the magnitudes 1 to 32 (0 adds nothing and has no entry).
    static let entries = 32

    /// Limb index of entry (window, magnitude) for a magnitude of 1 to 32: x's four limbs, then y's.
    @inline(__always)
    static func offset(window: Int, digit: Int) -> Int { 8 * (entries * window + digit - 1) }

    /// The signed digit of `window` in k's Booth recoding: its magnitude (0 to 32) and 1 when it is
    /// negative, else 0. The window's 6 bits and the bit below them, w, stand for w/2 + (w mod 2) − 64·b6
    /// where b6 is w's top bit; for a negative digit the magnitude is that of 127 − w, read the same way.
    /// k < 2^256 leaves the top window's b6 (bit 257) zero, so the digits sum to k.
    /// - Timing: shifts and masks at public positions; the sign is a mask, not a branch.
    @inline(__always)
    static func digit(of k: U256, window: Int) -> (magnitude: UInt, negative: UInt) {
        // Bits 6i − 1 to 6i + 5 of k (bit −1 is 0).
        let w = window == 0 ? (k.l0 << 1) & 0x7F : k.bits(straddling: width * window - 1, count: width + 1)
        let negative = valueBarrier(0 &- (w >> width))
        let folded = ((127 &- w) & negative) | (w & ~negative)
        return ((folded >> 1) &+ (folded & 1), negative & 1)
    }

    /// The entry for `digit` in `window`, read by scanning every entry of the window through masks;
    /// digit 0 gives (0, 0), which the caller must not add.
    /// - Timing: all 32 entries of the (public) window are read, whatever the digit is.
    @inline(__always)
    static func lookup(_ table: UnsafeBufferPointer<UInt>, window: Int, digit: UInt) -> (x: U256, y: U256) {
        // An entry is 64 bytes: read as one 8-lane vector, the scan is a load, an AND and an OR per
        // entry on whatever vector width the target has.
        var found = SIMD8<UInt>(repeating: 0)
        let raw = UnsafeRawBufferPointer(table)
        for entry in 1...entries {
            let d = UInt(entry) ^ digit
            let mask = valueBarrier(((d | (0 &- d)) >> 63) &- 1)
            let row = raw.loadUnaligned(fromByteOffset: 8 * offset(window: window, digit: entry), as: SIMD8<UInt>.self)
            found |= row & SIMD8(repeating: mask)
        }
        return (
            U256(l0: found[0], l1: found[1], l2: found[2], l3: found[3]),
            U256(l0: found[4], l1: found[5], l2: found[6], l3: found[7])
        )
    }

    /// The entry for a magnitude of 1 to 32, read directly.
    /// - Timing: variable time: the digit picks the address. For public scalars only.
    @inline(__always)
    static func entryVarTime(_ table: UnsafeBufferPointer<UInt>, window: Int, digit: Int) -> (x: U256, y: U256) {
        let at = offset(window: window, digit: digit)
        return (
            U256(l0: table[at], l1: table[at + 1], l2: table[at + 2], l3: table[at + 3]),
            U256(l0: table[at + 4], l1: table[at + 5], l2: table[at + 6], l3: table[at + 7])
        )
    }
}
