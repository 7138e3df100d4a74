import Foundation
import Testing

@testable import PrivateKeyJWT

@Suite("Encodings: base64, DER, PEM, PKCS#1, PKCS#8, SPKI, OpenSSH")
struct EncodingTests {
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

    @Test("I2OSP/OS2IP, RFC 8017 §4") func octetStrings() {
        #expect(BigNum(octets: [0, 0, 1, 2]).octets(length: 4) == [0, 0, 1, 2])
        #expect(BigNum(octets: [1, 2]).octets(length: 1) == nil)  // "integer too large"
        #expect(BigNum(octets: []).octets(length: 2) == [0, 0])
        #expect(BigNum(octets: [0xff]).minimalOctets == [0xff])
        #expect(BigNum(UInt(0)).minimalOctets == [0])
    }

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

    @Test(
        "pyca: the valid key files load",
        arguments: [
            "Traditional_OpenSSL_Serialization/testrsa.pem", "DER_Serialization/testrsa.der",
            "PKCS8/unenc-rsa-pkcs8.pem", "DER_Serialization/unenc-rsa-pkcs8.der",
            "PKCS8/unenc-rsa-pkcs8.pub.pem", "DER_Serialization/unenc-rsa-pkcs8.pub.der",
            "public/PKCS1/rsa.pub.pem", "public/PKCS1/rsa.pub.der",
            "PEM_Serialization/rsa_public_key.pem", "DER_Serialization/rsa_public_key.der",
        ])
    func pycaValid(file: String) throws {
        let document = try KeyDocument(bytes: Vectors.bytes("rsa/pyca-keys/\(file)"))
        #expect(document.publicKey.modulusBitCount >= 1024)
    }

    @Test(
        "pyca: the same key in every form",
        arguments: [
            ["Traditional_OpenSSL_Serialization/testrsa.pem", "DER_Serialization/testrsa.der"],
            [
                "PKCS8/unenc-rsa-pkcs8.pem", "DER_Serialization/unenc-rsa-pkcs8.der", "PKCS8/unenc-rsa-pkcs8.pub.pem",
                "DER_Serialization/unenc-rsa-pkcs8.pub.der", "public/PKCS1/rsa.pub.pem", "public/PKCS1/rsa.pub.der",
            ],
            ["PEM_Serialization/rsa_public_key.pem", "DER_Serialization/rsa_public_key.der"],
        ])
    func pycaSameKey(files: [String]) throws {
        let keys = try files.map { try KeyDocument(bytes: Vectors.bytes("rsa/pyca-keys/\($0)")).publicKey }
        #expect(Set(keys.map(\.thumbprint)).count == 1)
    }

    @Test(
        "pyca: malformed files are refused with an error naming the problem",
        arguments: [
            ("Traditional_OpenSSL_Serialization/rsa-wrong-version.pem", "version is 17, expected 0"),
            (
                "PKCS8/wrong-pem-delimiter-rsa.pem",
                "label 'RSA PRIVATE KEY' does not match its content, which is a PKCS#8"
            ),
            (
                "PEM_Serialization/rsa_wrong_delimiter_public_key.pem",
                "label 'RSA PUBLIC KEY' does not match its content, which is a SubjectPublicKeyInfo"
            ),
            ("PEM_Serialization/rsa-bad-1025-q-is-2.pem", "q (prime2) must be an odd prime; it is 2"),
            ("PKCS8/rsa_pss_2048.pem", "RSASSA-PSS"),
            ("PKCS8/rsa_pss_2048_pub.der", "RSASSA-PSS"),
        ])
    func pycaMalformed(file: String, message: String) {
        expectRefused(message) { _ = try KeyDocument(bytes: Vectors.bytes("rsa/pyca-keys/\(file)")) }
    }

    @Test("OpenSSH public key line: round trip and strict parsing") func openSSH() throws {
        let key = try RSAPrivateKey(pemRepresentation: Vectors.text("rsa/openssl-keys/key1.pkcs8.pem")).publicKey
        let line = key.openSSHRepresentation(comment: "me@host")
        #expect(line.hasPrefix("ssh-rsa AAAAB3NzaC1yc2EAAAADAQAB"))
        #expect(try RSAPublicKey(openSSHRepresentation: line) == key)
        let sshKeygen = try? run(["ssh-keygen", "-l", "-f", "/dev/stdin"], stdin: Array((line + "\n").utf8))
        if let sshKeygen, sshKeygen.status == 0 {
            #expect(String(decoding: sshKeygen.stdout, as: UTF8.self).hasPrefix("2048 "))
        }
        let blob = try Base64.decode(String(line.split(separator: " ")[1]))
        for (bad, reason) in [
            ("ssh-ed25519 " + line.dropFirst(8), "ssh-rsa"),
            ("ssh-rsa", "expected"),
            ("ssh-rsa !!!!", "damaged"),
            ("ssh-rsa " + Base64.encode(blob + [0]), "trailing"),
            ("ssh-rsa " + Base64.encode(Array(blob.dropLast())), "runs past"),
            ("ssh-rsa " + Base64.encode([0, 0, 0, 7] + Array("ssh-dss".utf8) + blob.dropFirst(11)), "key type"),
            // e as an mpint with an unnecessary leading zero byte.
            (
                "ssh-rsa " + Base64.encode(Array(blob[0..<11]) + [0, 0, 0, 4, 0, 1, 0, 1] + blob.dropFirst(18)),
                "leading zero"
            ),
        ] {
            expectRefused(reason) { _ = try RSAPublicKey(openSSHRepresentation: bad) }
        }
    }
}
