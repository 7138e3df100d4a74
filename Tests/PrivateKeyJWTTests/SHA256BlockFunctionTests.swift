import Foundation
import Synchronization
import Testing

@testable import PrivateKeyJWT

/// Counts the blocks a compression function was given, and runs the portable one on them.
private final class CountingCompression: Sendable {
    let blocks = Atomic<Int>(0)
    var function: SHA256.BlockFunction {
        { [self] state, input in
            blocks.add(input.count / 64, ordering: .relaxed)
            SHA256Compression.compress(&state, blocks: input)
        }
    }
}

// Nothing here installs a function process-wide: tests run in parallel, and the suite in
// PrivateKeyJWTSHANITests that does install one checks what it installed.
@Suite("SHA256BlockFunction: which compression function a hasher runs")
struct SHA256BlockFunctionTests {
    @Test("a hasher given a function runs it for every block, the padding block included, and nothing else")
    func given() {
        let counting = CountingCompression()
        var hasher = SHA256(blockFunction: counting.function)
        hasher.update(data: [UInt8](repeating: 7, count: 100))
        hasher.update(data: [UInt8](repeating: 7, count: 540))
        #expect(hasher.finalize() == SHA256(blockFunction: SHA256Compression.compress).hashing(640))
        #expect(counting.blocks.load(ordering: .relaxed) == 11, "ten message blocks and the padding block")
    }

    @Test("the process-wide function, whichever is installed, is a SHA-256 compression function")
    func current() {
        let block = (0..<128).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        var expected = SHA256Compression.initialState, actual = SHA256Compression.initialState
        block.withUnsafeBufferPointer {
            SHA256Compression.compress(&expected, blocks: $0)
            SHA256.blockFunction(&actual, $0)
        }
        #expect(actual == expected)
        #expect(["portable", "SHA extensions"].contains(SHA256.compressionName))
    }
}

extension SHA256 {
    /// The digest of `count` bytes of 7.
    fileprivate func hashing(_ count: Int) -> SHA256Digest {
        var copy = self
        copy.update(data: [UInt8](repeating: 7, count: count))
        return copy.finalize()
    }
}
