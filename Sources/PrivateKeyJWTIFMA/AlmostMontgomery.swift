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

/// A modulus m below 2^1038, odd, as digits, and −m⁻¹ mod 2^52 in every lane.
struct Modulus52 {
    let m: Residue52
    let inverseNegated: Lanes
}

/// (AMM(a, b) mod p, AMM(c, d) mod q), normalised, for a, b < 2p and c, d < 2q with normalised digits;
/// b and d are read from memory (20 lanes each) one digit at a time.
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
    var x = Residue52.zero, y = Residue52.zero
    for i in 0..<Residue52.digits {
        let bi = Lanes(repeating: Int64(bitPattern: UInt64(b[i])))
        let di = Lanes(repeating: Int64(bitPattern: UInt64(d[i])))
        x.addLow(a, times: bi)
        y.addLow(c, times: di)
        let u = x.lowDigitTimes(p.inverseNegated), v = y.lowDigitTimes(q.inverseNegated)
        x.addLow(p.m, times: u)
        y.addLow(q.m, times: v)
        x.shiftDown()
        y.shiftDown()
        x.addHigh(a, times: bi)
        y.addHigh(c, times: di)
        x.addHigh(p.m, times: u)
        y.addHigh(q.m, times: v)
    }
    return (x.normalized(), y.normalized())
}
