import TestVectors
import Testing

@testable import PrivateKeyJWT

@Suite("EMSAPKCS1v15 (RFC 8017 §9.2)")
struct EMSAPKCS1v15Tests {
    @Test("EM = 0x00 01, FF padding, 0x00, the SHA-256 DigestInfo of note 1, the digest") func layout() throws {
        let digest = SHA256.hash(data: Array("abc".utf8))
        let em = try EMSAPKCS1v15.encode(digest, length: 256)
        let digestInfo = Hex.decode("3031300d060960864801650304020105000420")
        #expect(em.count == 256 && em[0] == 0x00 && em[1] == 0x01)
        #expect(em[2..<(256 - 52)].allSatisfy { $0 == 0xFF } && em[256 - 52] == 0x00)
        #expect(Array(em[(256 - 51)..<(256 - 32)]) == digestInfo && Array(em.suffix(32)) == digest.bytes)
    }

    @Test("a key too small for the SHA-256 DigestInfo cannot encode") func tooShort() {
        #expect(throws: PrivateKeyJWTError.encodingError(modulusBytes: 61, needed: 62)) {
            try EMSAPKCS1v15.encode(SHA256.hash(data: []), length: 61)
        }
    }
}
