// Numbers as 52-bit digits, four to a 256-bit register (five registers for a 1024-bit prime, ten for
// a 2048-bit modulus): the radix of AVX-512
// IFMA, whose VPMADD52LUQ and VPMADD52HUQ multiply the low 52 bits of each 64-bit lane and add the
// low or the high 52 bits of the 104-bit product to a 64-bit lane (Intel SDM vol. 2, VPMADD52LUQ;
// Gueron and Krasnov, "Accelerating big integer arithmetic using Intel IFMA extensions", ARITH 2016).
// The 12 spare bits of each lane collect carries, which `normalized()` moves up when a product is done.
// 256-bit registers (AVX-512VL), as OpenSSL's ifma256 code: twenty digits fill five exactly, where
// three 512-bit ones would carry four idle lanes (measured: 20% slower per product on this CPU).
// The register count is a generic parameter; every loop over it is unrolled and kept in registers.

import PrivateKeyJWT
import _Builtin_intrinsics.intel

/// Four 64-bit lanes: `__m256i` as Swift imports it.
typealias Lanes = SIMD4<Int64>

/// 4·registers digits, d_i < 2^52 after `normalized()`, value Σ d_i·2^(52·i).
///
/// - Timing: every operation is straight-line vector code over all lanes, whatever the digits.
struct Residue52<let registers: Int> {
    var d: InlineArray<registers, Lanes>

    /// Digits per value, one per lane.
    static var digits: Int { 4 * registers }
    /// 64-bit limbs of the values converted to and from digits: the most whose values stay below R/4
    /// (R = 2^(52·digits); `AlmostMontgomery` needs R > 4m): 16 for five registers, 32 for ten.
    static var limbs: Int { (52 * digits - 2) / 64 }

    static var zero: Self { Self(d: InlineArray(repeating: Lanes())) }

    @inline(__always)
    init(d: InlineArray<registers, Lanes>) { self.d = d }

    /// The 4·registers lanes at `p`.
    @inline(__always)
    init(_ p: UnsafePointer<UInt>) { d = InlineArray { _mm256_maskz_loadu_epi64(0xFF, p + 4 * $0) } }

    @inline(__always)
    func store(_ p: UnsafeMutablePointer<UInt>) {
        for k in 0..<registers { _mm256_mask_storeu_epi64(p + 4 * k, 0xFF, d[k]) }
    }

    /// self + lo52(a_j·b) in lane j (VPMADD52LUQ; the full-mask form, as the plain one is a C macro).
    @inline(__always)
    mutating func addLow(_ a: Self, times b: Lanes) {
        for k in 0..<registers { d[k] = _mm256_mask_madd52lo_epu64(d[k], 0xFF, a.d[k], b) }
    }

    /// self + hi52(a_j·b) in lane j (VPMADD52HUQ).
    @inline(__always)
    mutating func addHigh(_ a: Self, times b: Lanes) {
        for k in 0..<registers { d[k] = _mm256_mask_madd52hi_epu64(d[k], 0xFF, a.d[k], b) }
    }

    /// x_0 · factor mod 2^52 in every lane (IFMA reads only the low 52 bits of x_0): u of a round.
    @inline(__always)
    func lowDigitTimes(_ factor: Lanes) -> Lanes {
        _mm256_mask_madd52lo_epu64(Lanes(), 0xFF, _mm256_broadcastq_epi64(_mm256_castsi256_si128(d[0])), factor)
    }

    /// Digit 0, a multiple of 2^52, leaves: its carry goes to digit 1, and every digit moves down one.
    @inline(__always)
    mutating func shiftDown() {
        let down = Lanes(1, 2, 3, 4), carry = _mm256_srli_epi64(d[0], 52) & Lanes(-1, 0, 0, 0)
        for k in 0..<(registers - 1) { d[k] = _mm256_permutex2var_epi64(d[k], down, d[k + 1]) }
        d[registers - 1] = _mm256_permutex2var_epi64(d[registers - 1], down, Lanes())
        d[0] &+= carry
    }

    /// self + other, lane by lane (no carries: lanes have 12 bits to spare).
    @inline(__always)
    mutating func add(_ other: Self) {
        for k in 0..<registers { d[k] &+= other.d[k] }
    }

    /// self | (row & mask), lane by lane (a masked table read).
    @inline(__always)
    mutating func merge(_ row: Self, mask: Lanes) {
        for k in 0..<registers { d[k] |= row.d[k] & mask }
    }

    /// Each lane's bits above 52 moved up one lane, then the carries that this leaves rippled through
    /// with one addition of lane masks, so that every digit is below 2^52 again. The value is
    /// unchanged; it must be below R (the caller's bound), so nothing leaves the top lane.
    /// - Timing: the same vector and mask operations whatever the lanes hold; the ripple is an integer
    ///   addition on masks, not a loop over values.
    @inline(__always)
    func normalized() -> Self {
        let mask = Self.digitMask, up = Lanes(3, 4, 5, 6)
        let excess = InlineArray<registers, Lanes> { _mm256_srli_epi64(d[$0], 52) }
        // Lane i gets the excess of lane i − 1: each lane is now below 2^52 + 2^12.
        var x = self
        x.d[0] = (d[0] & mask) &+ _mm256_permutex2var_epi64(Lanes(), up, excess[0])
        for k in 1..<registers { x.d[k] = (d[k] & mask) &+ _mm256_permutex2var_epi64(excess[k - 1], up, excess[k]) }
        // g: lanes at 2^52 or above (each sends one carry); p: lanes at exactly 2^52 − 1 (each passes
        // on a carry it receives). The lanes that receive a carry are ((g << 1) + p) ^ p, as in a
        // carry-lookahead adder with g and p as generate and propagate bits.
        let g = x.laneMask { _mm256_test_epi64_mask($0, ~mask) }
        let p = ~x.laneMask { _mm256_test_epi64_mask($0 ^ mask, $0 ^ mask) } & ((1 << Self.digits) - 1)
        let receives = ((g << 1) &+ p) ^ p
        let one = Lanes(repeating: 1)
        for k in 0..<registers {
            let lanes = UInt8(truncatingIfNeeded: (receives >> (4 * k)) & 0xF)
            x.d[k] = _mm256_mask_add_epi64(x.d[k], lanes, x.d[k], one) & mask
        }
        return x
    }

    /// One bit per lane, lane i at bit i, from a per-register mask (4 bits each).
    @inline(__always)
    private func laneMask(_ test: (Lanes) -> UInt8) -> UInt64 {
        var bits: UInt64 = 0
        for k in 0..<registers { bits |= UInt64(test(d[k]) & 0xF) << (4 * k) }
        return bits
    }

    /// 2^52 − 1 in every lane.
    @inline(__always)
    static var digitMask: Lanes { Lanes(repeating: (1 << 52) - 1) }
}

/// A 1024-bit prime's values: twenty digits.
typealias PrimeResidue = Residue52<5>
/// A 2048-bit modulus' values: forty digits.
typealias ModulusResidue = Residue52<10>

extension Residue52 {
    /// Writes the digits of the `limbs`-limb value at `value` to `digits`.
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

    /// Writes the low 64·`limbs` bits of the normalised digits at `digits` to `limbs` limbs.
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
