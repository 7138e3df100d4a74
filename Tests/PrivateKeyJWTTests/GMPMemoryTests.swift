import Foundation
import Testing

@testable import PrivateKeyJWT

@Suite("GMP memory: the wiping allocator")
struct GMPMemoryTests {
    @Test("making a BigNum leaves GMP on the wiping allocator") func gmpHooks() {
        _ = BigNum(7)
        #expect(GMPMemory.hooksAreCurrent)
    }

    @Test("wipe zeroes memory") func wipe() {
        var bytes: [UInt8] = [1, 2, 3, 4]
        bytes.withUnsafeMutableBytes { GMPMemory.wipe($0.baseAddress, 4) }
        #expect(bytes == [0, 0, 0, 0])
    }
}
