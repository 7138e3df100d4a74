// Inversion modulo an odd 256-bit number in constant time by Bernstein and Yang's division steps
// ("Fast constant-time gcd computation and modular inversion", IACR TCHES 2019(3), §§8–11), in the
// variant whose δ starts at 1/2 instead of 1: for inputs below 2^256 it reaches g = 0 within 590 steps
// (Wuille, "Bounds on divsteps iterations in safegcd", github.com/sipa/safegcd-bounds, by convex-hull
// analysis of the step's transition matrices; libsecp256k1 runs the same variant). Here: ten batches of
// 62 steps (620). A batch runs on the low limbs only, since the first k steps depend on the low k bits of
// f and g alone (§8), and yields a 2×2 integer matrix scaled by 2^62, which is then applied to the full
// f and g and to the coefficients d and e that track d·x ≡ f, e·x ≡ g (mod m). At the end g = 0 and
// f = ±1, so x⁻¹ = ±d. Numbers are held in five limbs of 62 bits so that a matrix entry (at most 2^62 in
// size) times a limb, plus another such product and a carry, fits an Int128.

/// A signed integer Σ l_i·2^(62i): l0 to l3 in [0, 2^62), l4 carries the sign.
struct Signed62: Sendable {
    var l0: Int, l1: Int, l2: Int, l3: Int, l4: Int

    static let mask = (1 << 62) - 1

    init(l0: Int, l1: Int, l2: Int, l3: Int, l4: Int) {
        (self.l0, self.l1, self.l2, self.l3, self.l4) = (l0, l1, l2, l3, l4)
    }

    /// x < 2^256 regrouped into 62-bit limbs.
    @inline(__always)
    init(_ x: U256) {
        // bitPattern conversions throughout: a checked one would branch on the (secret) value.
        let mask = UInt(bitPattern: Self.mask)
        l0 = Int(bitPattern: x.l0 & mask)
        l1 = Int(bitPattern: (x.l0 >> 62 | x.l1 << 2) & mask)
        l2 = Int(bitPattern: (x.l1 >> 60 | x.l2 << 4) & mask)
        l3 = Int(bitPattern: (x.l2 >> 58 | x.l3 << 6) & mask)
        l4 = Int(bitPattern: x.l3 >> 56)
    }

    /// The value as U256, for a value in [0, 2^256).
    @inline(__always)
    var u256: U256 {
        let (a, b, c, d, e) = (
            UInt(bitPattern: l0), UInt(bitPattern: l1), UInt(bitPattern: l2), UInt(bitPattern: l3), UInt(bitPattern: l4)
        )
        return U256(l0: a | b << 62, l1: b >> 2 | c << 60, l2: c >> 4 | d << 58, l3: d >> 6 | e << 56)
    }

    /// All ones when the value is negative, else zero.
    @inline(__always)
    var negativeMask: Int { l4 >> 63 }

    /// self + (m where `mask` is all ones), limbs brought back into [0, 2^62) by carries.
    /// - Timing: straight-line.
    @inline(__always)
    func adding(_ m: Signed62, where mask: Int) -> Signed62 {
        Signed62(
            l0: l0 &+ (m.l0 & mask), l1: l1 &+ (m.l1 & mask), l2: l2 &+ (m.l2 & mask), l3: l3 &+ (m.l3 & mask),
            l4: l4 &+ (m.l4 & mask)
        ).carried
    }

    /// −self where `mask` is all ones, else self.
    /// - Timing: straight-line.
    @inline(__always)
    func negated(where mask: Int) -> Signed62 {
        // (x ^ mask) − mask is −x for mask = −1 and x for mask = 0, limb by limb; the carries settle it.
        Signed62(
            l0: (l0 ^ mask) &- mask, l1: (l1 ^ mask) &- mask, l2: (l2 ^ mask) &- mask, l3: (l3 ^ mask) &- mask,
            l4: (l4 ^ mask) &- mask
        ).carried
    }

    /// The same value with l0 to l3 in [0, 2^62) (arithmetic shifts carry negative limbs too).
    @inline(__always)
    private var carried: Signed62 {
        var r = self
        r.l1 &+= r.l0 >> 62
        r.l0 &= Self.mask
        r.l2 &+= r.l1 >> 62
        r.l1 &= Self.mask
        r.l3 &+= r.l2 >> 62
        r.l2 &= Self.mask
        r.l4 &+= r.l3 >> 62
        r.l3 &= Self.mask
        return r
    }
}

/// x⁻¹ mod m for one odd modulus m < 2^256, by 620 division steps.
/// - Timing: no branch or memory index depends on x: the steps choose by masks, the loop counts are
///   fixed.
struct DivstepInverse: Sendable {
    let m: Signed62
    /// m⁻¹ mod 2^62.
    let mInverse62: Int

    /// The matrix of 62 steps: 2^62·(f', g') = (u·f + v·g, q·f + r·g).
    struct Transition {
        var u: Int, v: Int, q: Int, r: Int
    }

    init(modulus: U256, inverseModulo2To62: Int) {
        m = Signed62(modulus)
        mInverse62 = inverseModulo2To62
    }

    /// x⁻¹ mod m for x in [0, m); 0 gives 0. Ordinary values in and out.
    /// - Timing: ten batches of 62 masked steps and their matrix products; straight-line.
    func inverse(_ x: U256) -> U256 {
        var f = m, g = Signed62(x)
        var d = Signed62(l0: 0, l1: 0, l2: 0, l3: 0, l4: 0), e = Signed62(l0: 1, l1: 0, l2: 0, l3: 0, l4: 0)
        var twoDelta = 1  // 2δ, δ = 1/2 at the start
        for _ in 0..<10 {
            let t = Self.divsteps62(&twoDelta, UInt(bitPattern: f.l0), UInt(bitPattern: g.l0))
            update(&d, &e, by: t)
            Self.apply(t, &f, &g)
        }
        // d in (−2m, m): first into (−m, m), then times f's sign (f = ±1), then into [0, m). For x = 0,
        // g stays 0, f stays m and d stays 0.
        var inverse = d.adding(m, where: d.negativeMask)
        inverse = inverse.negated(where: f.negativeMask)
        return inverse.adding(m, where: inverse.negativeMask).u256
    }

    /// 62 division steps on the low bits of f and g (f odd). A step: if δ > 0 and g is odd,
    /// (δ, f, g) ← (1 − δ, g, (g − f)/2); else if g is odd, (1 + δ, f, (g + f)/2); else (1 + δ, f, g/2).
    /// Here as: when g is odd, g ← g − f (δ > 0) or g + f; when δ > 0 as well, f ← f + (g − f), the old g,
    /// and δ ← −δ; then δ ← δ + 1 and g halves. δ is kept as η = −2δ, an even integer whose sign bit is
    /// "δ > 0". Instead of halving the matrix's g row, the f row doubles, so after 62 steps the matrix is
    /// scaled by 2^62 and its entries stay within ±2^62 (|u| + |v| ≤ 2^62, Bernstein–Yang §8.3).
    /// - Timing: straight-line: every step computes its choices by masks.
    @inline(__always)
    static func divsteps62(_ twoDelta: inout Int, _ f0: UInt, _ g0: UInt) -> Transition {
        var (f, g, eta) = (Int(bitPattern: f0), Int(bitPattern: g0), 0 &- twoDelta)
        var (u, v, q, r) = (1, 0, 0, 1)
        for _ in 0..<62 {
            let deltaPositive = eta >> 63
            let gOdd = 0 &- (g & 1)
            let swap = Int(bitPattern: valueBarrier(UInt(bitPattern: deltaPositive & gOdd)))
            // (x ^ c) − c is −x for c = −1 and x for c = 0.
            g &+= ((f ^ deltaPositive) &- deltaPositive) & gOdd
            q &+= ((u ^ deltaPositive) &- deltaPositive) & gOdd
            r &+= ((v ^ deltaPositive) &- deltaPositive) & gOdd
            f &+= g & swap
            u &+= q & swap
            v &+= r & swap
            eta = ((eta ^ swap) &- swap) &- 2
            g >>= 1
            u <<= 1
            v <<= 1
        }
        twoDelta = 0 &- eta
        return Transition(u: u, v: v, q: q, r: r)
    }

    /// (f, g) ← (u·f + v·g, q·f + r·g) / 2^62, exact: the steps made the low 62 bits zero.
    /// - Timing: straight-line.
    @inline(__always)
    static func apply(_ t: Transition, _ f: inout Signed62, _ g: inout Signed62) {
        let (u, v, q, r) = (Int128(t.u), Int128(t.v), Int128(t.q), Int128(t.r))
        var cf = (u &* Int128(f.l0) &+ v &* Int128(g.l0)) >> 62
        var cg = (q &* Int128(f.l0) &+ r &* Int128(g.l0)) >> 62
        var nf = f, ng = g
        cf &+= u &* Int128(f.l1) &+ v &* Int128(g.l1)
        cg &+= q &* Int128(f.l1) &+ r &* Int128(g.l1)
        (nf.l0, ng.l0, cf, cg) = (low62(cf), low62(cg), cf >> 62, cg >> 62)
        cf &+= u &* Int128(f.l2) &+ v &* Int128(g.l2)
        cg &+= q &* Int128(f.l2) &+ r &* Int128(g.l2)
        (nf.l1, ng.l1, cf, cg) = (low62(cf), low62(cg), cf >> 62, cg >> 62)
        cf &+= u &* Int128(f.l3) &+ v &* Int128(g.l3)
        cg &+= q &* Int128(f.l3) &+ r &* Int128(g.l3)
        (nf.l2, ng.l2, cf, cg) = (low62(cf), low62(cg), cf >> 62, cg >> 62)
        cf &+= u &* Int128(f.l4) &+ v &* Int128(g.l4)
        cg &+= q &* Int128(f.l4) &+ r &* Int128(g.l4)
        (nf.l3, ng.l3) = (low62(cf), low62(cg))
        (nf.l4, ng.l4) = (Int(truncatingIfNeeded: cf >> 62), Int(truncatingIfNeeded: cg >> 62))
        (f, g) = (nf, ng)
    }

    /// (d, e) ← (u·d + v·e, q·d + r·e) / 2^62 mod m. A multiple of m makes each sum divisible by 2^62:
    /// k·m with k ≡ −sum·m⁻¹ (mod 2^62). Adding u·m or v·m first where d or e is negative keeps the
    /// results in (−2m, m), as the inputs are: |u| + |v| ≤ 2^62 (Bernstein–Yang §8.3; the
    /// argument in libsecp256k1's doc/safegcd_implementation.md, §4).
    /// - Timing: straight-line.
    @inline(__always)
    func update(_ d: inout Signed62, _ e: inout Signed62, by t: Transition) {
        let (u, v, q, r) = (Int128(t.u), Int128(t.v), Int128(t.q), Int128(t.r))
        let (sd, se) = (d.negativeMask, e.negativeMask)
        var md = (t.u & sd) &+ (t.v & se)
        var me = (t.q & sd) &+ (t.r & se)
        var cd = u &* Int128(d.l0) &+ v &* Int128(e.l0)
        var ce = q &* Int128(d.l0) &+ r &* Int128(e.l0)
        md &-= (mInverse62 &* Int(truncatingIfNeeded: cd) &+ md) & Signed62.mask
        me &-= (mInverse62 &* Int(truncatingIfNeeded: ce) &+ me) & Signed62.mask
        let (kd, ke) = (Int128(md), Int128(me))
        cd = (cd &+ kd &* Int128(m.l0)) >> 62
        ce = (ce &+ ke &* Int128(m.l0)) >> 62
        var nd = d, ne = e
        cd &+= u &* Int128(d.l1) &+ v &* Int128(e.l1) &+ kd &* Int128(m.l1)
        ce &+= q &* Int128(d.l1) &+ r &* Int128(e.l1) &+ ke &* Int128(m.l1)
        (nd.l0, ne.l0, cd, ce) = (low62(cd), low62(ce), cd >> 62, ce >> 62)
        cd &+= u &* Int128(d.l2) &+ v &* Int128(e.l2) &+ kd &* Int128(m.l2)
        ce &+= q &* Int128(d.l2) &+ r &* Int128(e.l2) &+ ke &* Int128(m.l2)
        (nd.l1, ne.l1, cd, ce) = (low62(cd), low62(ce), cd >> 62, ce >> 62)
        cd &+= u &* Int128(d.l3) &+ v &* Int128(e.l3) &+ kd &* Int128(m.l3)
        ce &+= q &* Int128(d.l3) &+ r &* Int128(e.l3) &+ ke &* Int128(m.l3)
        (nd.l2, ne.l2, cd, ce) = (low62(cd), low62(ce), cd >> 62, ce >> 62)
        cd &+= u &* Int128(d.l4) &+ v &* Int128(e.l4) &+ kd &* Int128(m.l4)
        ce &+= q &* Int128(d.l4) &+ r &* Int128(e.l4) &+ ke &* Int128(m.l4)
        (nd.l3, ne.l3) = (low62(cd), low62(ce))
        (nd.l4, ne.l4) = (Int(truncatingIfNeeded: cd >> 62), Int(truncatingIfNeeded: ce >> 62))
        (d, e) = (nd, ne)
    }
}

/// The low 62 bits of an accumulator, as a limb.
@inline(__always)
private func low62(_ x: Int128) -> Int { Int(truncatingIfNeeded: x) & Signed62.mask }
