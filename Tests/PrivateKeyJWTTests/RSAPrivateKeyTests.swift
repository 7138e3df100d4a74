import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT

private let sigGen = CAVS.records("rsa/nist/SigGen15_186-2_SHA256.txt", recordKey: "S")

@Suite("RSAPrivateKey: RSASSA-PKCS1-v1_5 signing with SHA-256 (RFC 8017 §8.2.1), published vectors")
struct RSAPrivateKeyTests {
    @Test("vector counts") func counts() {
        #expect(sigGen.count == 50)
    }

    // The portable code; PrivateKeyJWTIFMATests runs the same records on the AVX-512 IFMA path.

    @Test("SigGen15_186-2: every signature reproduced byte for byte", arguments: sigGen)
    func sigGenReproduced(record: CAVSRecord) throws {
        #expect(record["SHAAlg"] == "SHA256")
        let key = try RSAPrivateKey(
            modulus: record.hex("n"), publicExponent: record.hex("e"), privateExponent: record.hex("d"))
        #expect(key.signingEngine.hasPrefix("portable"))
        let signature = try key.signature(for: record.hex("Msg"))
        #expect(Hex.encode(signature) == record["S"]!)
        #expect(key.publicKey.isValidSignature(signature, for: record.hex("Msg")))
    }
}
