// Byte-string comparison whose timing does not depend on the contents.

enum ConstantTime {
    /// True when `a` and `b` hold the same bytes.
    /// - Timing: no branch or memory index depends on the contents; the lengths are public.
    static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<a.count { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
