// Hooks for the mechanical constant-time check (Tests/ConstantTime, valgrind memcheck): where
// secrets enter the signing path, and where a value made from secrets becomes public by design.
// They do nothing unless that check installs its functions; nothing else sets them.

/// The points where `CRTSigner` marks memory secret or public, for a checker to observe.
///
/// The checker marks secret memory "undefined" for memcheck, which then reports every branch and
/// every memory index that depends on it (as ctgrind, Langley 2010, and BoringSSL's
/// CONSTTIME_SECRET do).
@_spi(ConstantTimeAudit)
public enum ConstantTimeAudit {
    public typealias Marker = @Sendable (UnsafeRawPointer, Int) -> Void

    /// Called on each secret operand as it enters the signing path.
    nonisolated(unsafe) public static var secret: Marker?
    /// Called where a value derived from secrets is public by design (each call says why).
    nonisolated(unsafe) public static var declassified: Marker?
}

extension LimbBuffer {
    /// Marks every limb secret for the checker.
    func auditSecret() { ConstantTimeAudit.secret?(UnsafeRawPointer(base), count * MemoryLayout<UInt>.stride) }

    /// Marks every limb public for the checker.
    func auditDeclassified() { ConstantTimeAudit.declassified?(UnsafeRawPointer(base), count * MemoryLayout<UInt>.stride) }
}

extension LimbBuffer {
    /// Marks public the bits of a secret modulus that GMP 6.2.1's mpn_sec_* functions read with
    /// table lookups or branches (SECURITY.md, "What leaks"): bits 1–7 of the lowest limb, which
    /// mpn_sec_powm uses to index binvert_limb_table, and the top two bytes of the top limb, from
    /// which mpn_sec_div_r takes the leading-zero count and mpn_invert_limb a table index (its top
    /// 9 bits). For keys pkjwt makes the top two bits are set, so at most 7 + 7 bits of each prime
    /// are exposed, to a cache-timing observer. Our own exponentiation (the signing issue) removes
    /// this; until then the constant-time check holds everything else to zero reports.
    func auditDeclassifiedGMPModulusBits() {
        let limb = MemoryLayout<UInt>.stride
        ConstantTimeAudit.declassified?(UnsafeRawPointer(base), 1)
        ConstantTimeAudit.declassified?(UnsafeRawPointer(base) + (count * limb - 2), 2)
    }
}
