// Random bytes from the kernel, with no fallback: getrandom(2) on Linux, getentropy(2) on macOS.

#if canImport(Glibc)
    import CSysRandom
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A source of random bytes. Key generation takes two (prime candidates and Miller-Rabin bases), so a
/// test or benchmark can replay a fixed candidate stream while the bases stay random.
public protocol RandomBytesSource {
    /// Fills `buffer` with random bytes, or throws.
    mutating func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(PrivateKeyJWTError)
}

extension RandomBytesSource {
    /// `count` random bytes.
    public mutating func bytes(_ count: Int) throws(PrivateKeyJWTError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var failure: PrivateKeyJWTError?
        out.withUnsafeMutableBytes { buffer in
            do throws(PrivateKeyJWTError) { try fill(buffer) } catch { failure = error }
        }
        if let failure { throw failure }
        return out
    }
}

/// The operating system's CSPRNG through `getrandom(2)` (blocking until the pool is initialised).
/// A failure is reported as `PrivateKeyJWTError.randomUnavailable`; there is no fallback.
public struct SecureRandom: RandomBytesSource, Sendable {
    /// The getrandom(2) flags: none (the blocking pool, as the kernel recommends for keys). Stored,
    /// not written as a literal in `fill`, so that the value has a size: every `inout` access is
    /// reported to ThreadSanitizer with the value's address, and an access to a zero-size value hands
    /// it one that is not an address (it crashed in `__tsan::ExternalAccess`). Nothing produced changes.
    private let flags: UInt32 = 0

    public init() {}

    /// - Timing: independent of the bytes produced.
    public mutating func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(PrivateKeyJWTError) {
        var offset = 0
        while offset < buffer.count {
            #if canImport(Glibc)
                let got = getrandom(buffer.baseAddress! + offset, buffer.count - offset, flags)
            #else
                // macOS getentropy(2): at most 256 bytes per call, all or nothing (macOS 10.12 and later).
                let chunk = min(256, buffer.count - offset)
                let got = getentropy(buffer.baseAddress! + offset, chunk) == 0 ? chunk : -1
            #endif
            if got < 0 {
                if errno == EINTR { continue }
                throw .randomUnavailable(errno: errno)
            }
            offset += got
        }
    }
}
