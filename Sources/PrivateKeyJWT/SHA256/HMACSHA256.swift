// HMAC with SHA-256 (RFC 2104; FIPS 198-1), for RFC 6979's deterministic ECDSA nonces.

/// HMAC-SHA-256 of `message` under `key`.
/// - Timing: the key and the message are processed in a fixed number of blocks for their lengths
///   (public); nothing branches on their values.
public func hmacSHA256(key: [UInt8], message: [UInt8]) -> SHA256Digest {
    let blockSize = 64  // SHA-256's block length in bytes (FIPS 180-4 §1)
    // RFC 2104 §2: a key longer than the block is hashed first; the key is then padded with zeros.
    let shortKey = key.count > blockSize ? SHA256.hash(data: key).bytes : key
    var inner = SHA256(), outer = SHA256()
    // The padded key XOR ipad, then XOR opad, in stack memory cleared after use.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: blockSize) { pad in
        for i in 0..<blockSize { pad[i] = (i < shortKey.count ? shortKey[i] : 0) ^ 0x36 }  // ipad
        inner.update(data: UnsafeBufferPointer(pad))
        for i in 0..<blockSize { pad[i] ^= 0x36 ^ 0x5C }  // opad
        outer.update(data: UnsafeBufferPointer(pad))
        for i in 0..<blockSize { pad[i] = 0 }
    }
    inner.update(data: message)
    outer.update(data: inner.finalize().bytes)
    return outer.finalize()
}
