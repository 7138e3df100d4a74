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
    func auditDeclassified() {
        ConstantTimeAudit.declassified?(UnsafeRawPointer(base), count * MemoryLayout<UInt>.stride)
    }
}
