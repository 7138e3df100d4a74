// The multiples of G that fixed-base scalar multiplication adds (HAC 14.109's fixed-base windowing,
// one table per window): for each of the 64 four-bit windows i of a scalar, j·16^i·G for j = 1 to 15,
// affine, in Generated/P256GeneratorMultiples.swift (61,440 bytes, written by an independent Python
// generator and compared by CI). With k = Σ k_i·16^i, k·G = Σ k_i·16^i·G: 64 additions, no doubling.

enum P256GeneratorTable {
    static let windows = 64
    /// Entries per window: the digits 1 to 15 (digit 0 adds nothing and has no entry).
    static let entries = 15

    /// Limb index of entry (window, digit) for digit 1 to 15: x's four limbs, then y's.
    @inline(__always)
    static func offset(window: Int, digit: Int) -> Int { 8 * (entries * window + digit - 1) }

    /// The entry for `digit` in `window`, read by scanning every entry of the window through masks;
    /// digit 0 gives (0, 0), which the caller must not add.
    /// - Timing: all 15 entries of the (public) window are read, whatever the digit is.
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

    /// The entry for a digit of 1 to 15, read directly.
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
