// The SHA extensions compression function against the portable one on random input (the published
// vectors run on it in SHA256+SHANIVectorTests.swift).

import Testing

@testable import PrivateKeyJWT
@testable import PrivateKeyJWTSHANI

@Suite("SHA-256 compression on the SHA extensions", .enabled(if: SHA256.shaExtensionsAreAvailable))
struct SHANICompressionTests {
    @Test("equals the portable compression on random states and 1...9 random blocks")
    func differential() throws {
        var random = SecureRandom()
        for blocks in 1...9 {
            for _ in 0..<50 {
                let stateBytes = try random.bytes(32), message = try random.bytes(64 * blocks)
                let state = (0..<8).map { i in
                    (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(stateBytes[4 * i + $1]) }
                }
                var portable = state, extensions = state
                message.withUnsafeBufferPointer {
                    SHA256Compression.compress(&portable, blocks: $0)
                    SHANICompression.compress(&extensions, $0)
                }
                #expect(extensions == portable, "\(blocks) blocks")
            }
        }
    }

    @Test("a bit flipped anywhere in a block changes the state as it does on the portable code")
    func everyBit() {
        let block = (0..<64).map { UInt8(truncatingIfNeeded: $0 &* 151 &+ 3) }
        for bit in 0..<512 {
            var flipped = block
            flipped[bit / 8] ^= 1 << (bit % 8)
            var portable = SHA256Compression.initialState, extensions = SHA256Compression.initialState
            flipped.withUnsafeBufferPointer {
                SHA256Compression.compress(&portable, blocks: $0)
                SHANICompression.compress(&extensions, $0)
            }
            #expect(extensions == portable, "bit \(bit)")
        }
    }

    @Test("no blocks leave the state as it was") func empty() {
        var state = SHA256Compression.initialState
        [UInt8]().withUnsafeBufferPointer { SHANICompression.compress(&state, $0) }
        #expect(state == SHA256Compression.initialState)
    }
}
