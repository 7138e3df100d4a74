// SHA-256, FIPS 180-4 §6.2, in pure Swift: streaming and one-shot.

/// A SHA-256 hash function (FIPS 180-4 §6.2), streaming or one-shot.
///
/// - Timing: no branch or memory index depends on the message bytes; the message length is public.
public struct SHA256: Sendable {
    /// The digest length in bytes.
    public static let byteCount = 32
    /// The block length in bytes (FIPS 180-4 §1, Figure 1).
    public static let blockByteCount = 64

    private var state: SHA256Compression.State = SHA256Compression.initialState
    private var buffer = [UInt8](repeating: 0, count: 64)
    private var buffered = 0
    private var totalBytes: UInt64 = 0
    private let compress: BlockFunction

    /// Starts a new hash computation, on the compression function installed now
    /// (SHA256BlockFunction.swift).
    public init() { compress = Self.blockFunction }

    /// Starts a new hash computation on `compress` (tests: each path on the vectors).
    package init(blockFunction compress: @escaping BlockFunction) { self.compress = compress }

    /// Feeds more message bytes.
    /// - Timing: no branch or memory index depends on the bytes; their count is public.
    public mutating func update<Bytes: Sequence>(data: Bytes) where Bytes.Element == UInt8 {
        if data.withContiguousStorageIfAvailable({ absorb($0) }) == nil { absorb(Array(data)) }
    }

    private mutating func absorb(_ input: [UInt8]) { input.withUnsafeBufferPointer { absorb($0) } }

    private mutating func absorb(_ input: UnsafeBufferPointer<UInt8>) {
        totalBytes &+= UInt64(input.count)
        var offset = 0
        if buffered > 0 {
            let take = min(64 - buffered, input.count)
            for i in 0..<take { buffer[buffered + i] = input[i] }
            buffered += take
            offset = take
            guard buffered == 64 else { return }
            buffer.withUnsafeBufferPointer { compress(&state, $0) }
            buffered = 0
        }
        let whole = (input.count - offset) / 64 * 64
        if whole > 0 {
            compress(&state, UnsafeBufferPointer(rebasing: input[offset..<offset + whole]))
            offset += whole
        }
        for i in offset..<input.count { buffer[i - offset] = input[i] }
        buffered = input.count - offset
    }

    /// Finishes the computation and returns the 32-byte digest.
    /// - Timing: no branch or memory index depends on the message bytes.
    public func finalize() -> SHA256Digest {
        var state = self.state
        let bitLength = totalBytes &* 8
        // FIPS 180-4 §5.1.1: the buffered bytes, a 1 bit, zeros to 448 mod 512 bits, the 64-bit length:
        // one block, or two when the buffer has fewer than 9 bytes free. Built in stack memory, compressed
        // there, and cleared (it may hold message bytes, as the buffer does).
        let length = buffered < 56 ? 64 : 128
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { tail in
            for i in 0..<buffered { tail[i] = buffer[i] }
            tail[buffered] = 0x80
            for i in (buffered + 1)..<(length - 8) { tail[i] = 0 }
            for i in 0..<8 { tail[length - 8 + i] = UInt8(truncatingIfNeeded: bitLength >> (56 - 8 * UInt64(i))) }
            compress(&state, UnsafeBufferPointer(rebasing: tail[0..<length]))
            for i in 0..<length { tail[i] = 0 }
        }
        var out = [UInt8](repeating: 0, count: 32)
        for (index, word) in state.enumerated() {
            for byte in 0..<4 { out[4 * index + byte] = UInt8(truncatingIfNeeded: word >> (24 - 8 * UInt32(byte))) }
        }
        return SHA256Digest(bytes: out)
    }

    /// One-shot hash of `data`.
    /// - Timing: no branch or memory index depends on the bytes; their count is public.
    public static func hash<Bytes: Sequence>(data: Bytes) -> SHA256Digest where Bytes.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(data: data)
        return hasher.finalize()
    }
}
