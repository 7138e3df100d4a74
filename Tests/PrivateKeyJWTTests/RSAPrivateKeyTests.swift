import Foundation
import PrivateKeyJWTIFMA
import Testing

@testable import PrivateKeyJWT

private let sigGen = CAVS.records("rsa/nist/SigGen15_186-2_SHA256.txt", recordKey: "S")

@Suite("RSAPrivateKey: RSASSA-PKCS1-v1_5 signing with SHA-256 (RFC 8017 §8.2.1), published vectors")
struct RSAPrivateKeyTests {
    @Test("vector counts") func counts() {
        #expect(sigGen.count == 50)
    }

    // Each vector runs on the portable code and on the AVX-512 IFMA path (the same key where the CPU
    // lacks IFMA or the key is not RSA-2048; the engine is then "portable" twice).

    @Test("SigGen15_186-2: every signature reproduced byte for byte, on both paths", arguments: sigGen)
    func sigGenReproduced(record: CAVSRecord) throws {
        #expect(record["SHAAlg"] == "SHA256")
        let key = try RSAPrivateKey(
            modulus: record.hex("n"), publicExponent: record.hex("e"), privateExponent: record.hex("d"))
        for path in [key, key.preferringAVX512IFMA()] {
            let signature = try path.signature(for: record.hex("Msg"))
            #expect(Hex.encode(signature) == record["S"]!, "\(path.signingEngine)")
            #expect(path.publicKey.isValidSignature(signature, for: record.hex("Msg")), "\(path.signingEngine)")
        }
    }

    @Test("the vectors reach the IFMA path where the CPU has it (2048-bit moduli among them)") func ifmaReached() throws
    {
        let wide = sigGen.filter { $0.hex("n").count == 256 }
        #expect(!wide.isEmpty)
        let record = try #require(wide.first)
        let key = try RSAPrivateKey(
            modulus: record.hex("n"), publicExponent: record.hex("e"), privateExponent: record.hex("d"))
        let engine = RSAPrivateKey.avx512IFMAIsAvailable ? "AVX-512 IFMA" : "portable"
        #expect(key.preferringAVX512IFMA().signingEngine == engine)
    }
}
