import Foundation
import Testing

@testable import PrivateKeyJWT

@Suite("DeterministicRandom: SHA-256 in counter mode, for replay")
struct DeterministicRandomTests {
    @Test("block i is SHA-256(seed || i, 8 bytes big-endian), whatever the sizes of the reads")
    func definition() throws {
        let seed = Array("seed".utf8)
        let expected = (0..<4).flatMap { i in
            SHA256.hash(data: seed + [0, 0, 0, 0, 0, 0, 0, UInt8(i)]).bytes
        }
        for reads in [[128], [1, 31, 32, 64], [7, 7, 7, 107], [33, 95]] {
            var random = DeterministicRandom(seed: seed)
            let stream = try reads.flatMap { try random.bytes($0) }
            #expect(stream == expected, "reads \(reads)")
        }
    }

    @Test("another seed gives another stream; an empty read consumes nothing") func seeds() throws {
        var a = DeterministicRandom(seed: [1]), b = DeterministicRandom(seed: [2])
        #expect(try a.bytes(0).isEmpty)
        #expect(try a.bytes(32) != b.bytes(32))
        var again = DeterministicRandom(seed: [1])
        _ = try again.bytes(32)
        #expect(try a.bytes(16) == again.bytes(16))
    }
}
