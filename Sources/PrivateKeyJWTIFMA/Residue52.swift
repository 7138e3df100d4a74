// Numbers below 2^1040 as twenty 52-bit digits in five 256-bit registers: the radix of AVX-512
// IFMA, whose VPMADD52LUQ and VPMADD52HUQ multiply the low 52 bits of each 64-bit lane and add the
// low or the high 52 bits of the 104-bit product to a 64-bit lane (Intel SDM vol. 2, VPMADD52LUQ;
// Gueron and Krasnov, "Accelerating big integer arithmetic using Intel IFMA extensions", ARITH 2016).
// The 12 spare bits of each lane collect carries, which `normalized()` moves up when a product is done.
// 256-bit registers (AVX-512VL), as OpenSSL's ifma256 code: twenty digits fill five exactly, where
// three 512-bit ones would carry four idle lanes (measured: 20% slower per product on this CPU).

import PrivateKeyJWT
import _Builtin_intrinsics.intel

/// Four 64-bit lanes: `__m256i` as Swift imports it.
typealias Lanes = SIMD4<Int64>

/// Twenty digits, d_i < 2^52 after `normalized()`, value Σ d_i·2^(52·i).
///
/// - Timing: every operation is straight-line vector code over all 20 lanes, whatever the digits.
struct Residue52 {
    /// Digits 0..<4, 4..<8, …, 16..<20.
    var d0: Lanes, d1: Lanes, d2: Lanes, d3: Lanes, d4: Lanes

    /// Digits per value (1040 bits, for moduli below 2^1038: `AlmostMontgomery` needs R > 4m).
    static let digits = 20
    /// Lanes per value in memory (one per digit).
    static let lanes = 20
    /// 64-bit limbs of the values converted to and from digits: 1024 bits.
    static let limbs = 16

    static var zero: Residue52 { Residue52(repeating: Lanes()) }

    @inline(__always)
    init(repeating x: Lanes) { (d0, d1, d2, d3, d4) = (x, x, x, x, x) }

    /// The 20 lanes at `p`.
    @inline(__always)
    init(_ p: UnsafePointer<UInt>) {
        (d0, d1, d2, d3, d4) = (Self.load(p), Self.load(p + 4), Self.load(p + 8), Self.load(p + 12), Self.load(p + 16))
    }

    @inline(__always)
    func store(_ p: UnsafeMutablePointer<UInt>) {
        _mm256_mask_storeu_epi64(p, 0xFF, d0)
        _mm256_mask_storeu_epi64(p + 4, 0xFF, d1)
        _mm256_mask_storeu_epi64(p + 8, 0xFF, d2)
        _mm256_mask_storeu_epi64(p + 12, 0xFF, d3)
        _mm256_mask_storeu_epi64(p + 16, 0xFF, d4)
    }

    @inline(__always)
    private static func load(_ p: UnsafePointer<UInt>) -> Lanes { _mm256_maskz_loadu_epi64(0xFF, p) }

    /// self + lo52(a_j·b) in lane j (VPMADD52LUQ; the full-mask form, as the plain one is a C macro).
    @inline(__always)
    mutating func addLow(_ a: Residue52, times b: Lanes) {
        d0 = _mm256_mask_madd52lo_epu64(d0, 0xFF, a.d0, b)
        d1 = _mm256_mask_madd52lo_epu64(d1, 0xFF, a.d1, b)
        d2 = _mm256_mask_madd52lo_epu64(d2, 0xFF, a.d2, b)
        d3 = _mm256_mask_madd52lo_epu64(d3, 0xFF, a.d3, b)
        d4 = _mm256_mask_madd52lo_epu64(d4, 0xFF, a.d4, b)
    }

    /// self + hi52(a_j·b) in lane j (VPMADD52HUQ).
    @inline(__always)
    mutating func addHigh(_ a: Residue52, times b: Lanes) {
        d0 = _mm256_mask_madd52hi_epu64(d0, 0xFF, a.d0, b)
        d1 = _mm256_mask_madd52hi_epu64(d1, 0xFF, a.d1, b)
        d2 = _mm256_mask_madd52hi_epu64(d2, 0xFF, a.d2, b)
        d3 = _mm256_mask_madd52hi_epu64(d3, 0xFF, a.d3, b)
        d4 = _mm256_mask_madd52hi_epu64(d4, 0xFF, a.d4, b)
    }

    /// Lane 0 of every lane: u = x_0 · m' mod 2^52 (IFMA reads only the low 52 bits of x_0).
    @inline(__always)
    func lowDigitTimes(_ factor: Lanes) -> Lanes {
        _mm256_mask_madd52lo_epu64(Lanes(), 0xFF, _mm256_broadcastq_epi64(_mm256_castsi256_si128(d0)), factor)
    }

    /// Digit 0, a multiple of 2^52, leaves: its carry goes to digit 1, and every digit moves down one.
    @inline(__always)
    mutating func shiftDown() {
        let down = Lanes(1, 2, 3, 4), carry = _mm256_srli_epi64(d0, 52) & Lanes(-1, 0, 0, 0)
        d0 = _mm256_permutex2var_epi64(d0, down, d1) &+ carry
        d1 = _mm256_permutex2var_epi64(d1, down, d2)
        d2 = _mm256_permutex2var_epi64(d2, down, d3)
        d3 = _mm256_permutex2var_epi64(d3, down, d4)
        d4 = _mm256_permutex2var_epi64(d4, down, Lanes())
    }

    /// self | (row & mask), lane by lane (a masked table read).
    @inline(__always)
    mutating func merge(_ row: Residue52, mask: Lanes) {
        d0 |= row.d0 & mask
        d1 |= row.d1 & mask
        d2 |= row.d2 & mask
        d3 |= row.d3 & mask
        d4 |= row.d4 & mask
    }

    /// Each lane's bits above 52 moved up one lane, then the carries that this leaves rippled through
    /// with one 20-bit addition of lane masks, so that every digit is below 2^52 again. The value is
    /// unchanged; it must be below 2^1040 (the caller's bound), so nothing leaves lane 19.
    /// - Timing: the same vector and mask operations whatever the lanes hold; the ripple is an integer
    ///   addition on masks, not a loop.
    @inline(__always)
    func normalized() -> Residue52 {
        let mask = Self.digitMask, up = Lanes(3, 4, 5, 6)
        let c0 = _mm256_srli_epi64(d0, 52), c1 = _mm256_srli_epi64(d1, 52), c2 = _mm256_srli_epi64(d2, 52)
        let c3 = _mm256_srli_epi64(d3, 52)
        // Lane i gets the excess of lane i − 1 (the top lane's excess is zero): each lane is now below
        // 2^52 + 2^12.
        var x = self
        x.d0 = (d0 & mask) &+ _mm256_permutex2var_epi64(Lanes(), up, c0)
        x.d1 = (d1 & mask) &+ _mm256_permutex2var_epi64(c0, up, c1)
        x.d2 = (d2 & mask) &+ _mm256_permutex2var_epi64(c1, up, c2)
        x.d3 = (d3 & mask) &+ _mm256_permutex2var_epi64(c2, up, c3)
        x.d4 = (d4 & mask) &+ _mm256_permutex2var_epi64(c3, up, _mm256_srli_epi64(d4, 52))
        // g: lanes at 2^52 or above (each sends one carry); p: lanes at exactly 2^52 − 1 (each passes
        // on a carry it receives). The lanes that receive a carry are ((g << 1) + p) ^ p, as in a
        // carry-lookahead adder with g and p as generate and propagate bits.
        let g = x.laneMask { _mm256_test_epi64_mask($0, ~mask) }
        let p = ~x.laneMask { _mm256_test_epi64_mask($0 ^ mask, $0 ^ mask) } & 0xF_FFFF
        let receives = ((g << 1) &+ p) ^ p
        let one = Lanes(repeating: 1)
        x.d0 = _mm256_mask_add_epi64(x.d0, UInt8(truncatingIfNeeded: receives & 0xF), x.d0, one) & mask
        x.d1 = _mm256_mask_add_epi64(x.d1, UInt8(truncatingIfNeeded: (receives >> 4) & 0xF), x.d1, one) & mask
        x.d2 = _mm256_mask_add_epi64(x.d2, UInt8(truncatingIfNeeded: (receives >> 8) & 0xF), x.d2, one) & mask
        x.d3 = _mm256_mask_add_epi64(x.d3, UInt8(truncatingIfNeeded: (receives >> 12) & 0xF), x.d3, one) & mask
        x.d4 = _mm256_mask_add_epi64(x.d4, UInt8(truncatingIfNeeded: (receives >> 16) & 0xF), x.d4, one) & mask
        return x
    }

    /// One bit per lane, lane i at bit i, from a per-register mask (4 bits each).
    @inline(__always)
    private func laneMask(_ test: (Lanes) -> UInt8) -> UInt32 {
        let low = UInt32(test(d0) & 0xF) | UInt32(test(d1) & 0xF) << 4 | UInt32(test(d2) & 0xF) << 8
        return low | UInt32(test(d3) & 0xF) << 12 | UInt32(test(d4) & 0xF) << 16
    }

    /// 2^52 − 1 in every lane.
    @inline(__always)
    static var digitMask: Lanes { Lanes(repeating: (1 << 52) - 1) }
}

extension Residue52 {
    /// Writes the 20 digits of the 16-limb value at `value` to `digits`.
    /// - Timing: shifts by public amounts at public positions.
    static func split(_ value: UnsafePointer<UInt>, into digits: UnsafeMutablePointer<UInt>) {
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
