import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT

private let sigGenVerify = CAVS.records("rsa/nist/SigGen15_186-3_SHA256.rsp", recordKey: "S")
private let sigVerRecords = CAVS.records("rsa/nist/SigVer15_186-3_SHA256.rsp", recordKey: "Result")

@Suite("RSAPublicKey: RSASSA-PKCS1-v1_5 verification with SHA-256 (RFC 8017 §8.2.2), published vectors")
struct RSAPublicKeyTests {
    // The portable code; PrivateKeyJWTIFMATests runs the same records on the AVX-512 IFMA path.

    @Test("vector counts") func counts() {
        #expect(sigGenVerify.count == 50)
        #expect(sigVerRecords.count == 90)
    }

    @Test("SigGen15_186-3: every published signature verifies", arguments: sigGenVerify)
    func sigGenVerifies(record: CAVSRecord) throws {
        let key = try RSAPublicKey(modulus: record.hex("n"), publicExponent: record.hex("e"))
        #expect(key.isValidSignature(record.hex("S"), for: record.hex("Msg")))
    }

    @Test("SigVer15_186-3: the expected pass or fail", arguments: sigVerRecords)
    func sigVerResult(record: CAVSRecord) throws {
        let expected = record["Result"]!.hasPrefix("P")
        let key = try RSAPublicKey(modulus: record.hex("n"), publicExponent: record.hex("e"))
        #expect(key.isValidSignature(record.hex("S"), for: record.hex("Msg")) == expected, "\(record["Result"]!)")
    }
}

/// Negative tests on one 2048-bit key: every corruption must give the one answer `false`.
@Suite("RSAPublicKey: verification negatives")
struct RSAPublicKeyNegativeTests {
    static let key = try! RSAPrivateKey(pemRepresentation: Vectors.text("rsa/openssl-keys/key1.pkcs8.pem"))
    static let message = Array("negative tests".utf8)
    static let good = try! key.signature(for: message)
    /// The portable code (PrivateKeyJWTIFMATests flips the same bits on the IFMA path).
    static let publicKeys = [key.publicKey]

    static func anyAccepts(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        publicKeys.contains { $0.isValidSignature(signature, for: message) }
    }

    static func anyAccepts(_ signature: [UInt8], digest: SHA256Digest) -> Bool {
        publicKeys.contains { $0.isValidSignature(signature, digest: digest) }
    }

    @Test("the good signature verifies") func good() {
        #expect(Self.publicKeys.allSatisfy { $0.isValidSignature(Self.good, for: Self.message) })
    }

    @Test("every flipped signature bit is rejected", arguments: Array(stride(from: 0, to: 2048, by: 37)))
    func flippedSignatureBit(bit: Int) {
        var signature = Self.good
        signature[bit / 8] ^= UInt8(1 << (bit % 8))
        #expect(!Self.anyAccepts(signature, for: Self.message))
    }

    @Test("a flipped digest bit is rejected", arguments: [0, 1, 7, 8, 128, 255])
    func flippedDigestBit(bit: Int) {
        var digest = SHA256.hash(data: Self.message).bytes
        digest[bit / 8] ^= UInt8(1 << (bit % 8))
        #expect(!Self.anyAccepts(Self.good, digest: SHA256Digest(bytes: digest)))
    }

    /// EM with one byte of its structure changed, then put through the private-key operation, so the
    /// signature is mathematically valid for the wrong encoding.
    @Test(
        "EM with damaged padding or DigestInfo is rejected",
        arguments: [0, 1, 2, 100, 201, 202, 203, 210, 222, 223, 255])
    func damagedEncoding(index: Int) throws {
        let digest = SHA256.hash(data: Self.message)
        var em = try EMSAPKCS1v15.encode(digest, length: 256)
        em[index] ^= 0x01
        var random = SecureRandom()
        let m = BigNum(octets: em)
        guard m < Self.key.components.n else { return }  // 0x01 in the first byte makes m ≥ n
        let s = try CRTSigner(Self.key.components).sign(m, blinding: &random).octets(length: 256)!
        #expect(!Self.anyAccepts(s, digest: digest))
    }

    @Test("wrong signature lengths are rejected", arguments: [0, 1, 255, 257, 512])
    func wrongLength(length: Int) {
        let signature =
            length <= 256 ? Array(Self.good.suffix(length)) : [UInt8](repeating: 0, count: length - 256) + Self.good
        #expect(!Self.anyAccepts(signature, for: Self.message))
    }

    @Test("s ≥ n is rejected (RFC 8017 §5.2.2 step 1)") func signatureNotBelowModulus() {
        let n = Self.key.publicKey.modulus
        #expect(!Self.anyAccepts(n, for: Self.message))
        let nPlusGood = (BigNum(octets: n) + BigNum(octets: Self.good)).octets(length: 256)
        if let nPlusGood { #expect(!Self.anyAccepts(nPlusGood, for: Self.message)) }
        #expect(!Self.anyAccepts([UInt8](repeating: 0xff, count: 256), for: Self.message))
    }

    @Test("signatures of different messages differ and cross-verify false") func otherMessage() throws {
        let other = try Self.key.signature(for: Array("other".utf8))
        #expect(other != Self.good)
        #expect(!Self.anyAccepts(other, for: Self.message))
    }
}
