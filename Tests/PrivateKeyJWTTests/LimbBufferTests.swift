import Foundation
import Testing

@testable import PrivateKeyJWT

@Suite("LimbBuffer: fixed-width limbs, zero-extended, wiped on release")
struct LimbBufferTests {
    @Test("a BigNum zero-extended to any width at least its own reads back unchanged", arguments: [1, 2, 16, 33])
    func roundTrip(count: Int) {
        for x in [BigNum(0), BigNum(1), BigNum.powerOfTwo(64 * count) - 1, KeyFixtures.random(bits: 64 * count - 5)] {
            let buffer = LimbBuffer(x, count: count)
            #expect(buffer.bigNum() == x && buffer.count == count)
        }
    }

    @Test("big-endian bytes land in little-endian limbs") func bigEndian() {
        let buffer = LimbBuffer(bigEndian: [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09], count: 3)
        #expect(buffer.base[0] == 0x0203_0405_0607_0809 && buffer.base[1] == 0x01 && buffer.base[2] == 0)
        #expect(buffer.bigNum() == BigNum(octets: [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09]))
    }

    @Test("copyLow takes the low limbs of a wider buffer") func copyLow() {
        let wide = LimbBuffer(BigNum.powerOfTwo(130) + 5, count: 3), narrow = LimbBuffer(count: 2)
        narrow.copyLow(of: wide)
        #expect(narrow.bigNum() == BigNum(5))
    }
}
