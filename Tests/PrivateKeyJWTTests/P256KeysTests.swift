import TestVectors
import Testing

@testable import PrivateKeyJWT

@Suite("P256 keys: a scalar in [1, n − 1], a point on the curve, one refusal per rule")
struct P256KeysTests {
    static let n = P256.order.m.bigEndianBytes

    @Test("private scalars: 0 and n, n + 1 and 2^256 − 1 refused; 1 and n − 1 accepted; 31 or 33 bytes refused")
    func scalars() throws {
        let zero = [UInt8](repeating: 0, count: 32)
        for bad in [zero, Self.n, U256.add(P256.order.m, .one).sum.bigEndianBytes, [UInt8](repeating: 0xFF, count: 32)]
        {
            #expect(throws: PrivateKeyJWTError.invalidECKey(.scalarOutOfRange)) {
                _ = try P256PrivateKey(rawRepresentation: bad)
            }
        }
        _ = try P256PrivateKey(rawRepresentation: U256.one.bigEndianBytes)
        _ = try P256PrivateKey(rawRepresentation: U256.subtract(P256.order.m, .one).difference.bigEndianBytes)
        #expect(throws: PrivateKeyJWTError.invalidECKey(.wrongLength(member: "d", found: 31, expected: 32))) {
            _ = try P256PrivateKey(rawRepresentation: [UInt8](repeating: 1, count: 31))
        }
    }

    @Test("public points: the uncompressed form round-trips; each malformed form has its own refusal")
    func points() throws {
        let key = try P256PrivateKey()
        let encoded = key.publicKey.x963Representation
        #expect(try P256PublicKey(x963Representation: encoded) == key.publicKey)
        #expect(throws: PrivateKeyJWTError.invalidECKey(.wrongLength(member: "point", found: 33, expected: 65))) {
            _ = try P256PublicKey(x963Representation: Array(encoded.prefix(33)))
        }
        var compressed = encoded
        compressed[0] = 0x02
        #expect(throws: PrivateKeyJWTError.invalidECKey(.notUncompressedPoint)) {
            _ = try P256PublicKey(x963Representation: compressed)
        }
        var offCurve = encoded
        offCurve[64] ^= 1
        #expect(throws: PrivateKeyJWTError.invalidECKey(.pointNotOnCurve)) {
            _ = try P256PublicKey(x963Representation: offCurve)
        }
        #expect(throws: PrivateKeyJWTError.invalidECKey(.pointNotOnCurve)) {
            _ = try P256PublicKey(x: [UInt8](repeating: 0, count: 32), y: [UInt8](repeating: 0, count: 32))
        }
        #expect(throws: PrivateKeyJWTError.invalidECKey(.wrongLength(member: "y", found: 31, expected: 32))) {
            _ = try P256PublicKey(x: key.publicKey.xBytes, y: Array(key.publicKey.yBytes.dropFirst()))
        }
    }

    @Test("generation takes the first 32 random bytes in range: n and 0 are skipped")
    func generation() throws {
        var random = ReplayedBytes(
            Self.n + [UInt8](repeating: 0, count: 32) + U256(l0: 5, l1: 0, l2: 0, l3: 0).bigEndianBytes)
        let key = try P256PrivateKey(generatingWith: &random)
        #expect(key.rawRepresentation == U256(l0: 5, l1: 0, l2: 0, l3: 0).bigEndianBytes)
        #expect(key.publicKey == (try P256PrivateKey(rawRepresentation: key.rawRepresentation)).publicKey)
    }
}

/// Random bytes replayed from a list, for the rejection-sampling test.
private struct ReplayedBytes: RandomBytesSource {
    var bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    mutating func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(PrivateKeyJWTError) {
        for i in 0..<buffer.count { buffer[i] = bytes.removeFirst() }
    }
}
