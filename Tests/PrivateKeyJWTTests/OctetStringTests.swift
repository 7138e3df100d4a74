import Foundation
import Testing

@testable import PrivateKeyJWT

@Suite("I2OSP and OS2IP, RFC 8017 §4")
struct OctetStringTests {
    @Test("I2OSP/OS2IP, RFC 8017 §4") func octetStrings() {
        #expect(BigNum(octets: [0, 0, 1, 2]).octets(length: 4) == [0, 0, 1, 2])
        #expect(BigNum(octets: [1, 2]).octets(length: 1) == nil)  // "integer too large"
        #expect(BigNum(octets: []).octets(length: 2) == [0, 0])
        #expect(BigNum(octets: [0xff]).minimalOctets == [0xff])
        #expect(BigNum(UInt(0)).minimalOctets == [0])
    }
}
