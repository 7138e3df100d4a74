// Constant-time limb-vector primitives under the Montgomery arithmetic: add, subtract and select
// over public widths, the value barrier that keeps the optimiser from undoing the masks, and the
// column sum of the product-scanning multiplication.

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

/// A column sum of 128-bit products in three limbs (value = low + middle·2^64 + high·2^128), as in
/// Comba's multiplication: a product goes in with one add and two adds-with-carry. Three limbs hold
/// any column of fewer than 2^62 products.
struct ColumnSum {
    /// The column's lowest limb.
    private(set) var low: UInt = 0
    private var middle: UInt = 0, high: UInt = 0

    /// += x·y
    @inline(__always)
    mutating func add(_ x: UInt, _ y: UInt) {
        let (productHigh, productLow) = x.multipliedFullWidth(by: y)
        let (sum0, carry0) = low.addingReportingOverflow(productLow)
        // productHigh ≤ 2^64 − 2 (as (2^64 − 1)² < 2^128 − 2^65 + 2), so adding the carry cannot wrap.
        let (sum1, carry1) = middle.addingReportingOverflow(productHigh &+ UInt(bit(carry0)))
        low = sum0
        middle = sum1
        high &+= UInt(bit(carry1))
    }

    /// += another sum
    @inline(__always)
    mutating func add(_ other: ColumnSum) {
        let (sum0, carry0) = low.addingReportingOverflow(other.low)
        let (sum1, carry1) = middle.addingReportingOverflow(other.middle)
        let (sum2, carry2) = sum1.addingReportingOverflow(UInt(bit(carry0)))
        low = sum0
        middle = sum2
        high = high &+ other.high &+ UInt(bit(carry1)) &+ UInt(bit(carry2))
    }

    /// 2 × this sum (a sum of half a column's cross products, so the top bit is free).
    @inline(__always)
    var doubled: ColumnSum {
        var result = ColumnSum()
        result.low = low << 1
        result.middle = (middle << 1) | (low >> 63)
        result.high = (high << 1) | (middle >> 63)
        return result
    }

    /// >>= 64: the lowest limb leaves, the rest moves down.
    @inline(__always)
    mutating func shift() {
        low = middle
        middle = high
        high = 0
    }

    /// This sum + x·y, as a new value (the unrolled kernels chain these).
    @inline(__always)
    func adding(_ x: UInt, _ y: UInt) -> ColumnSum {
        var sum = self
        sum.add(x, y)
        return sum
    }

    /// This sum + another, as a new value.
    @inline(__always)
    func adding(_ other: ColumnSum) -> ColumnSum {
        var sum = self
        sum.add(other)
        return sum
    }

    /// This sum >> 64, as a new value.
    @inline(__always)
    var shifted: ColumnSum {
        var sum = self
        sum.shift()
        return sum
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
        add(half.doubled)
        if column & 1 == 0 { add(a[column >> 1], a[column >> 1]) }
    }
}

/// Returns x, but hides from the optimiser that it can only be 0 or all ones: knowing that, LLVM
/// turns `(a & mask) | (b & ~mask)` into a branch or a conditional load (the constant-time check
/// caught both). BoringSSL's value_barrier_w does the same with an empty asm statement; Swift has
/// none, so the barrier is a call the optimiser may not look into.
@inline(never) @_optimize(none)
package func valueBarrier(_ x: UInt) -> UInt { x }

/// The overflow flag as 0 or 1 without a branch: the compiler's setc/adc, never a jump.
@inline(__always)
fileprivate func bit(_ flag: Bool) -> UInt8 { unsafeBitCast(flag, to: UInt8.self) }
