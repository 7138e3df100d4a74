// Constant-time limb-vector primitives under the Montgomery arithmetic: add, subtract and select
// over public widths, the value barrier that keeps the optimiser from undoing the masks, and the
// column sum of the product-scanning multiplication.

extension MontgomeryModulus {
    /// r = a − b over `count` limbs; returns the borrow (0 or 1). r may alias a or b.
    @inline(__always)
    static func subtract(_ r: UnsafeMutablePointer<UInt>, _ a: UnsafePointer<UInt>, _ b: UnsafePointer<UInt>, count: Int) -> UInt {
        var borrow: UInt = 0
        for i in 0..<count {
            let (d1, b1) = a[i].subtractingReportingOverflow(b[i])
            let (d2, b2) = d1.subtractingReportingOverflow(borrow)
            r[i] = d2
            borrow = UInt(bit(b1)) | UInt(bit(b2))
        }
        return borrow
    }

    /// r = a + b over `count` limbs; returns the carry (0 or 1). r may alias a or b.
    @inline(__always)
    static func add(_ r: UnsafeMutablePointer<UInt>, _ a: UnsafePointer<UInt>, _ b: UnsafePointer<UInt>, count: Int) -> UInt {
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
    static func select(_ r: UnsafeMutablePointer<UInt>, ifOne a: UnsafePointer<UInt>, else b: UnsafePointer<UInt>, condition: UInt, count: Int) {
        let mask = valueBarrier(0 &- condition)
        for i in 0..<count { r[i] = (a[i] & mask) | (b[i] & ~mask) }
    }
}

/// A column sum of 128-bit products kept as two sums, of the products' low and high limbs (value =
/// low + high·2^64), so that adding a product is two short carry chains side by side instead of one
/// long one (each sum is 128 bits wide: a column of up to 128 limbs cannot overflow it).
struct ColumnSum {
    private var lows: UInt128 = 0
    private var highs: UInt128 = 0

    /// The column's lowest limb.
    var low: UInt { UInt(truncatingIfNeeded: lows) }

    /// += x·y
    @inline(__always)
    mutating func add(_ x: UInt, _ y: UInt) {
        let (high, low) = x.multipliedFullWidth(by: y)
        lows &+= UInt128(low)
        highs &+= UInt128(high)
    }

    /// += another sum
    @inline(__always)
    mutating func add(_ other: ColumnSum) {
        lows &+= other.lows
        highs &+= other.highs
    }

    /// >>= 64: the lowest limb leaves, the rest moves down.
    @inline(__always)
    mutating func shift() {
        lows = (lows >> 64) &+ (highs & 0xFFFF_FFFF_FFFF_FFFF)
        highs >>= 64
    }

    /// += Σ a_j·a_(column−j) over j ≥ first (the pairs of limbs that exist): the pairs below the
    /// diagonal once, doubled, then the square on it when the column is even.
    @inline(__always)
    mutating func addSquareColumn(_ a: UnsafePointer<UInt>, column: Int, from first: Int) {
        var half = ColumnSum()
        var j = first
        while j < column &- j {
            half.add(a[j], a[column &- j])
            j &+= 1
        }
        lows &+= half.lows &<< 1
        highs &+= half.highs &<< 1
        if column & 1 == 0 { add(a[column >> 1], a[column >> 1]) }
    }
}

/// Returns x, but hides from the optimiser that it can only be 0 or all ones: knowing that, LLVM
/// turns `(a & mask) | (b & ~mask)` into a branch or a conditional load (the constant-time check
/// caught both). BoringSSL's value_barrier_w does the same with an empty asm statement; Swift has
/// none, so the barrier is a call the optimiser may not look into.
@inline(never) @_optimize(none)
func valueBarrier(_ x: UInt) -> UInt { x }

/// The overflow flag as 0 or 1 without a branch: the compiler's setc/adc, never a jump.
@inline(__always)
fileprivate func bit(_ flag: Bool) -> UInt8 { unsafeBitCast(flag, to: UInt8.self) }
