// The application whose secret files these are. Its name marks what a killed write can leave on disk,
// the staging file `.FILE.NAME-new` that the next write to FILE sweeps, and names the variable that
// forces named staging, NAME_SECRET_STAGING (upper-cased, '-' as '_'). An executable sets it once,
// before its first write, and keeps it across releases: a new name would leave the staging files of
// runs under the old one unswept.

import Foundation

public enum FileOwner {
    /// NSLock is a pthread mutex, which ThreadSanitizer follows.
    private static let lock = NSLock()
    nonisolated(unsafe) private static var current = "app"  // guarded by `lock`

    /// The owner's name; "app" until an executable sets its own.
    public static var name: String { lock.withLock { current } }

    /// Sets the owner's name: 1 to 32 lower-case ASCII letters, digits and '-', starting with a letter.
    public static func set(_ name: String) {
        precondition(isValid(name), "an owner name is lower-case letters, digits and '-'")
        lock.withLock { current = name }
    }

    static func isValid(_ name: String) -> Bool {
        guard let first = name.utf8.first, (0x61...0x7A).contains(first), name.utf8.count <= 32 else { return false }
        return name.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
    }

    /// The end of a staging file's name: `.NAME-new`.
    static var stagingSuffix: String { "." + name + "-new" }

    /// NAME_SECRET_STAGING.
    static var stagingVariable: String {
        name.uppercased().replacingOccurrences(of: "-", with: "_") + "_SECRET_STAGING"
    }
}
