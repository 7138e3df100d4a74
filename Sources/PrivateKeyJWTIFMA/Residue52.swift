// Numbers below 2^1040 as twenty 52-bit digits in three 512-bit registers: the radix of AVX-512
// IFMA, whose VPMADD52LUQ and VPMADD52HUQ multiply the low 52 bits of each 64-bit lane and add the
// low or the high 52 bits of the 104-bit product to a 64-bit lane (Intel SDM vol. 2, VPMADD52LUQ;
// Gueron and Krasnov, "Accelerating big integer arithmetic using Intel IFMA extensions", ARITH 2016).
// The 12 spare bits of each lane collect carries, which `normalized()` moves up when a product is done.

import PrivateKeyJWT
import _Builtin_intrinsics.intel

/// Eight 64-bit lanes: `__m512i` as Swift imports it.
typealias Lanes = SIMD8<Int64>

/// Twenty digits, d_i < 2^52 after `normalized()`, value Σ d_i·2^(52·i); lanes 20..<24 are zero.
///
/// - Timing: every operation is straight-line vector code over all 24 lanes, whatever the digits.
struct Residue52 {
    /// Digits 0..<8, 8..<16 and 16..<24.
    var low: Lanes, middle: Lanes, high: Lanes

    /// Digits per value (1040 bits, for moduli below 2^1038: `AlmostMontgomery` needs R > 4m).
    static let digits = 20
    /// Lanes per value in memory: three registers.
    static let lanes = 24
    /// 64-bit limbs of the values converted to and from digits: 1024 bits.
    static let limbs = 16

    static var zero: Residue52 { Residue52(low: Lanes(), middle: Lanes(), high: Lanes()) }

    @inline(__always)
    init(low: Lanes, middle: Lanes, high: Lanes) {
        self.low = low
        self.middle = middle
        self.high = high
    }

    /// The 24 lanes at `p`.
    @inline(__always)
    init(_ p: UnsafePointer<UInt>) {
        low = _mm512_loadu_si512(p)
        middle = _mm512_loadu_si512(p + 8)
        high = _mm512_loadu_si512(p + 16)
    }

    @inline(__always)
    func store(_ p: UnsafeMutablePointer<UInt>) {
        _mm512_storeu_si512(p, low)
        _mm512_storeu_si512(p + 8, middle)
        _mm512_storeu_si512(p + 16, high)
    }

    /// Each lane's bits above 52 moved up one lane, then the carries that this leaves rippled through
    /// with one 24-bit addition of lane masks, so that every digit is below 2^52 again. The value is
    /// unchanged; it must be below 2^1040 (the caller's bound), so nothing leaves lane 19.
    /// - Timing: the same vector and mask operations whatever the lanes hold; the ripple is an integer
    ///   addition on masks, not a loop.
    @inline(__always)
    func normalized() -> Residue52 {
        let zero = Lanes(), mask = Self.digitMask, up = Lanes(7, 8, 9, 10, 11, 12, 13, 14)
        let c0 = _mm512_srli_epi64(low, 52), c1 = _mm512_srli_epi64(middle, 52), c2 = _mm512_srli_epi64(high, 52)
        // Lane i gets the excess of lane i − 1: each lane is now below 2^52 + 2^12.
        var x = Residue52(
            low: (low & mask) &+ _mm512_permutex2var_epi64(zero, up, c0),
            middle: (middle & mask) &+ _mm512_permutex2var_epi64(c0, up, c1),
            high: (high & mask) &+ _mm512_permutex2var_epi64(c1, up, c2))
        // g: lanes at 2^52 or above (each sends one carry); p: lanes at exactly 2^52 − 1 (each passes
        // on a carry it receives). The lanes that receive a carry are ((g << 1) + p) ^ p, as in a
        // carry-lookahead adder with g and p as generate and propagate bits.
        let g = x.laneMask { _mm512_test_epi64_mask($0, ~mask) }
        let p = ~x.laneMask { _mm512_test_epi64_mask($0 ^ mask, $0 ^ mask) } & 0xFF_FFFF
        let receives = ((g << 1) &+ p) ^ p
        let one = Lanes(repeating: 1)
        x.low = _mm512_mask_add_epi64(x.low, UInt8(truncatingIfNeeded: receives), x.low, one) & mask
        x.middle = _mm512_mask_add_epi64(x.middle, UInt8(truncatingIfNeeded: receives >> 8), x.middle, one) & mask
        x.high = _mm512_mask_add_epi64(x.high, UInt8(truncatingIfNeeded: receives >> 16), x.high, one) & mask
        return x
    }

    /// One bit per lane, lane i at bit i, from a per-register mask.
    @inline(__always)
    private func laneMask(_ test: (Lanes) -> UInt8) -> UInt32 {
        UInt32(test(low)) | UInt32(test(middle)) << 8 | UInt32(test(high)) << 16
    }

    /// 2^52 − 1 in every lane.
    @inline(__always)
    static var digitMask: Lanes { Lanes(repeating: (1 << 52) - 1) }
}

extension Residue52 {
    /// Writes the 20 digits of the 16-limb value at `value` to `digits` (24 lanes; 20..<24 zero).
    /// - Timing: shifts by public amounts at public positions.
    static func split(_ value: UnsafePointer<UInt>, into digits: UnsafeMutablePointer<UInt>) {
        for i in 0..<lanes { digits[i] = 0 }
        for i in 0..<Self.digits {
            let bit = 52 * i, limb = bit / 64, offset = bit % 64
            var digit = value[limb] >> offset
            // A digit that starts above bit 12 of a limb takes its top bits from the next limb.
            if offset > 12, limb + 1 < limbs { digit |= value[limb + 1] << (64 - offset) }
            digits[i] = digit & ((1 << 52) - 1)
        }
    }

    /// Writes the low 1024 bits of the normalised digits at `digits` to 16 limbs.
    /// - Timing: shifts by public amounts at public positions.
    static func join(_ digits: UnsafePointer<UInt>, into value: UnsafeMutablePointer<UInt>) {
        for j in 0..<limbs {
            let bit = 64 * j, digit = bit / 52, offset = bit % 52
            // 52 − offset bits from this digit, 52 from the next, and the rest from the one after.
            var limb = digits[digit] >> offset | digits[digit + 1] << (52 - offset)
            if offset > 40 { limb |= digits[digit + 2] << (104 - offset) }
            value[j] = limb
        }
    }
}
