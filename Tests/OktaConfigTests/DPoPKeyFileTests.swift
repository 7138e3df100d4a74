import Foundation
import PKJWTConfig
import PrivateKeyJWT
import TestVectors
import Testing

@testable import OktaConfig

@Suite("DPoPKeyFile: the DPOP preference, where the proof key lives, its thumbprint, and kept nonces")
struct DPoPKeyFileTests {
    static func configuration(_ home: Home, _ dotEnv: String) throws -> OktaConfiguration {
        try home.write(".env", dotEnv)
        return try OktaConfiguration(envFile: home.file(".env"), environment: home.environment)
    }

    @Test(
        "DPOP: booleans in any case; unset means when required; the flag wins; anything else is refused",
        arguments: [
            ("", DPoPKeyFile.Preference.whenRequired), ("DPOP=TRUE\n", .always), ("DPOP=on\n", .always),
            ("DPOP=0\n", .never), ("DPOP=No\n", .never),
        ])
    func preference(dotEnv: String, expected: DPoPKeyFile.Preference) throws {
        let home = try Home()
        defer { home.remove() }
        let configuration = try Self.configuration(home, dotEnv)
        #expect(try DPoPKeyFile.Preference(configuration, flag: false) == expected)
        #expect(try DPoPKeyFile.Preference(configuration, flag: true) == .always)
    }

    @Test("a DPOP value that is no boolean is refused with its first 40 characters")
    func preferenceRefused() throws {
        let home = try Home()
        defer { home.remove() }
        let configuration = try Self.configuration(home, "DPOP=maybe\(String(repeating: "x", count: 60))\n")
        #expect(throws: OktaConfigError.dpopValue("maybe" + String(repeating: "x", count: 35))) {
            _ = try DPoPKeyFile.Preference(configuration, flag: false)
        }
    }

    @Test("path: DPOP_KEY_FILE, else the cache folder; a pasted key or no home is refused")
    func path() throws {
        let home = try Home()
        defer { home.remove() }
        let named = try Self.configuration(home, "DPOP_KEY_FILE=/k.jwk\n")
        #expect(try DPoPKeyFile.path(named, cacheDirectory: "/cache") == "/k.jwk")
        #expect(try DPoPKeyFile.path(named, cacheDirectory: nil) == "/k.jwk")
        let unset = try Self.configuration(home, "")
        #expect(try DPoPKeyFile.path(unset, cacheDirectory: "/cache") == "/cache/dpop-key.jwk")
        #expect(throws: OktaConfigError.noPlaceForDPoPKey) { _ = try DPoPKeyFile.path(unset, cacheDirectory: nil) }
        let pasted = try Self.configuration(home, "DPOP_KEY_FILE='{\"kty\":\"RSA\"}'\n")
        #expect(throws: OktaConfigError.dpopKeyFileNotAPath) {
            _ = try DPoPKeyFile.path(pasted, cacheDirectory: "/cache")
        }
    }

    @Test("thumbprint: none without a file, the JWK's members' otherwise, a PEM's after loading it")
    func thumbprint() throws {
        let home = try Home()
        defer { home.remove() }
        #expect(try DPoPKeyFile.thumbprint(at: home.file("none.jwk")) == nil)
        let pem = Vectors.text("rsa/openssl-keys/key2.pkcs8.pem")
        let key = try RSAPrivateKey(pemRepresentation: pem)
        try Data(JWK(privateKey: key, kid: "k").jsonRepresentation).write(to: URL(fileURLWithPath: home.file("k.jwk")))
        #expect(try DPoPKeyFile.thumbprint(at: home.file("k.jwk")) == key.publicKey.thumbprint)
        try home.write("k.pem", pem)
        #expect(try DPoPKeyFile.thumbprint(at: home.file("k.pem")) == key.publicKey.thumbprint)
        try home.write("public.pem", Vectors.text("rsa/openssl-keys/key2.spki.pem"))
        let refusal = OktaConfigError.config(
            .key(
                .file(setting: "DPOP_KEY_FILE", path: home.file("public.pem")),
                .publicKeyOnly(.pem(.subjectPublicKeyInfo))))
        #expect(throws: refusal) { _ = try DPoPKeyFile.thumbprint(at: home.file("public.pem")) }
    }

    @Test("the proof key must not be the client-assertion key (RFC 9449 §2)")
    func separate() throws {
        let one = try RSAPrivateKey(pemRepresentation: Vectors.text("rsa/openssl-keys/key1.pkcs8.pem"))
        let two = try RSAPrivateKey(pemRepresentation: Vectors.text("rsa/openssl-keys/key2.pkcs8.pem"))
        try DPoPKeyFile.checkSeparate(.rsa(one), from: .rsa(two))
        try DPoPKeyFile.checkSeparate(.rsa(one), from: nil)
        let p256 = try P256PrivateKey()
        try DPoPKeyFile.checkSeparate(.p256(p256), from: .rsa(one))
        #expect(throws: OktaConfigError.dpopKeyIsAssertionKey) {
            try DPoPKeyFile.checkSeparate(.rsa(one), from: .rsa(one))
        }
        #expect(throws: OktaConfigError.dpopKeyIsAssertionKey) {
            try DPoPKeyFile.checkSeparate(.p256(p256), from: .p256(p256))
        }
    }

    /// The RFC 6979 P-256 key as joserfc and cryptography wrote it.
    static var p256: [String: Any] { Vectors.json("ecdsa/p256/rfc6979-key.json") }

    @Test("a P-256 key file: a JWK, a SEC 1 or a PKCS#8 PEM; a JWK whose d is not x and y's is refused by case")
    func p256Files() throws {
        let home = try Home()
        defer { home.remove() }
        let jwk = try #require(Self.p256["jwk"] as? [String: String])
        try home.write("k.jwk", String(decoding: JSONSerialization.data(withJSONObject: jwk), as: UTF8.self))
        try home.write("k8.pem", Vectors.pem("PRIVATE KEY", Hex.decode(Self.p256["pkcs8"] as? String ?? "")))
        try home.write("k1.pem", Vectors.pem("EC PRIVATE KEY", Hex.decode(Self.p256["sec1"] as? String ?? "")))
        for name in ["k.jwk", "k8.pem", "k1.pem"] {
            guard case .p256(let key) = try DPoPKeyFile.load(at: home.file(name)) else {
                Issue.record("\(name) is not read as a P-256 key")
                continue
            }
            #expect(key.publicKey.thumbprint == Self.p256["thumbprint"] as? String, "\(name)")
            #expect(try DPoPKeyFile.thumbprint(at: home.file(name)) == key.publicKey.thumbprint, "\(name)")
        }
        var other = jwk
        other["d"] = Base64.urlEncode([UInt8](repeating: 7, count: 32))
        try home.write("bad.jwk", String(decoding: JSONSerialization.data(withJSONObject: other), as: UTF8.self))
        let refusal = OktaConfigError.config(
            .key(
                .file(setting: "DPOP_KEY_FILE", path: home.file("bad.jwk")),
                .unreadable(.invalidECKey(.publicKeyMismatch))))
        #expect(throws: refusal) { _ = try DPoPKeyFile.load(at: home.file("bad.jwk")) }
    }

    @Test("nonces: kept beside the key, read back; an unreadable file is no nonces")
    func nonces() throws {
        let home = try Home()
        defer { home.remove() }
        let key = home.file("dpop-key.jwk")
        #expect(DPoPKeyFile.nonceFile(beside: key) == home.file("dpop-nonces.json"))
        #expect(DPoPKeyFile.nonceFile(beside: "k.jwk") == "./dpop-nonces.json")
        #expect(DPoPKeyFile.savedNonces(beside: key).isEmpty)
        DPoPKeyFile.saveNonces(["https://o.example.com": "n1"], beside: key)
        #expect(DPoPKeyFile.savedNonces(beside: key) == ["https://o.example.com": "n1"])
        try home.write("dpop-nonces.json", "not json")
        #expect(DPoPKeyFile.savedNonces(beside: key).isEmpty)
    }

    @Test("prepareFolder makes a missing folder 0700 and leaves an existing one alone")
    func folder() throws {
        let home = try Home()
        defer { home.remove() }
        try DPoPKeyFile.prepareFolder(of: home.file("cache/pkjwt/dpop-key.jwk"))
        var status = stat()
        #expect(stat(home.file("cache/pkjwt"), &status) == 0 && status.st_mode & 0o777 == 0o700)
        try DPoPKeyFile.prepareFolder(of: "dpop-key.jwk")
    }
}
