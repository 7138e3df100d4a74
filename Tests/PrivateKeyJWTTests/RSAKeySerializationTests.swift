import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT

@Suite("RSA keys in every format OpenSSL writes: parsed alike, re-encoded byte for byte")
struct RSAKeySerializationTests {
    @Test(
        "openssl keys: every format parses to the same key; ours re-encode byte for byte",
        arguments: ["key1", "key2", "key3"])
    func opensslFormats(name: String) throws {
        let base = "rsa/openssl-keys/\(name)"
        let pkcs8 = try RSAPrivateKey(pemRepresentation: Vectors.text("\(base).pkcs8.pem"))
        let pkcs1 = try RSAPrivateKey(pemRepresentation: Vectors.text("\(base).pkcs1.pem"))
        let fromDER8 = try RSAPrivateKey(derRepresentation: Vectors.bytes("\(base).pkcs8.der"))
        let fromDER1 = try RSAPrivateKey(derRepresentation: Vectors.bytes("\(base).pkcs1.der"))
        for other in [pkcs1, fromDER8, fromDER1] {
            #expect(other.pkcs1DERRepresentation == pkcs8.pkcs1DERRepresentation)
        }
        #expect(pkcs8.derRepresentation == Vectors.bytes("\(base).pkcs8.der"))
        #expect(pkcs8.pkcs1DERRepresentation == Vectors.bytes("\(base).pkcs1.der"))
        #expect(pkcs8.pemRepresentation == Vectors.text("\(base).pkcs8.pem"))
        #expect(pkcs8.pkcs1PEMRepresentation == Vectors.text("\(base).pkcs1.pem"))
        let publicKey = pkcs8.publicKey
        for parsed in [
            try RSAPublicKey(pemRepresentation: Vectors.text("\(base).spki.pem")),
            try RSAPublicKey(pemRepresentation: Vectors.text("\(base).rsapub.pem")),
            try RSAPublicKey(derRepresentation: Vectors.bytes("\(base).spki.der")),
            try RSAPublicKey(derRepresentation: Vectors.bytes("\(base).rsapub.der")),
        ] {
            #expect(parsed == publicKey)
        }
        #expect(publicKey.derRepresentation == Vectors.bytes("\(base).spki.der"))
        #expect(publicKey.pemRepresentation == Vectors.text("\(base).spki.pem"))
        #expect(publicKey.pkcs1DERRepresentation == Vectors.bytes("\(base).rsapub.der"))
        let components = Vectors.json("\(base).json")["components_hex"] as! [String: String]
        #expect(Hex.encode(publicKey.modulus) == components["n"]!.drop { $0 == "0" })
    }

    @Test("openssl keys: our signatures equal OpenSSL's byte for byte", arguments: ["key1", "key2", "key3"])
    func opensslSignatures(name: String) throws {
        let v = Vectors.json("rsa/openssl-keys/\(name).json")
        let key = try RSAPrivateKey(pemRepresentation: Vectors.text("rsa/openssl-keys/\(name).pkcs8.pem"))
        let signatures = v["signatures"] as! [[String: Any]]
        #expect(signatures.count == 3)
        for s in signatures {
            let message = Hex.decode(s["message_hex"] as! String)
            let ours = try key.signature(for: message)
            #expect(Hex.encode(ours) == s["signature_hex"] as? String, "\(s["label"]!)")
            #expect(Base64.urlEncode(ours) == s["signature_b64url"] as? String)
        }
    }
}
