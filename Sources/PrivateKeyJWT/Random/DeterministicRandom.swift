// A replayable byte stream (SHA-256 in counter mode) for tests and benchmarks only.

/// A deterministic stream: block i is SHA-256(seed || i as 8 big-endian bytes).
///
/// It exists so that key generation can be replayed from a fixed candidate stream in tests and
/// benchmarks. It is not a DRBG in the SP 800-90A sense, and nothing it produces becomes key
/// material. One use reaches real keys: `ParallelPrimeTest` seeds one per worker from the caller's
/// source (the kernel, for real keys) to draw Miller-Rabin bases, which must be unpredictable to
/// whoever chose the candidate, not secret; the candidates, and so p and q, come from the kernel.
public struct DeterministicRandom: RandomBytesSource, Sendable {
    private let seed: [UInt8]
    private var counter: UInt64 = 0
    private var pending: ArraySlice<UInt8> = []

    /// A stream determined entirely by `seed`.
    public init(seed: [UInt8]) { self.seed = seed }

    /// - Timing: variable time; the stream is not secret.
    public mutating func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(PrivateKeyJWTError) {
        var offset = 0
        while offset < buffer.count {
            if pending.isEmpty {
                let block = seed + (0..<8).map { UInt8(truncatingIfNeeded: counter >> (56 - 8 * UInt64($0))) }
                pending = SHA256.hash(data: block).bytes[...]
                counter += 1
            }
            let take = min(pending.count, buffer.count - offset)
            for i in 0..<take { buffer[offset + i] = pending[pending.startIndex + i] }
            pending = pending.dropFirst(take)
            offset += take
        }
    }
}
