import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT

@Suite("SHA-256 compression, FIPS 180-4 §6.2.2: the four-block schedule")
struct SHA256CompressionTests {
    /// The compression function schedules four blocks at a time (SHA256Compression.swift): every
    /// count of blocks in the last group of four, and a flipped bit in each lane, must show.
    @Test(
        "1...13 whole blocks in one call, and a bit flipped in each block, agree with the openssl CLI",
        arguments: CompressionPath.available)
    func blockGroups(path: CompressionPath) throws {
        for blocks in 1...13 {
            let message = (0..<64 * blocks).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ blocks) }
            var variants = [message]
            for block in 0..<blocks {
                var flipped = message
                flipped[64 * block + (block * 7) % 64] ^= 0x10
                variants.append(flipped)
            }
            for variant in variants {
                let result = try run(["openssl", "dgst", "-sha256", "-r"], stdin: variant)
                let expected = String(decoding: result.stdout, as: UTF8.self).prefix(64)
                #expect(path.hash(variant).description == expected, "\(blocks) blocks")
            }
        }
    }

    @Test("the constants: H(0) and K(0..63) as FIPS 180-4 §5.3.3 and §4.2.2 derive them")
    func constants() {
        // H(0): the first 32 bits of the fractional parts of the square roots of the first 8 primes;
        // K: of the cube roots of the first 64. Computed here in Double (exact enough for 32 bits of
        // fraction below 2^21), so a mistyped constant shows.
        let primes = (2...311).filter { n in (2..<n).allSatisfy { n % $0 != 0 } }
        func fraction(_ x: Double) -> UInt32 { UInt32((x - x.rounded(.down)) * 4_294_967_296) }
        #expect(SHA256Compression.initialState == primes.prefix(8).map { fraction(Double($0).squareRoot()) })
        #expect(SHA256Compression.roundConstants == primes.prefix(64).map { fraction(cbrt(Double($0))) })
    }
}
