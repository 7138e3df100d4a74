import TestVectors
import Testing

@testable import PrivateKeyJWT

@Suite("DeterministicNonce: RFC 6979 §3.2's candidates k")
struct DeterministicNonceTests {
    /// RFC 6979 A.2.5: the private key x, and k for SHA-256 over "sample" and "test".
    static let x = Hex.decode("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721")
    static let published = [
        ("sample", "a6e3c57dd01abe90086538398355dd4c3b17aa873382b0f24d6129493d8aad60"),
        ("test", "d16b6ae827f17175e040871a1c7ec3500192c4c92677336ec2537acaee0008e0"),
    ]

    @Test("the first candidate is A.2.5's k for both messages")
    func publishedNonces() {
        for (message, k) in Self.published {
            let digest = SHA256.hash(data: Array(message.utf8)).bytes
            var nonce = DeterministicNonce(privateScalar: U256(bigEndian: Self.x), digest: digest)
            #expect(Hex.encode(nonce.next().bigEndianBytes) == k)
        }
    }

    @Test("later candidates follow step h.3: K and V move on between candidates, as §3.2 writes them out")
    func laterCandidates() {
        let h1 = SHA256.hash(data: Array("sample".utf8)).bytes
        // §3.2 b to g for this x and h1 (x < n and h1 < n here, so both are their own octets).
        var v = [UInt8](repeating: 1, count: 32), k = [UInt8](repeating: 0, count: 32)
        k = hmacSHA256(key: k, message: v + [0x00] + Self.x + h1).bytes
        v = hmacSHA256(key: k, message: v).bytes
        k = hmacSHA256(key: k, message: v + [0x01] + Self.x + h1).bytes
        v = hmacSHA256(key: k, message: v).bytes
        var expected: [String] = []
        for _ in 0..<3 {
            v = hmacSHA256(key: k, message: v).bytes  // h.2: T = V (each value here is below n)
            expected.append(Hex.encode(v))
            k = hmacSHA256(key: k, message: v + [0x00]).bytes  // h.3
            v = hmacSHA256(key: k, message: v).bytes
        }
        var nonce = DeterministicNonce(privateScalar: U256(bigEndian: Self.x), digest: h1)
        let drawn = (0..<3).map { _ in Hex.encode(nonce.next().bigEndianBytes) }
        #expect(drawn == expected)
        #expect(drawn[0] == Self.published[0].1)
    }
}
