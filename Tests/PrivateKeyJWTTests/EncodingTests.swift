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

    @Test("strict base64url: padding, other alphabets, bad lengths and spare bits are refused",
          arguments: ["Zg==", "Zg=", "A+z/4ME", "A-z_4ME=", "Z", "Zh", "Zm9=", "Zm 9v", "Zm9v\n", "é"])
    func base64urlNegatives(text: String) {
        #expect(throws: PrivateKeyJWTError.self) { try Base64.urlDecode(text) }
    }

    @Test("strict padded base64: missing or misplaced padding, url alphabet, spare bits are refused",
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

    @Test("openssl keys: every format parses to the same key; ours re-encode byte for byte",
          arguments: ["key1", "key2", "key3"])
    func opensslFormats(name: String) throws {
        let base = "rsa/openssl-keys/\(name)"
        let pkcs8 = try RSAPrivateKey(pemRepresentation: Vectors.text("\(base).pkcs8.pem"))
        let pkcs1 = try RSAPrivateKey(pemRepresentation: Vectors.text("\(base).pkcs1.pem"))
        let fromDER8 = try RSAPrivateKey(derRepresentation: Vectors.bytes("\(base).pkcs8.der"))
        let fromDER1 = try RSAPrivateKey(derRepresentation: Vectors.bytes("\(base).pkcs1.der"))
        for other in [pkcs1, fromDER8, fromDER1] { #expect(other.pkcs1DERRepresentation == pkcs8.pkcs1DERRepresentation) }
        #expect(pkcs8.derRepresentation == Vectors.bytes("\(base).pkcs8.der"))
        #expect(pkcs8.pkcs1DERRepresentation == Vectors.bytes("\(base).pkcs1.der"))
        #expect(pkcs8.pemRepresentation == Vectors.text("\(base).pkcs8.pem"))
        #expect(pkcs8.pkcs1PEMRepresentation == Vectors.text("\(base).pkcs1.pem"))
        let publicKey = pkcs8.publicKey
        for parsed in [try RSAPublicKey(pemRepresentation: Vectors.text("\(base).spki.pem")),
                       try RSAPublicKey(pemRepresentation: Vectors.text("\(base).rsapub.pem")),
                       try RSAPublicKey(derRepresentation: Vectors.bytes("\(base).spki.der")),
                       try RSAPublicKey(derRepresentation: Vectors.bytes("\(base).rsapub.der"))] {
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

    @Test("pyca: the valid key files load", arguments: [
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

    @Test("pyca: the same key in every form", arguments: [
        ["Traditional_OpenSSL_Serialization/testrsa.pem", "DER_Serialization/testrsa.der"],
        ["PKCS8/unenc-rsa-pkcs8.pem", "DER_Serialization/unenc-rsa-pkcs8.der", "PKCS8/unenc-rsa-pkcs8.pub.pem",
         "DER_Serialization/unenc-rsa-pkcs8.pub.der", "public/PKCS1/rsa.pub.pem", "public/PKCS1/rsa.pub.der"],
        ["PEM_Serialization/rsa_public_key.pem", "DER_Serialization/rsa_public_key.der"],
    ])
    func pycaSameKey(files: [String]) throws {
        let keys = try files.map { try KeyDocument(bytes: Vectors.bytes("rsa/pyca-keys/\($0)")).publicKey }
        #expect(Set(keys.map(\.thumbprint)).count == 1)
    }

    @Test("pyca: malformed files are refused with an error naming the problem", arguments: [
        ("Traditional_OpenSSL_Serialization/rsa-wrong-version.pem", "version is 17, expected 0"),
        ("PKCS8/wrong-pem-delimiter-rsa.pem", "label 'RSA PRIVATE KEY' does not match its content, which is a PKCS#8"),
        ("PEM_Serialization/rsa_wrong_delimiter_public_key.pem", "label 'RSA PUBLIC KEY' does not match its content, which is a SubjectPublicKeyInfo"),
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
        if let sshKeygen, sshKeygen.status == 0 { #expect(String(decoding: sshKeygen.stdout, as: UTF8.self).hasPrefix("2048 ")) }
        let blob = try Base64.decode(String(line.split(separator: " ")[1]))
        for (bad, reason) in [
            ("ssh-ed25519 " + line.dropFirst(8), "ssh-rsa"),
            ("ssh-rsa", "expected"),
            ("ssh-rsa !!!!", "damaged"),
            ("ssh-rsa " + Base64.encode(blob + [0]), "trailing"),
            ("ssh-rsa " + Base64.encode(Array(blob.dropLast())), "runs past"),
            ("ssh-rsa " + Base64.encode([0, 0, 0, 7] + Array("ssh-dss".utf8) + blob.dropFirst(11)), "key type"),
            // e as an mpint with an unnecessary leading zero byte.
            ("ssh-rsa " + Base64.encode(Array(blob[0..<11]) + [0, 0, 0, 4, 0, 1, 0, 1] + blob.dropFirst(18)), "leading zero"),
        ] {
            expectRefused(reason) { _ = try RSAPublicKey(openSSHRepresentation: bad) }
        }
    }
}

@Suite("Strict DER: one negative test per X.690 rule")
struct DERNegativeTests {
    static let good = Vectors.bytes("rsa/openssl-keys/key1.spki.der")

    static func expectRefused(_ der: [UInt8], _ reason: String, sourceLocation: SourceLocation = #_sourceLocation) {
        PrivateKeyJWTTests.expectRefused(reason, sourceLocation: sourceLocation) { _ = try RSAPublicKey(derRepresentation: der) }
    }

    @Test("the unmodified SPKI parses") func good() throws { _ = try RSAPublicKey(derRepresentation: Self.good) }

    @Test("trailing bytes after the outer SEQUENCE") func trailing() { Self.expectRefused(Self.good + [0], "trailing") }

    @Test("truncated input") func truncated() { Self.expectRefused(Array(Self.good.dropLast()), "runs past") }

    @Test("non-minimal long-form length") func nonMinimalLength() {
        // 30 82 01 22 → 30 83 00 01 22: a leading zero length octet.
        Self.expectRefused([0x30, 0x83, 0x00, 0x01, 0x22] + Self.good.dropFirst(4), "not minimally encoded")
        // A length below 128 in long form: 30 81 05 ...
        Self.expectRefused([0x30, 0x81, 0x05, 0x02, 0x01, 0x01, 0x02, 0x00], "not minimally encoded")
    }

    @Test("indefinite length") func indefinite() { Self.expectRefused([0x30, 0x80, 0x02, 0x01, 0x01, 0x00, 0x00], "indefinite") }

    @Test("non-minimal INTEGER (leading 00 before a byte < 0x80)") func nonMinimalInteger() {
        Self.expectRefused(DERWriter.sequence([DERWriter.tlv(.integer, [0x00, 0x01]), DERWriter.integer([3])]), "leading 0x00")
    }

    @Test("non-minimal negative INTEGER (leading FF)") func nonMinimalNegative() {
        Self.expectRefused(DERWriter.sequence([DERWriter.tlv(.integer, [0xff, 0x81]), DERWriter.integer([3])]), "leading 0xFF")
    }

    @Test("negative INTEGER") func negative() {
        Self.expectRefused(DERWriter.sequence([DERWriter.tlv(.integer, [0x81]), DERWriter.integer([3])]), "negative")
    }

    @Test("empty INTEGER") func emptyInteger() {
        Self.expectRefused(DERWriter.sequence([DERWriter.tlv(.integer, []), DERWriter.integer([3])]), "no content")
    }

    @Test("NULL parameters with contents") func nullWithContents() {
        let spki = DERWriter.sequence([
            DERWriter.sequence([DERWriter.tlv(.objectIdentifier, AlgorithmIdentifier.rsaEncryption), [0x05, 0x01, 0x00]]),
            DERWriter.bitString(Vectors.bytes("rsa/openssl-keys/key1.rsapub.der")),
        ])
        Self.expectRefused(spki, "NULL with contents")
    }

    @Test("missing NULL parameters for rsaEncryption") func missingNull() {
        let spki = DERWriter.sequence([
            DERWriter.sequence([DERWriter.tlv(.objectIdentifier, AlgorithmIdentifier.rsaEncryption)]),
            DERWriter.bitString(Vectors.bytes("rsa/openssl-keys/key1.rsapub.der")),
        ])
        Self.expectRefused(spki, "must be NULL")
    }

    @Test("BIT STRING with unused bits") func unusedBits() {
        let spki = DERWriter.sequence([AlgorithmIdentifier.rsaEncryptionDER,
                                       DERWriter.tlv(.bitString, [3] + Vectors.bytes("rsa/openssl-keys/key1.rsapub.der"))])
        Self.expectRefused(spki, "unused bits")
    }

    @Test("wrong tag") func wrongTag() { Self.expectRefused([0x31] + Self.good.dropFirst(), "expected tag 0x30") }

    @Test("unknown algorithm OID") func unknownOID() {
        var der = Self.good
        der[16] ^= 0x01  // last OID byte: 1.2.840.113549.1.1.1 → .1.1.0
        Self.expectRefused(der, "not rsaEncryption")
    }

    @Test("a private key with otherPrimeInfos is refused") func multiPrime() throws {
        let key = Vectors.bytes("rsa/openssl-keys/key1.pkcs1.der")
        var reader = DERReader(key)
        let contents = Array(try reader.read(.sequence, what: "k"))
        let extended = DERWriter.tlv(.sequence, contents + DERWriter.sequence([]))
        #expect(throws: PrivateKeyJWTError.self) { try RSAPrivateKey(derRepresentation: extended) }
    }

    @Test("private-key consistency: a changed CRT value is refused", arguments: [5, 6, 7, 8])
    func inconsistentPrivateKey(index: Int) throws {
        let key = try RSAPrivateKey(derRepresentation: Vectors.bytes("rsa/openssl-keys/key1.pkcs1.der"))
        var values = [key.components.n, key.components.e, key.components.d, key.components.p, key.components.q,
                      key.components.dP, key.components.dQ, key.components.qInv].map(\.minimalOctets)
        values[index - 1][values[index - 1].count - 1] ^= 0x02
        #expect(throws: PrivateKeyJWTError.self) {
            try RSAPrivateKey(modulus: values[0], publicExponent: values[1], privateExponent: values[2], prime1: values[3],
                              prime2: values[4], exponent1: values[5], exponent2: values[6], coefficient: values[7])
        }
    }
}

@Suite("PEM, RFC 7468")
struct PEMTests {
    static let pem = Vectors.text("rsa/openssl-keys/key1.spki.pem")

    @Test("text around the block is ignored") func surroundingText() throws {
        #expect(try RSAPublicKey(pemRepresentation: "notes\n" + Self.pem + "more notes\n") == RSAPublicKey(pemRepresentation: Self.pem))
        #expect(try RSAPublicKey(pemRepresentation: Self.pem.replacingOccurrences(of: "\n", with: "\r\n")) == RSAPublicKey(pemRepresentation: Self.pem))
    }

    @Test("PEM rules", arguments: [
        ("no BEGIN", "no '-----BEGIN'"),
        ("-----BEGIN PUBLIC KEY-----\nAAAA\n", "truncated"),
        ("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "does not match"),
        ("-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n", "empty"),
        ("-----BEGIN PUBLIC KEY-----\nAA=A\n-----END PUBLIC KEY-----\n", "damaged"),
        ("-----BEGIN PUBLIC KEY-----\nProc-Type: 4,ENCRYPTED\n\nAAAA\n-----END PUBLIC KEY-----\n", "encrypted"),
        ("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "not a public key"),
        ("-----BEGIN PUBLIC KEY -----\nAAAA\n-----END PUBLIC KEY-----\n", "malformed BEGIN"),
    ])
    func rules(text: String, message: String) {
        expectRefused(message) { _ = try RSAPublicKey(pemRepresentation: text) }
    }

    @Test("a private key under a public label is refused by label") func privateUnderPublicLabel() {
        let body = Vectors.text("rsa/openssl-keys/key1.pkcs8.pem").replacingOccurrences(of: "PRIVATE KEY", with: "PUBLIC KEY")
        #expect(throws: PrivateKeyJWTError.self) { try RSAPublicKey(pemRepresentation: body) }
    }
}
