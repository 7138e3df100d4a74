import TestVectors
import Testing

@testable import PrivateKeyJWT

private let rfc4231 = CAVS.records("hmac/rfc-4231-sha256.txt", recordKey: "MD")

@Suite("HMAC-SHA-256: RFC 4231's test cases")
struct HMACSHA256Tests {
    @Test("every RFC 4231 case, the keys longer than a block included", arguments: rfc4231)
    func rfc4231Cases(record: CAVSRecord) {
        #expect(hmacSHA256(key: record.hex("Key"), message: record.hex("Msg")).bytes == record.hex("MD"))
    }

    @Test("all six cases with a full MD were read") func count() {
        #expect(rfc4231.count == 6)
    }
}
