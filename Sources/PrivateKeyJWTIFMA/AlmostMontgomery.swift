// Almost Montgomery multiplication (Gueron, "Efficient software implementations of modular
// exponentiation", J. Cryptogr. Eng. 2012, §4) with 52-bit digits on AVX-512 IFMA, two independent
// products at once: the p half and the q half of an RSA-CRT signature, so that each one's dependency
// chain (digit 0 → u → u·m) runs while the other's multiplications issue, as OpenSSL's
// rsaz_amm52x20_x2_ifma256 does.
//
//   R = 2^1040 > 4m,   AMM(a, b) ≡ a·b·R⁻¹ (mod m),   a, b < 2m  ⇒  AMM(a, b) < 2m
//
// since (a·b + u·m)/R < (4m² + R·m)/R < 2m. So no result needs a subtraction of m until the last
// one (`IFMAExponentiation`), and no comparison is ever made.

import PrivateKeyJWT
import _Builtin_intrinsics.intel

/// A modulus m below 2^1038, odd, as digits, and −m⁻¹ mod 2^52 in every lane.
struct Modulus52 {
    let m: Residue52
    let inverseNegated: Lanes
}

/// (AMM(a, b) mod p, AMM(c, d) mod q), normalised, for a, b < 2p and c, d < 2q with normalised digits;
/// b and d are read from memory (24 lanes each) one digit at a time.
///
/// Operand scanning (HAC 14.36 with 52-bit digits): for each digit b_i, x += a·b_i, then u = x_0·m'
/// mod 2^52 and x += u·m, which clears digit 0; x then moves down one digit. The low halves of the
/// products land in lane j before the move and the high halves (which belong one digit up) in lane j
/// after it. Lanes hold up to 20·4 additions of 52-bit values plus carries, below 2^59.
/// - Timing: 20 rounds of the same instructions; b and d are read at public positions; no branch or
///   index depends on any value.
@inline(__always)
func almostMontgomeryPair(
    _ a: Residue52, _ b: UnsafePointer<UInt>, _ p: Modulus52,
    _ c: Residue52, _ d: UnsafePointer<UInt>, _ q: Modulus52
) -> (Residue52, Residue52) {
    let zero = Lanes(), down = Lanes(1, 2, 3, 4, 5, 6, 7, 8), lane0 = Lanes(-1, 0, 0, 0, 0, 0, 0, 0)
    var x = Residue52.zero, y = Residue52.zero
    for i in 0..<Residue52.digits {
        let bi = Lanes(repeating: Int64(bitPattern: UInt64(b[i])))
        let di = Lanes(repeating: Int64(bitPattern: UInt64(d[i])))
        x.low = _mm512_madd52lo_epu64(x.low, a.low, bi)
        y.low = _mm512_madd52lo_epu64(y.low, c.low, di)
        x.middle = _mm512_madd52lo_epu64(x.middle, a.middle, bi)
        y.middle = _mm512_madd52lo_epu64(y.middle, c.middle, di)
        x.high = _mm512_madd52lo_epu64(x.high, a.high, bi)
        y.high = _mm512_madd52lo_epu64(y.high, c.high, di)
        // u = x_0 · m' mod 2^52 in every lane (IFMA reads only the low 52 bits of x_0, all u needs).
        let u = _mm512_madd52lo_epu64(zero, _mm512_broadcastq_epi64(_mm512_castsi512_si128(x.low)), p.inverseNegated)
        let v = _mm512_madd52lo_epu64(zero, _mm512_broadcastq_epi64(_mm512_castsi512_si128(y.low)), q.inverseNegated)
        x.low = _mm512_madd52lo_epu64(x.low, p.m.low, u)
        y.low = _mm512_madd52lo_epu64(y.low, q.m.low, v)
        x.middle = _mm512_madd52lo_epu64(x.middle, p.m.middle, u)
        y.middle = _mm512_madd52lo_epu64(y.middle, q.m.middle, v)
        x.high = _mm512_madd52lo_epu64(x.high, p.m.high, u)
        y.high = _mm512_madd52lo_epu64(y.high, q.m.high, v)
        // Digit 0 is now a multiple of 2^52: its carry goes to digit 1, which becomes digit 0.
        let carryX = _mm512_srli_epi64(x.low, 52) & lane0, carryY = _mm512_srli_epi64(y.low, 52) & lane0
        x.low = _mm512_permutex2var_epi64(x.low, down, x.middle) &+ carryX
        y.low = _mm512_permutex2var_epi64(y.low, down, y.middle) &+ carryY
        x.middle = _mm512_permutex2var_epi64(x.middle, down, x.high)
        y.middle = _mm512_permutex2var_epi64(y.middle, down, y.high)
        x.high = _mm512_permutex2var_epi64(x.high, down, zero)
        y.high = _mm512_permutex2var_epi64(y.high, down, zero)
        x.low = _mm512_madd52hi_epu64(x.low, a.low, bi)
        y.low = _mm512_madd52hi_epu64(y.low, c.low, di)
        x.middle = _mm512_madd52hi_epu64(x.middle, a.middle, bi)
        y.middle = _mm512_madd52hi_epu64(y.middle, c.middle, di)
        x.high = _mm512_madd52hi_epu64(x.high, a.high, bi)
        y.high = _mm512_madd52hi_epu64(y.high, c.high, di)
        x.low = _mm512_madd52hi_epu64(x.low, p.m.low, u)
        y.low = _mm512_madd52hi_epu64(y.low, q.m.low, v)
        x.middle = _mm512_madd52hi_epu64(x.middle, p.m.middle, u)
        y.middle = _mm512_madd52hi_epu64(y.middle, q.m.middle, v)
        x.high = _mm512_madd52hi_epu64(x.high, p.m.high, u)
        y.high = _mm512_madd52hi_epu64(y.high, q.m.high, v)
    }
    return (x.normalized(), y.normalized())
}
