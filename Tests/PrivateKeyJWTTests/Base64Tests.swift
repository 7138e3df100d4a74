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
        arguments: ["Zg==", "Zg=", "A+z/4ME", "A-z_4ME=", "Z", "Zh", "Zm9=", "Zm 9v", "Zm9v\n", "é"])
    func base64urlNegatives(text: String) {
        #expect(throws: PrivateKeyJWTError.self) { try Base64.urlDecode(text) }
    }

    @Test(
        "strict padded base64: missing or misplaced padding, url alphabet, spare bits are refused",
        arguments: ["Zg", "Zg=", "Z===", "Zh==", "Zm9vYg=a", "A-z_4ME=", "=Zg=", "Zm9v YmFy"])
    func base64Negatives(text: String) {
        #expect(throws: PrivateKeyJWTError.self) { try Base64.decode(text) }
    }
}
