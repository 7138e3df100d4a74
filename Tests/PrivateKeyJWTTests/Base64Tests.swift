import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT

@Suite("Base64 and base64url, RFC 4648")
struct Base64Tests {
    @Test("RFC 4648 §10 and RFC 7515 App. C") func base64Vectors() throws {
        let v = Vectors.json("jose/base64-rfc4648-rfc7515c.json")
        for row in v["rfc4648_section10"] as! [[String: String]] {
            let input = Array(row["input_ascii"]!.utf8)
            #expect(Base64.encode(input) == row["base64"])
            #expect(Base64.urlEncode(input) == row["base64url_unpadded"])
            #expect(try Base64.decode(row["base64"]!) == input)
            #expect(try Base64.urlDecode(row["base64url_unpadded"]!) == input)
        }
        let c = v["rfc7515_appendix_c"] as! [String: Any]
        let octets = (c["octets"] as! [Int]).map(UInt8.init)
        #expect(Base64.urlEncode(octets) == c["base64url_unpadded"] as? String)
        #expect(try Base64.urlDecode("A-z_4ME") == octets)
        #expect(Base64.encode(octets) == c["base64_padded_standard_alphabet_derived"] as? String)
    }

    @Test(
        "strict base64url: padding, other alphabets, bad lengths and spare bits are refused",
        arguments: [
            ("Zg==", .outsideAlphabet(character: 0x3d, offset: 2)),
            ("Zg=", .outsideAlphabet(character: 0x3d, offset: 2)),
            ("A+z/4ME", .outsideAlphabet(character: 0x2b, offset: 1)),
            ("A-z_4ME=", .outsideAlphabet(character: 0x3d, offset: 7)), ("Z", .lengthOneModFour(1)),
            ("Zh", .nonZeroSpareBits), ("Zm9=", .outsideAlphabet(character: 0x3d, offset: 3)),
            ("Zm 9v", .lengthOneModFour(5)), ("Zm 9", .outsideAlphabet(character: 0x20, offset: 2)),
            ("Zm9v\n", .lengthOneModFour(5)),
            ("é", .outsideAlphabet(character: 0xc3, offset: 0)),
        ] as [(String, PrivateKeyJWTError.Base64Rule)])
    func base64urlNegatives(text: String, rule: PrivateKeyJWTError.Base64Rule) {
        #expect(throws: PrivateKeyJWTError.invalidBase64(rule)) { try Base64.urlDecode(text) }
    }

    @Test(
        "strict padded base64: missing or misplaced padding, url alphabet, spare bits are refused",
        arguments: [
            ("Zg", .lengthNotMultipleOfFour(2)), ("Zg=", .lengthNotMultipleOfFour(3)),
            ("Z===", .outsideAlphabet(character: 0x3d, offset: 1)), ("Zh==", .nonZeroSpareBits),
            ("Zm9vYg=a", .outsideAlphabet(character: 0x3d, offset: 6)),
            ("A-z_4ME=", .outsideAlphabet(character: 0x2d, offset: 1)),
            ("=Zg=", .outsideAlphabet(character: 0x3d, offset: 0)),
            ("Zm9v YmFy", .lengthNotMultipleOfFour(9)),
        ] as [(String, PrivateKeyJWTError.Base64Rule)])
    func base64Negatives(text: String, rule: PrivateKeyJWTError.Base64Rule) {
        #expect(throws: PrivateKeyJWTError.invalidBase64(rule)) { try Base64.decode(text) }
    }
}
