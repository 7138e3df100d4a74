// P-256 ECDSA keys with SHA-256 (JWS "ES256", RFC 7518 §3.4): a private scalar d in [1, n − 1] and its
// public point Q = d·G, with signatures as the 64 bytes r || s.

/// A P-256 public key: a point on the curve other than the identity.
public struct P256PublicKey: Sendable, Equatable {
    let x: U256, y: U256
    let point: P256Point

    /// The point from its coordinates, each 32 big-endian bytes, checked below p and on the curve
    /// (SP 800-186 App. D.1.1's public-key validation: the identity has no affine form; P-256's
    /// cofactor is 1, so a point on the curve is in the group).
    public init(x: [UInt8], y: [UInt8]) throws(PrivateKeyJWTError) {
        for (name, member) in [("x", x), ("y", y)] where member.count != 32 {
            throw .invalidECKey(.wrongLength(member: name, found: member.count, expected: 32))
        }
        let (px, py) = (U256(bigEndian: x), U256(bigEndian: y))
        guard P256Point.isOnCurveVarTime(x: px, y: py) else { throw .invalidECKey(.pointNotOnCurve) }
        self.init(checkedX: px, y: py)
    }

    /// SEC 1 v2 §2.3.3's uncompressed form, 0x04 || x || y (65 bytes), as SPKI and JWK carry it.
    public init(x963Representation bytes: [UInt8]) throws(PrivateKeyJWTError) {
        guard bytes.count == 65 else {
            throw .invalidECKey(.wrongLength(member: "point", found: bytes.count, expected: 65))
        }
        guard bytes[0] == 0x04 else { throw .invalidECKey(.notUncompressedPoint) }
        try self.init(x: Array(bytes[1..<33]), y: Array(bytes[33..<65]))
    }

    init(checkedX x: U256, y: U256) {
        (self.x, self.y) = (x, y)
        point = P256Point(affineX: x, y: y)
    }

    /// The x coordinate, 32 big-endian bytes.
    public var xBytes: [UInt8] { x.bigEndianBytes }
    /// The y coordinate, 32 big-endian bytes.
    public var yBytes: [UInt8] { y.bigEndianBytes }
    /// 0x04 || x || y.
    public var x963Representation: [UInt8] { [0x04] + xBytes + yBytes }

    /// True when `signature` (r || s, 64 bytes) is a valid ECDSA signature of `digest` (FIPS 186-5
    /// §6.4.2). Any other length is false: ES256 carries no DER (RFC 7518 §3.4).
    /// - Timing: variable time; signatures, digests and public keys are public.
    public func isValidSignature(_ signature: [UInt8], digest: SHA256Digest) -> Bool {
        guard signature.count == 64 else { return false }
        return ECDSA.verifyVarTime(
            digest: digest.bytes, r: U256(bigEndian: signature[0..<32]), s: U256(bigEndian: signature[32..<64]),
            publicKey: point)
    }

    public static func == (a: P256PublicKey, b: P256PublicKey) -> Bool {
        U256.equalMask(a.x, b.x) & U256.equalMask(a.y, b.y) != 0
    }
}

/// A P-256 private key.
public struct P256PrivateKey: Sendable {
    let d: U256
    public let publicKey: P256PublicKey

    /// The key with private scalar d (32 big-endian bytes), refused unless 1 ≤ d ≤ n − 1.
    /// - Timing: the range check is masked; Q = d·G is the constant-time scalar multiplication.
    public init(rawRepresentation bytes: [UInt8]) throws(PrivateKeyJWTError) {
        guard bytes.count == 32 else {
            throw .invalidECKey(.wrongLength(member: "d", found: bytes.count, expected: 32))
        }
        let d = U256(bigEndian: bytes)
        guard Self.isScalarInRange(d) else { throw .invalidECKey(.scalarOutOfRange) }
        self.init(checkedScalar: d)
    }

    /// A new key: d from `random` by rejection sampling (FIPS 186-5 App. A.4.2: 256 random bits,
    /// retried until in [1, n − 1], which fails with probability below 2^−32).
    /// - Timing: each draw's range check is masked; a draw out of range (probability below 2^−32) costs
    ///   one more, which reveals only that; then as `init(rawRepresentation:)`.
    public init(generatingWith random: inout some RandomBytesSource) throws(PrivateKeyJWTError) {
        while true {
            var bytes = try random.bytes(32)
            defer { for i in bytes.indices { bytes[i] = 0 } }
            let d = U256(bigEndian: bytes)
            if Self.isScalarInRange(d) {
                self.init(checkedScalar: d)
                return
            }
        }
    }

    /// A new key from the kernel's random generator.
    public init() throws(PrivateKeyJWTError) {
        var random = SecureRandom()
        try self.init(generatingWith: &random)
    }

    init(checkedScalar d: U256) {
        self.d = d
        // d ≥ 1 and d < n, so d·G is never the identity.
        let q = P256Point.generatorMultiplied(by: d).affine ?? (.zero, .zero)
        publicKey = P256PublicKey(checkedX: q.x, y: q.y)
    }

    /// 1 ≤ d ≤ n − 1, without a branch on d.
    private static func isScalarInRange(_ d: U256) -> Bool {
        (U256.lessThanMask(d, P256.order.m) & ~d.isZeroMask) != 0
    }

    /// d as 32 big-endian bytes.
    /// - Timing: a fixed loop over the 32 byte positions; no branch on d.
    public var rawRepresentation: [UInt8] { d.bigEndianBytes }

    /// The ES256 signature of `digest`, r || s (64 bytes), with the deterministic nonce of RFC 6979.
    /// - Timing: constant time in d and the nonce (ECDSA.sign).
    public func signature(digest: SHA256Digest) -> [UInt8] {
        var d = d
        d.auditSecret()
        var nonce = DeterministicNonce(privateScalar: d, digest: digest.bytes)
        let (r, s) = ECDSA.sign(digest: digest.bytes, privateScalar: d, nonce: &nonce)
        return r.bigEndianBytes + s.bigEndianBytes
    }
}
