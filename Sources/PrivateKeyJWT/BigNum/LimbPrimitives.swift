import CValueBarrier

// Constant-time limb-vector primitives under the Montgomery arithmetic: add, subtract and select
// over public widths, and the value barrier that keeps the optimiser from undoing the masks.

extension MontgomeryModulus {
    /// (x − y − borrow mod 2^64, the borrow out) for a borrow in of 0 or 1; the borrow out is 0 or 1.
    @inline(__always)
    static func subtractingWithBorrow(_ x: UInt, _ y: UInt, _ borrow: UInt) -> (UInt, UInt) {
        let (d1, b1) = x.subtractingReportingOverflow(y)
        let (d2, b2) = d1.subtractingReportingOverflow(borrow)
        return (d2, UInt(bit(b1)) | UInt(bit(b2)))
    }

    /// All ones when t + carry·R ≥ m, given the borrow of t − m: a Montgomery result keeps its
    /// difference then. Zero otherwise.
    @inline(__always)
    static func differenceMask(carry: UInt, borrow: UInt) -> UInt { valueBarrier(0 &- (carry | (1 &- borrow))) }

    /// mask == all ones ? a : b, for a mask of all ones or zero.
    @inline(__always)
    static func choose(_ mask: UInt, _ a: UInt, _ b: UInt) -> UInt { (a & mask) | (b & ~mask) }

    /// r = a − b over `count` limbs; returns the borrow (0 or 1). r may alias a or b.
    @inline(__always)
    package static func subtract(
        _ r: UnsafeMutablePointer<UInt>, _ a: UnsafePointer<UInt>, _ b: UnsafePointer<UInt>, count: Int
    ) -> UInt {
        var borrow: UInt = 0
        for i in 0..<count { (r[i], borrow) = subtractingWithBorrow(a[i], b[i], borrow) }
        return borrow
    }

    /// r = a + b over `count` limbs; returns the carry (0 or 1). r may alias a or b.
    @inline(__always)
    static func add(_ r: UnsafeMutablePointer<UInt>, _ a: UnsafePointer<UInt>, _ b: UnsafePointer<UInt>, count: Int)
        -> UInt
    {
        var carry: UInt = 0
        for i in 0..<count {
            let (s1, c1) = a[i].addingReportingOverflow(b[i])
            let (s2, c2) = s1.addingReportingOverflow(carry)
            r[i] = s2
            carry = UInt(bit(c1)) | UInt(bit(c2))
        }
        return carry
    }

    /// r = condition == 1 ? a : b, limb by limb through a mask (condition is 0 or 1).
    @inline(__always)
    package static func select(
        _ r: UnsafeMutablePointer<UInt>, ifOne a: UnsafePointer<UInt>, else b: UnsafePointer<UInt>, condition: UInt,
        count: Int
    ) {
        let mask = valueBarrier(0 &- condition)
        for i in 0..<count { r[i] = choose(mask, a[i], b[i]) }
    }
}

/// Returns x, but hides from the optimiser that it can only be 0 or all ones: knowing that, LLVM
/// turns `(a & mask) | (b & ~mask)` into a branch or a conditional load (the constant-time check
/// caught both). The empty asm statement of BoringSSL's value_barrier_w, from a C header
/// (Sources/CValueBarrier): inlined, it costs no instruction, where the call it replaced made every
/// caller spill its registers (P-256 point doubling made 34 such calls).
@inline(__always)
package func valueBarrier(_ x: UInt) -> UInt { value_barrier_word(x) }
