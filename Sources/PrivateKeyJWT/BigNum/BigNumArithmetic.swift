// Variable-time arithmetic on BigNum (GMP's mpz functions): for public values and for key generation
// (which is variable time, like everyone's). Every function here is variable time, the operators
// (+, −, ·, comparisons) included, whose names cannot carry the mark; the private-key operation uses
// none of them (CRTSigner.swift runs on MontgomeryModulus).

import CGMP

extension BigNum {
    private static func binary(
        _ a: BigNum, _ b: BigNum,
        _ op: (UnsafeMutablePointer<__mpz_struct>, UnsafePointer<__mpz_struct>, UnsafePointer<__mpz_struct>) -> Void
    ) -> BigNum {
        make { r in a.withRaw { x in b.withRaw { y in op(r, x, y) } } }
    }

    /// - Timing: variable time.
    static func + (a: BigNum, b: BigNum) -> BigNum { binary(a, b) { __gmpz_add($0, $1, $2) } }
    /// - Timing: variable time.
    static func - (a: BigNum, b: BigNum) -> BigNum { binary(a, b) { __gmpz_sub($0, $1, $2) } }
    /// - Timing: variable time.
    static func * (a: BigNum, b: BigNum) -> BigNum { binary(a, b) { __gmpz_mul($0, $1, $2) } }
    /// - Timing: variable time.
    static func + (a: BigNum, b: UInt) -> BigNum { make { r in a.withRaw { __gmpz_add_ui(r, $0, b) } } }
    /// - Timing: variable time.
    static func - (a: BigNum, b: UInt) -> BigNum { make { r in a.withRaw { __gmpz_sub_ui(r, $0, b) } } }

    /// True when self = b^c for integers b and c ≥ 2 (GMP's mpz_perfect_power_p).
    /// - Timing: variable time; used on public moduli.
    var isPerfectPowerVarTime: Bool { withRaw { __gmpz_perfect_power_p($0) } != 0 }

    /// The non-negative remainder of self modulo `m` (m > 0).
    /// - Timing: variable time.
    package func modVarTime(_ m: BigNum) -> BigNum { BigNum.binary(self, m) { __gmpz_mod($0, $1, $2) } }

    /// self mod m for a small m.
    /// - Timing: variable time.
    func modVarTime(_ m: UInt) -> UInt { withRaw { __gmpz_fdiv_ui($0, m) } }

    /// Floor division by `m`.
    /// - Timing: variable time.
    func dividedVarTime(by m: BigNum) -> BigNum { BigNum.binary(self, m) { __gmpz_fdiv_q($0, $1, $2) } }

    /// self^e mod m, for public exponents or public bases only.
    /// - Timing: variable time; inputs are public (or key generation, which is variable time).
    func powerVarTime(_ e: BigNum, modulus m: BigNum) -> BigNum {
        BigNum.make { r in withRaw { b in e.withRaw { x in m.withRaw { __gmpz_powm(r, b, x, $0) } } } }
    }

    /// The greatest common divisor.
    /// - Timing: variable time.
    func gcdVarTime(_ other: BigNum) -> BigNum { BigNum.binary(self, other) { __gmpz_gcd($0, $1, $2) } }

    /// The least common multiple.
    /// - Timing: variable time.
    func lcmVarTime(_ other: BigNum) -> BigNum { BigNum.binary(self, other) { __gmpz_lcm($0, $1, $2) } }

    /// The inverse of self modulo `m`, or nil when gcd(self, m) ≠ 1.
    /// - Timing: variable time; used in key generation and on public values.
    func inverseVarTime(modulus m: BigNum) -> BigNum? {
        var ok: Int32 = 0
        let r = BigNum.binary(self, m) { ok = __gmpz_invert($0, $1, $2) }
        return ok != 0 ? r : nil
    }

    /// self · 2^bits.
    func shiftedLeftVarTime(_ bits: Int) -> BigNum {
        BigNum.make { r in withRaw { __gmpz_mul_2exp(r, $0, mp_bitcnt_t(bits)) } }
    }

    /// ⌊self / 2^bits⌋.
    func shiftedRightVarTime(_ bits: Int) -> BigNum {
        BigNum.make { r in withRaw { __gmpz_fdiv_q_2exp(r, $0, mp_bitcnt_t(bits)) } }
    }

    /// |self|.
    func magnitudeVarTime() -> BigNum { BigNum.make { r in withRaw { __gmpz_abs(r, $0) } } }

    /// 2^bits.
    package static func powerOfTwo(_ bits: Int) -> BigNum { make { __gmpz_setbit($0, mp_bitcnt_t(bits)) } }

    /// The number of trailing zero bits of a positive value.
    func trailingZeroBitCountVarTime() -> Int { withRaw { Int(__gmpz_scan1($0, 0)) } }

    /// Parses digits in `radix` (no prefix, no sign), or nil when they are not all digits.
    /// - Timing: variable time; for test vectors and public values.
    convenience init?(digitsVarTime text: String, radix: Int = 16) {
        var ok: Int32 = -1
        let valid =
            !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isHexDigit && Int(String($0), radix: radix) != nil }
        self.init(build: { r in ok = valid ? __gmpz_set_str(r, text, Int32(radix)) : -1 })
        guard ok == 0 else { return nil }
    }
}
