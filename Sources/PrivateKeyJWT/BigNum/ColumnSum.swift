// The column sum of the product-scanning (Comba) Montgomery multiplication, and the overflow flag as
// a limb: the two pieces MontgomeryModulus.swift and the generated kernels add products with.
// - Timing: straight-line arithmetic; nothing here branches or indexes on a value.

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

/// The overflow flag as 0 or 1 without a branch: the compiler's setc/adc, never a jump.
@inline(__always)
func bit(_ flag: Bool) -> UInt8 { unsafeBitCast(flag, to: UInt8.self) }
