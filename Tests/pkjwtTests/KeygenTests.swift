import Foundation
import PrivateKeyJWT
import Testing

@Suite("pkjwt keygen")
struct KeygenCommandTests {
    @Test("writes a 0600 PKCS#8 key and prints its public JWK with the thumbprint as kid") func keygen() throws {
        let s = try Scratch()
        let result = try s.pkjwt("keygen", "--out", "key.pem")
        #expect(result.status == 0)
        #expect(try s.mode("key.pem") == 0o600)
        let pem = try s.read("key.pem")
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        let key = try RSAPrivateKey(pemRepresentation: pem)
        let jwk = try jsonObject(result.stdout)
        #expect(jwk["kid"] as? String == key.publicKey.thumbprint)
        #expect(jwk["n"] as? String == Base64.urlEncode(key.publicKey.modulus))
        #expect(jwk["d"] == nil, "no private member on stdout")
        #expect(!result.stdout.contains("PRIVATE"))
        #expect(try s.listing() == ["key.pem"], "no temporary file left")
    }

    @Test("--format pkcs1, --bits 3072 and --json") func options() throws {
        let s = try Scratch()
        let result = try s.pkjwt("keygen", "--out", "rsa.pem", "--format", "pkcs1", "--bits", "3072", "--json")
        #expect(result.status == 0)
        let pem = try s.read("rsa.pem")
        #expect(pem.hasPrefix("-----BEGIN RSA PRIVATE KEY-----\n"))
        #expect(try RSAPrivateKey(pemRepresentation: pem).publicKey.modulusBitCount == 3072)
        let report = try jsonObject(result.stdout)
        #expect(report["key_file"] as? String == "rsa.pem")
        #expect((report["jwk"] as? [String: Any])?["kid"] as? String == report["kid"] as? String)
    }

    @Test("refuses to overwrite without --force; --force replaces") func overwrite() throws {
        let s = try Scratch()
        try s.write("key.pem", "precious")
        expectExplainedFailure(try s.pkjwt("keygen", "--out", "key.pem"), mentioning: "already exists; pass --force")
        #expect(try s.read("key.pem") == "precious")
        #expect(try s.pkjwt("keygen", "--out", "key.pem", "--force").status == 0)
        #expect(try s.read("key.pem").hasPrefix("-----BEGIN PRIVATE KEY-----"))
        #expect(try s.mode("key.pem") == 0o600)
        #expect(try s.listing() == ["key.pem"])
    }

    @Test("--type ec: a 0600 PKCS#8 P-256 key OpenSSL accepts, and its public JWK (ES256, thumbprint as kid)")
    func ec() throws {
        let s = try Scratch()
        let result = try s.pkjwt("keygen", "--type", "ec", "--out", "ec.pem")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try s.mode("ec.pem") == 0o600)
        let key = try P256PrivateKey(pemRepresentation: s.read("ec.pem"))
        let jwk = try jsonObject(result.stdout)
        #expect(jwk["kty"] as? String == "EC" && jwk["crv"] as? String == "P-256" && jwk["alg"] as? String == "ES256")
        #expect(jwk["kid"] as? String == key.publicKey.thumbprint)
        #expect(jwk["x"] as? String == Base64.urlEncode(key.publicKey.xBytes) && jwk["d"] == nil)
        #expect(result.stderr.contains("wrote P-256 private key"))
        let check = try s.shell("openssl pkey -in ec.pem -check -noout")
        #expect(check.status == 0, "\(check.stderr)")
        expectExplainedFailure(
            try s.pkjwt("keygen", "--type", "ec", "--out", "k.pem", "--bits", "3072"),
            mentioning: "--bits and --format pkcs1 are for RSA keys")
    }

    @Test("unsupported sizes and unwritable places fail cleanly with nothing written") func failures() throws {
        let s = try Scratch()
        expectExplainedFailure(
            try s.pkjwt("keygen", "--out", "k.pem", "--bits", "1024"), mentioning: "--bits 1024 is not supported")
        expectExplainedFailure(try s.pkjwt("keygen", "--out", "no/such/folder/k.pem"), mentioning: "cannot write in")
        #expect(try s.listing().isEmpty)
    }

    @Test(
        "usage errors: exit 1, one line that says what is wrong and where help is",
        arguments: [
            ["register", "--via", "soap"], ["keygen", "--out"], ["keygen", "--out", "k", "--format", "der"], ["nope"],
            ["sign"], ["token", "--timeout", "soon"], ["token", "--timeout", "0"],
        ])
    func usage(arguments: [String]) throws {
        let s = try Scratch()
        let process = try s.run(arguments)
        expectExplainedFailure(process, mentioning: "(run 'pkjwt help' for usage)")
        #expect(try s.listing().isEmpty)
    }
}
