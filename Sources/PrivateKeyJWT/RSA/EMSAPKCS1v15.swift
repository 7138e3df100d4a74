// EMSA-PKCS1-v1_5 encoding with SHA-256, RFC 8017 §9.2.
//
//   EM = 0x00 || 0x01 || PS || 0x00 || T
//   T  = DigestInfo DER prefix for SHA-256 || H          (RFC 8017 §9.2 Note 1)
//   PS = 0xFF repeated emLen − tLen − 3 times, at least 8 bytes

enum EMSAPKCS1v15 {
    /// RFC 8017 §9.2 Note 1: DER of DigestInfo { AlgorithmIdentifier { id-sha256, NULL }, OCTET STRING (32) }.
    static let sha256DigestInfoPrefix: [UInt8] = [
        0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04,
        0x20,
    ]

    /// The encoded message EM of `emLength` bytes for a SHA-256 digest.
    /// - Timing: no branch or memory index depends on the digest; the length is public.
    static func encode(_ digest: SHA256Digest, length emLength: Int) throws(PrivateKeyJWTError) -> [UInt8] {
        // Step 2: T = DigestInfo || H.
        let t = sha256DigestInfoPrefix + digest.bytes
        // Step 3: "If emLen < tLen + 11, output 'intended encoded message length too short'".
        guard emLength >= t.count + 11 else {
            throw .encodingError(modulusBytes: emLength, needed: t.count + 11)
        }
        // Steps 4-5: PS and EM.
        let ps = [UInt8](repeating: 0xff, count: emLength - t.count - 3)
        return [0x00, 0x01] + ps + [0x00] + t
    }
}
