import Foundation
import Testing

@testable import PrivateKeyJWT

@Suite("SHA256Digest: constant-time equality, hex")
struct SHA256DigestTests {
    @Test("digest equality compares all bytes") func digestEquality() {
        let a = SHA256.hash(data: [1, 2, 3]), b = SHA256.hash(data: [1, 2, 3]), c = SHA256.hash(data: [1, 2, 4])
        #expect(a == b)
        #expect(a != c)
        #expect(!ConstantTime.equals([1, 2], [1, 2, 3]))
    }

    @Test("description is the lower-case hex of the 32 bytes, leading zeros kept") func hex() {
        // FIPS 180-2 App. B.1, "abc".
        let digest = SHA256.hash(data: Array("abc".utf8))
        #expect(digest.description == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Digest(bytes: [0x0A] + [UInt8](repeating: 0, count: 31)).description.hasPrefix("0a00"))
    }

    @Test("equal digests hash alike (a Set keeps one)") func hashable() {
        let a = SHA256.hash(data: [1]), b = SHA256.hash(data: [1]), c = SHA256.hash(data: [2])
        #expect(Set([a, b, c]).count == 2)
    }
}
