import Foundation
import Testing

@testable import PrivateKeyJWT

@Suite("SecureRandom: getrandom(2), no fallback")
struct SecureRandomTests {
    @Test("fills exactly what is asked, large reads included, and two reads differ") func fills() throws {
        var random = SecureRandom()
        for count in [0, 1, 32, 300, 70_000] { #expect(try random.bytes(count).count == count) }
        #expect(try random.bytes(32) != random.bytes(32))
    }

    @Test("the bytes are not visibly biased: every value of a byte appears in 64 KiB") func coverage() throws {
        var random = SecureRandom()
        let bytes = try random.bytes(65_536)
        #expect(Set(bytes).count == 256)
        // 2^16 uniform bytes sum to 2^16 · 127.5 with a standard deviation of √(2^16 · (256² − 1)/12),
        // about 18,900; a sum more than six of them off (a chance below 10^-8) fails.
        let sum = bytes.reduce(0) { $0 + Int($1) }
        #expect(abs(sum - 65_536 * 255 / 2) < 114_000)
    }
}
