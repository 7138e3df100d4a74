// HMAC with SHA-256 (RFC 2104; FIPS 198-1), for RFC 6979's deterministic ECDSA nonces.

/// HMAC-SHA-256 of `message` under `key`.
/// - Timing: the key and the message are processed in a fixed number of blocks for their lengths
///   (public); nothing branches on their values.
public func hmacSHA256(key: [UInt8], message: [UInt8]) -> SHA256Digest {
    let blockSize = 64  // SHA-256's block length in bytes (FIPS 180-4 §1)
    // RFC 2104 §2: a key longer than the block is hashed first; the key is then padded with zeros.
    var block = key.count > blockSize ? SHA256.hash(data: key).bytes : key
    block += [UInt8](repeating: 0, count: blockSize - block.count)
    var inner = SHA256()
    inner.update(data: block.map { $0 ^ 0x36 })  // ipad
    inner.update(data: message)
    var outer = SHA256()
    outer.update(data: block.map { $0 ^ 0x5C })  // opad
    outer.update(data: inner.finalize().bytes)
    for i in block.indices { block[i] = 0 }
    return outer.finalize()
}
