// A SHA-256 digest value, compared in constant time.

/// The 32-byte output of SHA-256.
public struct SHA256Digest: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The digest bytes.
    public let bytes: [UInt8]

    init(bytes: [UInt8]) {
        precondition(bytes.count == SHA256.byteCount)
        self.bytes = bytes
    }

    /// Lower-case hexadecimal.
    public var description: String { bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined() }

    /// Constant-time equality: a digest may be compared against a secret-derived one.
    /// - Timing: no branch or memory index depends on the digest bytes.
    public static func == (lhs: SHA256Digest, rhs: SHA256Digest) -> Bool {
        ConstantTime.equals(lhs.bytes, rhs.bytes)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
