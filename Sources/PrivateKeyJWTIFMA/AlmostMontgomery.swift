// Almost Montgomery multiplication (Gueron, "Efficient software implementations of modular
// exponentiation", J. Cryptogr. Eng. 2012, §4) with 52-bit digits on AVX-512 IFMA, two independent
// products at once: the p half and the q half of an RSA-CRT signature, so that each one's dependency
// chain (digit 0 → u → u·m) runs while the other's multiplications issue, as OpenSSL's
// rsaz_amm52x20_x2_ifma256 does.
//
//   R = 2^(52·digits) > 4m,   AMM(a, b) ≡ a·b·R⁻¹ (mod m),   a, b < 2m  ⇒  AMM(a, b) < 2m
//
// since (a·b + u·m)/R < (4m² + R·m)/R < 2m. So no result needs a subtraction of m until the last
// one (`IFMAExponentiation`), and no comparison is ever made. The public modulus n (verification and
// the signer's fault check) runs the same rounds alone, on forty digits.

import PrivateKeyJWT

/// A modulus m, odd, below R/4, as digits, and −m⁻¹ mod 2^52 in every lane.
struct Modulus52<let registers: Int> {
    let m: Residue52<registers>
    let inverseNegated: Lanes
}

/// One round of the product for digit b_i: x += a·b_i, u = x_0·m' mod 2^52, x += u·m (which clears digit
/// 0), then x moves down one digit. The low halves of the products land in lane j before the move and
/// the high halves (which belong one digit up) in lane j after it; they are summed apart, so that they
/// wait for u but not for the move (one addition on the dependency chain instead of two products).
/// - Timing: the same instructions whatever the values.
@inline(__always)
private func round<let registers: Int>(
    _ x: inout Residue52<registers>, _ a: Residue52<registers>, _ bi: UInt, _ m: Modulus52<registers>
) {
    let b = Lanes(repeating: Int64(bitPattern: UInt64(bi)))
    x.addLow(a, times: b)
    let u = x.lowDigitTimes(m.inverseNegated)
    x.addLow(m.m, times: u)
    var high = Residue52<registers>.zero
    high.addHigh(a, times: b)
    high.addHigh(m.m, times: u)
    x.shiftDown()
    x.add(high)
}

/// (AMM(a, b) mod p, AMM(c, d) mod q), normalised, for a, b < 2p and c, d < 2q with normalised digits;
/// b and d are read from memory one digit at a time.
///
/// Operand scanning (HAC 14.36 with 52-bit digits), one `round` per digit, the two products' rounds
/// interleaved. Lanes hold up to 4·digits additions of 52-bit values plus carries (below 2^60 for forty
/// digits). Measured on an AMD EPYC with IFMA: the products bound the time (one unit runs them).
/// - Timing: `digits` rounds of the same instructions; b and d are read at public positions; no branch
///   or index depends on any value.
@inline(__always)
func almostMontgomeryPair<let registers: Int>(
    _ a: Residue52<registers>, _ b: UnsafePointer<UInt>, _ p: Modulus52<registers>,
    _ c: Residue52<registers>, _ d: UnsafePointer<UInt>, _ q: Modulus52<registers>
) -> (Residue52<registers>, Residue52<registers>) {
    var x = Residue52<registers>.zero, y = Residue52<registers>.zero
    for i in 0..<Residue52<registers>.digits {
        round(&x, a, b[i], p)
        round(&y, c, d[i], q)
    }
    return (x.normalized(), y.normalized())
}

/// AMM(a, b) mod m alone, normalised, as `almostMontgomeryPair`.
/// - Timing: as `almostMontgomeryPair`.
@inline(__always)
func almostMontgomery<let registers: Int>(
    _ a: Residue52<registers>, _ b: UnsafePointer<UInt>, _ m: Modulus52<registers>
) -> Residue52<registers> {
    var x = Residue52<registers>.zero
    for i in 0..<Residue52<registers>.digits { round(&x, a, b[i], m) }
    return x.normalized()
}
