// Fixed-width limb arrays for GMP's mpn_sec_* functions, wiped on release.

import CGMP

/// `count` limbs of scratch or operand space, zero-filled, owned, and wiped before it is freed.
///
/// The mpn_sec_* functions (GMP manual §8.13 "Low-level functions for cryptography") work on
/// fixed-width limb arrays whose widths are public; this type gives each one an owner.
package final class LimbBuffer {
    package let count: Int
    package let base: UnsafeMutablePointer<mp_limb_t>

    package init(count: Int) {
        precondition(count > 0)
        self.count = count
        base = .allocate(capacity: count)
        base.initialize(repeating: 0, count: count)
    }

    /// `x` zero-extended to `count` limbs.
    /// - Timing: depends on `count` and on x's limb count (its size, not its bits).
    package convenience init(_ x: BigNum, count: Int) {
        precondition(x.sign >= 0 && x.limbCount <= count, "value does not fit the limb width")
        self.init(count: count)
        x.withRaw { raw in
            if let source = __gmpz_limbs_read(raw), x.limbCount > 0 { base.update(from: source, count: x.limbCount) }
        }
    }

    /// Big-endian `bytes` (at most `count` limbs' worth), zero-extended.
    /// - Timing: depends on the lengths only; no branch or index on the bytes' values.
    convenience init(bigEndian bytes: [UInt8], count: Int) {
        precondition(bytes.count <= count * 8, "value does not fit the limb width")
        self.init(count: count)
        for (offset, byte) in bytes.reversed().enumerated() {
            base[offset / 8] |= mp_limb_t(byte) << (8 * (offset % 8))
        }
    }

    deinit {
        GMPMemory.wipe(base, count * MemoryLayout<mp_limb_t>.stride)
        base.deallocate()
    }

    /// The value as a BigNum (GMP normalises away leading zero limbs).
    package func bigNum() -> BigNum {
        BigNum.make { r in
            let target = __gmpz_limbs_write(r, count)!
            target.update(from: base, count: count)
            __gmpz_limbs_finish(r, count)
        }
    }

    /// Copies the low `count` limbs of `other` into self (self.count ≤ other.count).
    func copyLow(of other: LimbBuffer) {
        precondition(count <= other.count)
        base.update(from: other.base, count: count)
    }
}
