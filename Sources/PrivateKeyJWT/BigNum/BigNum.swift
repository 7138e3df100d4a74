// An owned, immutable GMP integer (mpz_t): the only place the core creates or clears one.

import CGMP

/// A non-negative or negative arbitrary-precision integer that owns exactly one `mpz_t`.
///
/// The `mpz_t` is initialised in `init` and cleared in `deinit`, and nothing else can reach the raw
/// struct except `withRaw`, so it cannot leak or be cleared twice. Instances are never mutated after
/// their initialiser returns (every operation makes a new `BigNum`), which is what makes sharing them
/// across threads sound. Limbs are wiped on release by `GMPMemory`.
package final class BigNum: @unchecked Sendable {
    private let raw: UnsafeMutablePointer<__mpz_struct>

    /// A new integer, zero, ready to be written by `build` before anyone else sees it.
    init(build: (UnsafeMutablePointer<__mpz_struct>) -> Void) {
        precondition(GMPMemory.installed)
        raw = .allocate(capacity: 1)
        __gmpz_init(raw)
        build(raw)
    }

    deinit {
        __gmpz_clear(raw)
        raw.deallocate()
    }

    /// Builds a new integer by running a GMP function on its fresh `mpz_t`.
    static func make(_ build: (UnsafeMutablePointer<__mpz_struct>) -> Void) -> BigNum { BigNum(build: build) }

    /// Read-only access to the `mpz_t`, for GMP calls that take `mpz_srcptr`.
    func withRaw<T>(_ body: (UnsafePointer<__mpz_struct>) throws -> T) rethrows -> T { try body(raw) }

    convenience init(_ value: UInt) { self.init { __gmpz_set_ui($0, value) } }

    /// The number of bits in |self| (0 for zero).
    package var bitWidth: Int { sign == 0 ? 0 : Int(__gmpz_sizeinbase(raw, 2)) }
    /// -1, 0 or 1.
    var sign: Int { Int(raw.pointee._mp_size.signum()) }
    /// The number of 64-bit limbs GMP uses for |self|.
    var limbCount: Int { Int(abs(raw.pointee._mp_size)) }
    var isOdd: Bool { __gmpz_tstbit(raw, 0) == 1 }

    /// Bit `index` of |self|.
    /// - Timing: variable time; do not index secrets with it in signing paths.
    package func testBitVarTime(_ index: Int) -> Bool { __gmpz_tstbit(raw, mp_bitcnt_t(index)) == 1 }
}

extension BigNum: Equatable, Comparable {
    /// - Timing: variable time; inputs are public.
    package static func == (lhs: BigNum, rhs: BigNum) -> Bool { lhs.compareVarTime(rhs) == 0 }
    /// - Timing: variable time; inputs are public.
    package static func < (lhs: BigNum, rhs: BigNum) -> Bool { lhs.compareVarTime(rhs) < 0 }

    /// - Timing: variable time; inputs are public.
    func compareVarTime(_ other: BigNum) -> Int {
        Int(withRaw { a in other.withRaw { b in __gmpz_cmp(a, b) } }.signum())
    }

    /// - Timing: variable time; inputs are public.
    func compareVarTime(_ value: UInt) -> Int { Int(withRaw { __gmpz_cmp_ui($0, value) }.signum()) }
}
