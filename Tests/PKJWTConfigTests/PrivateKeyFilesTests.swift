import Foundation
import PrivateKeyJWT
import TestVectors
import Testing

@testable import PKJWTConfig

@Suite("PrivateKeyFiles: a key from a file or a setting's value; refusals name the setting, never the value")
struct PrivateKeyFilesTests {
    static let pem = Vectors.text("rsa/openssl-keys/key1.pkcs8.pem")
    static var thumbprint: String { get throws { try RSAPrivateKey(pemRepresentation: pem).publicKey.thumbprint } }

    @Test("a file in each private format; `prepare` applied to the key as loaded")
    func file() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let key = try RSAPrivateKey(pemRepresentation: Self.pem)
        try Data(JWK(privateKey: key, kid: "k").jsonRepresentation).write(
            to: URL(fileURLWithPath: folder.file("k.jwk")))
        let paths = ["key1.pkcs8.pem", "key1.pkcs1.der"].map { Vectors.url("rsa/openssl-keys/" + $0).path }
        for path in paths + [folder.file("k.jwk")] {
            let name = path
            var prepared = 0
            let loaded = try PrivateKeyFiles.key(file: path, setting: "KEY_FILE") { key in
                prepared += 1
                return key
            }
            #expect(try loaded.key.thumbprint == Self.thumbprint, "\(name)")
            #expect(prepared <= 1, "once, and not again when the memo has the file")
        }
    }

    /// The RFC 6979 P-256 key as joserfc and cryptography wrote it.
    static var p256: [String: Any] { Vectors.json("ecdsa/p256/rfc6979-key.json") }

    @Test("a P-256 key: a JWK, a SEC 1 PEM or a PKCS#8 PEM, from a file or a value, each with its format")
    func p256() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let jwk = try #require(Self.p256["jwk"] as? [String: String])
        let documents: [(String, String, KeyFormat)] = [
            ("k.jwk", String(decoding: try JSONSerialization.data(withJSONObject: jwk), as: UTF8.self), .privateJWK),
            ("k1.pem", Vectors.pem("EC PRIVATE KEY", Hex.decode(Self.p256["sec1"] as? String ?? "")), .sec1PEM),
            (
                "k8.pem", Vectors.pem("PRIVATE KEY", Hex.decode(Self.p256["pkcs8"] as? String ?? "")),
                .pem(.pkcs8PrivateKey)
            ),
        ]
        for (name, text, format) in documents {
            try folder.write(name, text)
            for loaded in [
                try PrivateKeyFiles.key(file: folder.file(name), setting: "KEY_FILE"),
                try PrivateKeyFiles.key(value: text, setting: "KEY"),
            ] {
                guard case .p256 = loaded.key else {
                    Issue.record("\(name) is not read as a P-256 key")
                    continue
                }
                #expect(loaded.key.thumbprint == Self.p256["thumbprint"] as? String, "\(name)")
                #expect(loaded.format == format, "\(name)")
            }
        }
    }

    @Test("P-256 refusals by case: a public EC JWK, a d that is not x and y's, a SEC 1 PEM whose DER ends early")
    func p256Refusals() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        var jwk = try #require(Self.p256["jwk"] as? [String: String])
        jwk["d"] = nil
        try folder.write("public.jwk", String(decoding: try JSONSerialization.data(withJSONObject: jwk), as: UTF8.self))
        jwk["d"] = Base64.urlEncode([UInt8](repeating: 7, count: 32))
        try folder.write("other.jwk", String(decoding: try JSONSerialization.data(withJSONObject: jwk), as: UTF8.self))
        try folder.write("bad.pem", Vectors.pem("EC PRIVATE KEY", [0x30, 0x03, 0x02, 0x01, 0x01]))
        let cases: [(String, ConfigError.KeyProblem)] = [
            ("public.jwk", .publicKeyOnly(.publicJWK)), ("other.jwk", .unreadable(.invalidECKey(.publicKeyMismatch))),
        ]
        for (name, problem) in cases {
            #expect(throws: ConfigError.key(.file(setting: "KEY_FILE", path: folder.file(name)), problem)) {
                _ = try PrivateKeyFiles.key(file: folder.file(name), setting: "KEY_FILE")
            }
        }
        do {
            _ = try PrivateKeyFiles.key(file: folder.file("bad.pem"), setting: "KEY_FILE")
            Issue.record("a SEC 1 PEM that is no key was accepted")
        } catch .key(let origin, .unreadable(.invalidDER)) {
            #expect(origin == .file(setting: "KEY_FILE", path: folder.file("bad.pem")))
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("a value holding the key: PEM, and bare base64 DER with line breaks")
    func value() throws {
        #expect(try PrivateKeyFiles.key(value: Self.pem, setting: "KEY").key.thumbprint == Self.thumbprint)
        let der = Vectors.bytes("rsa/openssl-keys/key1.pkcs8.der")
        let base64 = Data(der).base64EncodedString(options: .lineLength64Characters)
        #expect(try PrivateKeyFiles.key(value: base64, setting: "KEY").key.thumbprint == Self.thumbprint)
    }

    @Test("a value that is the path of a key file")
    func valueNamingAFile() throws {
        let path = Vectors.url("rsa/openssl-keys/key1.pkcs1.pem").path
        #expect(try PrivateKeyFiles.key(value: path, setting: "KEY").key.thumbprint == Self.thumbprint)
    }

    @Test("refusals: public key only; unreadable bytes; neither key nor path (the value never shown)")
    func refusals() throws {
        let spki = Vectors.url("rsa/openssl-keys/key1.spki.pem").path
        #expect(
            throws: ConfigError.key(.file(setting: "KEY_FILE", path: spki), .publicKeyOnly(.pem(.subjectPublicKeyInfo)))
        ) {
            _ = try PrivateKeyFiles.key(file: spki, setting: "KEY_FILE")
        }
        let folder = try ScratchFolder()
        defer { folder.remove() }
        try folder.write("garbage", "not a key")
        do {
            _ = try PrivateKeyFiles.key(file: folder.file("garbage"), setting: "KEY_FILE")
            Issue.record("a file that is no key was accepted")
        } catch .key(let origin, .unreadable) {
            #expect(origin == .file(setting: "KEY_FILE", path: folder.file("garbage")))
        } catch { Issue.record("wrong refusal: \(error)") }
        let secret = "s3cr3tT0kenValue-not-a-path-AbCdEf0123456789"
        let refusal = ConfigError.key(.value(setting: "KEY"), .neitherKeyNorPath)
        #expect(throws: refusal) { _ = try PrivateKeyFiles.key(value: secret, setting: "KEY") }
        #expect(!refusal.description.contains(secret) && refusal.description.hasPrefix("KEY is neither a key"))
        #expect(throws: ConfigError.key(.value(setting: "KEY"), .publicKeyOnly(.pem(.subjectPublicKeyInfo)))) {
            _ = try PrivateKeyFiles.key(value: Vectors.text("rsa/openssl-keys/key1.spki.pem"), setting: "KEY")
        }
    }

    @Test("descriptions name the setting and the file, or the setting alone for a value")
    func descriptions() {
        #expect(ConfigError.KeyOrigin.file(setting: "KEY_FILE", path: "/k.pem").description == "KEY_FILE '/k.pem'")
        #expect(ConfigError.KeyOrigin.fileNamedBy(setting: "KEY").description == "the file KEY names")
        #expect(
            ConfigError.key(.value(setting: "KEY"), .publicKeyOnly(.pem(.subjectPublicKeyInfo))).description
                == "KEY holds a public key (\(KeyFormat.pem(.subjectPublicKeyInfo))); a private key is needed")
    }
}
