// The published RSASSA-PKCS1-v1_5 records on the AVX-512 IFMA path: the same records the core's
// tests run on the portable code (RSAPrivateKeyTests, RSAPublicKeyTests), through the public door
// (`preferringAVX512IFMA()`), and the verification negatives that matter for a second
// exponentiation: a flipped bit anywhere, s ≥ n.

import TestVectors
import Testing

@testable import PrivateKeyJWT
@testable import PrivateKeyJWTIFMA

private let sigGen = CAVS.records("rsa/nist/SigGen15_186-2_SHA256.txt", recordKey: "S")
private let sigGenVerify = CAVS.records("rsa/nist/SigGen15_186-3_SHA256.rsp", recordKey: "S")
private let sigVerRecords = CAVS.records("rsa/nist/SigVer15_186-3_SHA256.rsp", recordKey: "Result")

/// The engine a 2048-bit key gets through the door on this CPU.
private let expectedEngine = IFMAFixtures.cpuHasIFMA ? "AVX-512 IFMA" : "portable"

@Suite("RSAPrivateKey.preferringAVX512IFMA: the published vectors on the IFMA path")
struct RSAPrivateKeyIFMAVectorTests {
    @Test("the vector files are all there, with 2048-bit moduli among them") func counts() {
        #expect(sigGen.count == 50 && sigGenVerify.count == 50 && sigVerRecords.count == 90)
        #expect(sigGen.contains { $0.hex("n").count == 256 })
    }

    @Test("SigGen15_186-2: every signature reproduced byte for byte", arguments: sigGen)
    func sigGenReproduced(record: CAVSRecord) throws {
        let key = try RSAPrivateKey(
            modulus: record.hex("n"), publicExponent: record.hex("e"), privateExponent: record.hex("d")
        ).preferringAVX512IFMA()
        if record.hex("n").count == 256 { #expect(key.signingEngine.hasPrefix(expectedEngine)) }
        let signature = try key.signature(for: record.hex("Msg"))
        #expect(Hex.encode(signature) == record["S"]!, "\(key.signingEngine)")
        #expect(key.publicKey.isValidSignature(signature, for: record.hex("Msg")), "\(key.signingEngine)")
    }

    @Test("SigGen15_186-3: every published signature verifies", arguments: sigGenVerify)
    func sigGenVerifies(record: CAVSRecord) throws {
        let key = try RSAPublicKey(modulus: record.hex("n"), publicExponent: record.hex("e")).preferringAVX512IFMA()
        if record.hex("n").count == 256 { #expect(key.verifyingEngine.hasPrefix(expectedEngine)) }
        #expect(key.isValidSignature(record.hex("S"), for: record.hex("Msg")), "\(key.verifyingEngine)")
    }

    @Test("SigVer15_186-3: the expected pass or fail", arguments: sigVerRecords)
    func sigVerResult(record: CAVSRecord) throws {
        let expected = record["Result"]!.hasPrefix("P")
        let key = try RSAPublicKey(modulus: record.hex("n"), publicExponent: record.hex("e")).preferringAVX512IFMA()
        #expect(
            key.isValidSignature(record.hex("S"), for: record.hex("Msg")) == expected,
            "\(record["Result"]!) \(key.verifyingEngine)")
    }
}

@Suite("RSAPublicKey.preferringAVX512IFMA: verification negatives on the IFMA path")
struct RSAPublicKeyIFMANegativeTests {
    static let key = try! RSAPrivateKey(pemRepresentation: Vectors.text("rsa/openssl-keys/key1.pkcs8.pem"))
    static let message = Array("negative tests".utf8)
    static let good = try! key.signature(for: message)
    static let publicKey = key.publicKey.preferringAVX512IFMA()

    @Test("the good signature verifies on the path this CPU gives") func good() {
        #expect(Self.publicKey.verifyingEngine.hasPrefix(expectedEngine))
        #expect(Self.publicKey.isValidSignature(Self.good, for: Self.message))
    }

    @Test("every flipped signature bit is rejected", arguments: Array(stride(from: 0, to: 2048, by: 37)))
    func flippedSignatureBit(bit: Int) {
        var signature = Self.good
        signature[bit / 8] ^= UInt8(1 << (bit % 8))
        #expect(!Self.publicKey.isValidSignature(signature, for: Self.message))
    }

    @Test("s ≥ n is rejected (RFC 8017 §5.2.2 step 1)") func signatureNotBelowModulus() {
        #expect(!Self.publicKey.isValidSignature(Self.key.publicKey.modulus, for: Self.message))
        #expect(!Self.publicKey.isValidSignature([UInt8](repeating: 0xff, count: 256), for: Self.message))
    }
}
