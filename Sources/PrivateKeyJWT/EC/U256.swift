// A 256-bit number in four 64-bit limbs and the word operations on it that the P-256 field and
// scalar code build on (Field256.swift, P256Field.swift): addition and subtraction with carries,
// masks instead of comparisons, bit windows for the scalar multiplications.

/// A number below 2^256, least significant limb first.
struct U256: Sendable {
    var l0: UInt, l1: UInt, l2: UInt, l3: UInt

    static let zero = U256(l0: 0, l1: 0, l2: 0, l3: 0)
    static let one = U256(l0: 1, l1: 0, l2: 0, l3: 0)

    /// Limb i (0 to 3; a public index).
    @inline(__always)
    subscript(i: Int) -> UInt {
        switch i {
        case 0: l0
        case 1: l1
        case 2: l2
        default: l3
        }
    }

    /// The big-endian number in `bytes`, which must be 32 bytes long (callers check the length).
    init(bigEndian bytes: some Collection<UInt8>) {
        precondition(bytes.count == 32, "a 256-bit number is 32 bytes")
        var limbs = [UInt](repeating: 0, count: 4)
        for (index, byte) in bytes.enumerated() {
            let position = 31 - index
            limbs[position / 8] |= UInt(byte) << (8 * (position % 8))
        }
        self.init(l0: limbs[0], l1: limbs[1], l2: limbs[2], l3: limbs[3])
    }

    init(l0: UInt, l1: UInt, l2: UInt, l3: UInt) {
        (self.l0, self.l1, self.l2, self.l3) = (l0, l1, l2, l3)
    }

    /// The number as 32 big-endian bytes.
    var bigEndianBytes: [UInt8] {
        (0..<32).map { index in
            let position = 31 - index
            return UInt8(truncatingIfNeeded: self[position / 8] >> (8 * (position % 8)))
        }
    }

    /// Bit i (public index) as 0 or 1.
    @inline(__always)
    func bitAt(_ i: Int) -> UInt { (self[i / 64] >> (i % 64)) & 1 }

    /// `count` bits (at most 8) from bit `start` (public positions) as a number; a window never
    /// straddles a limb when `count` divides 64.
    @inline(__always)
    func bits(from start: Int, count: Int) -> UInt { (self[start / 64] >> (start % 64)) & ((1 << count) - 1) }

    /// `count` bits (at most 64) from bit `start`, for public positions that may straddle two limbs or
    /// run past bit 255 (read as zeros).
    @inline(__always)
    func bits(straddling start: Int, count: Int) -> UInt {
        guard start < 256 else { return 0 }
        let (limb, shift) = (start / 64, start % 64)
        var value = self[limb] >> shift
        if shift > 0 && limb < 3 { value |= self[limb + 1] << (64 - shift) }
        return count == 64 ? value : value & ((1 << count) - 1)
    }

    /// a + b and the carry out (0 or 1).
    @inline(__always)
    static func add(_ a: U256, _ b: U256) -> (sum: U256, carry: UInt) {
        let (s0, c0) = a.l0.addingReportingOverflow(b.l0)
        let (s1, c1) = addWithCarry(a.l1, b.l1, UInt(bit(c0)))
        let (s2, c2) = addWithCarry(a.l2, b.l2, c1)
        let (s3, c3) = addWithCarry(a.l3, b.l3, c2)
        return (U256(l0: s0, l1: s1, l2: s2, l3: s3), c3)
    }

    /// a − b and the borrow out (0 or 1).
    @inline(__always)
    static func subtract(_ a: U256, _ b: U256) -> (difference: U256, borrow: UInt) {
        let (d0, b0) = a.l0.subtractingReportingOverflow(b.l0)
        let (d1, b1) = subtractWithBorrow(a.l1, b.l1, UInt(bit(b0)))
        let (d2, b2) = subtractWithBorrow(a.l2, b.l2, b1)
        let (d3, b3) = subtractWithBorrow(a.l3, b.l3, b2)
        return (U256(l0: d0, l1: d1, l2: d2, l3: d3), b3)
    }

    /// mask == all ones ? a : b, for a mask of all ones or zero.
    @inline(__always)
    static func select(_ mask: UInt, _ a: U256, _ b: U256) -> U256 {
        U256(
            l0: (a.l0 & mask) | (b.l0 & ~mask), l1: (a.l1 & mask) | (b.l1 & ~mask),
            l2: (a.l2 & mask) | (b.l2 & ~mask), l3: (a.l3 & mask) | (b.l3 & ~mask))
    }

    /// All ones when the number is zero, else zero.
    @inline(__always)
    var isZeroMask: UInt {
        let any = l0 | l1 | l2 | l3
        return valueBarrier(((any | (0 &- any)) >> 63) &- 1)
    }

    /// All ones when a = b, else zero.
    @inline(__always)
    static func equalMask(_ a: U256, _ b: U256) -> UInt {
        U256(l0: a.l0 ^ b.l0, l1: a.l1 ^ b.l1, l2: a.l2 ^ b.l2, l3: a.l3 ^ b.l3).isZeroMask
    }

    /// All ones when a < b, else zero.
    @inline(__always)
    static func lessThanMask(_ a: U256, _ b: U256) -> UInt { valueBarrier(0 &- subtract(a, b).borrow) }
}

/// x + y + carry (carry 0 or 1) and the carry out.
@inline(__always)
func addWithCarry(_ x: UInt, _ y: UInt, _ carry: UInt) -> (UInt, UInt) {
    let (s, c1) = x.addingReportingOverflow(y)
    let (t, c2) = s.addingReportingOverflow(carry)
    return (t, UInt(bit(c1)) | UInt(bit(c2)))
}

/// x − y − borrow (borrow 0 or 1) and the borrow out.
@inline(__always)
func subtractWithBorrow(_ x: UInt, _ y: UInt, _ borrow: UInt) -> (UInt, UInt) {
    let (d, b1) = x.subtractingReportingOverflow(y)
    let (e, b2) = d.subtractingReportingOverflow(borrow)
    return (e, UInt(bit(b1)) | UInt(bit(b2)))
}

/// (high, low) = x·y + a + b, which cannot overflow 128 bits.
@inline(__always)
func multiplyAdd(_ x: UInt, _ y: UInt, _ a: UInt, _ b: UInt) -> (high: UInt, low: UInt) {
    let (high, low) = x.multipliedFullWidth(by: y)
    let (s, c1) = low.addingReportingOverflow(a)
    let (t, c2) = s.addingReportingOverflow(b)
    return (high &+ UInt(bit(c1)) &+ UInt(bit(c2)), t)
}

extension U256 {
    /// self⁻¹ mod m for a prime m and self in [1, m − 1], by GMP's extended Euclid (mpz_invert); 0
    /// gives 0. Ordinary forms in and out.
    /// - Timing: variable time in self and m: public values only.
    func inverseVarTime(modulo m: U256) -> U256 {
        let inverse = BigNum(octets: bigEndianBytes).inverseVarTime(modulus: BigNum(octets: m.bigEndianBytes))
        guard let octets = inverse?.octets(length: 32) else { return .zero }
        return U256(bigEndian: octets)
    }

    /// Marks the value secret for the constant-time check (Tests/ConstantTime); nothing otherwise.
    mutating func auditSecret() {
        withUnsafeBytes(of: &self) { bytes in
            if let base = bytes.baseAddress { ConstantTimeAudit.secret?(base, bytes.count) }
        }
    }

    /// Marks the value public for the constant-time check, where it is public by design.
    mutating func auditDeclassified() {
        withUnsafeBytes(of: &self) { bytes in
            if let base = bytes.baseAddress { ConstantTimeAudit.declassified?(base, bytes.count) }
        }
    }
}
