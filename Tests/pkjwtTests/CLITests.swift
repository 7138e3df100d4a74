import Foundation
import PrivateKeyJWT
import PrivateKeyJWTIFMA
import PrivateKeyJWTSHANI
import Testing

private let vectors = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("vectors")
private func vector(_ path: String) -> String { vectors.appendingPathComponent(path).path }

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

@Suite("pkjwt inspect")
struct InspectCommandTests {
    @Test(
        "every format is recognised with the same kid",
        arguments: [
            ("key1.pkcs8.pem", "PKCS#8 PEM", "private"), ("key1.pkcs1.pem", "PKCS#1 PEM (RSA PRIVATE KEY)", "private"),
            ("key1.spki.pem", "SubjectPublicKeyInfo PEM", "public"),
            ("key1.rsapub.pem", "PKCS#1 PEM (RSA PUBLIC KEY)", "public"),
            ("key1.pkcs8.der", "PKCS#8 DER", "private"), ("key1.pkcs1.der", "PKCS#1 RSAPrivateKey DER", "private"),
            ("key1.spki.der", "SubjectPublicKeyInfo DER", "public"),
            ("key1.rsapub.der", "PKCS#1 RSAPublicKey DER", "public"),
        ])
    func formats(file: String, format: String, kind: String) throws {
        let s = try Scratch()
        let result = try s.pkjwt("inspect", "--json", vector("rsa/openssl-keys/\(file)"))
        #expect(result.status == 0, "\(result.stderr)")
        let report = try jsonObject(result.stdout)
        #expect((report["format"] as? String)?.hasPrefix(format) == true)
        #expect(report["kind"] as? String == kind)
        let keys = try #require(report["keys"] as? [[String: Any]])
        #expect(
            keys.first?["kid"] as? String == "9R3CX1-lbZ3vmS6_kP3SLoYeE7CJ5-t5dl0jHUcXkbE"
                || keys.first?["bits"] as? Int == 2048)
        let expected =
            try jsonObject(String(contentsOfFile: vector("rsa/openssl-keys/key1.json"), encoding: .utf8))[
                "rfc7638_thumbprint_sha256_b64url"] as? String
        #expect(keys.first?["kid"] as? String == expected)
    }

    @Test("JWK, JWK Set and OpenSSH line") func jsonFormats() throws {
        let s = try Scratch()
        let key = try RSAPrivateKey(
            pemRepresentation: String(contentsOfFile: vector("rsa/openssl-keys/key2.pkcs8.pem"), encoding: .utf8))
        try s.write("private.jwk", bytes: JWK(privateKey: key).jsonRepresentation)
        try s.write(
            "set.json",
            bytes: JWKSet(keys: [JWK(publicKey: key.publicKey, kid: "a"), JWK(publicKey: key.publicKey, kid: "b")])
                .jsonRepresentation)
        try s.write("id_rsa.pub", key.publicKey.openSSHRepresentation(comment: "me") + "\n")
        let jwk = try s.pkjwt("inspect", "private.jwk")
        #expect(jwk.stdout.contains("format: private JWK") && jwk.stdout.contains("kid: \(key.publicKey.thumbprint)"))
        #expect(!jwk.stdout.contains("\"d\""), "the private exponent is never printed")
        let set = try s.pkjwt("inspect", "set.json")
        #expect(
            set.stdout.contains("kid: a") && set.stdout.contains("kid: b") && set.stdout.contains("format: JWK Set"))
        let ssh = try s.pkjwt("inspect", "id_rsa.pub")
        #expect(ssh.stdout.contains("format: OpenSSH public key") && ssh.stdout.contains("bits: 2048"))
    }

    @Test("missing, directory, empty, truncated and wrong-format files: exit 1, one line") func badFiles() throws {
        let s = try Scratch()
        let pem = try String(contentsOfFile: vector("rsa/openssl-keys/key1.pkcs8.pem"), encoding: .utf8)
        try s.write("truncated.pem", String(pem.prefix(900)))
        try s.write("damaged.pem", pem.replacingOccurrences(of: "MII", with: "M*I"))
        try s.write("empty.pem", "")
        try s.write("notes.txt", "hello\n")
        try s.write(
            "cut.der",
            bytes: Array(
                (try Data(contentsOf: URL(fileURLWithPath: vector("rsa/openssl-keys/key1.pkcs8.der")))).prefix(300)))
        try FileManager.default.createDirectory(atPath: s.path("folder"), withIntermediateDirectories: false)
        expectExplainedFailure(try s.pkjwt("inspect", "missing.pem"), mentioning: "does not exist")
        expectExplainedFailure(try s.pkjwt("inspect", "folder"), mentioning: "is a directory")
        expectExplainedFailure(try s.pkjwt("inspect", "empty.pem"), mentioning: "is empty")
        expectExplainedFailure(try s.pkjwt("inspect", "truncated.pem"), mentioning: "truncated")
        expectExplainedFailure(try s.pkjwt("inspect", "damaged.pem"), mentioning: "damaged")
        expectExplainedFailure(try s.pkjwt("inspect", "notes.txt"), mentioning: "unrecognised key file")
        expectExplainedFailure(try s.pkjwt("inspect", "cut.der"), mentioning: "runs past the end")
        expectExplainedFailure(
            try s.pkjwt("inspect", vector("rsa/pyca-keys/PKCS8/rsa_pss_2048.pem")), mentioning: "RSASSA-PSS")
    }
}

@Suite("pkjwt sign and verify")
struct SignVerifyCommandTests {
    static let keyPath = vector("rsa/openssl-keys/key3.pkcs8.pem")

    @Test("sign then verify, with claims from an argument and from stdin") func roundTrip() throws {
        let s = try Scratch()
        let signed = try s.pkjwt("sign", "--key", Self.keyPath, "{\"sub\":\"svc\",\"exp\":4102444800}")
        #expect(signed.status == 0, "\(signed.stderr)")
        let token = signed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.split(separator: ".").count == 3)
        let verified = try s.pkjwt("verify", "--key", vector("rsa/openssl-keys/key3.spki.pem"), token)
        #expect(verified.status == 0, "\(verified.stderr)")
        let report = try jsonObject(verified.stdout)
        #expect((report["claims"] as? [String: Any])?["sub"] as? String == "svc")
        #expect((report["header"] as? [String: Any])?["alg"] as? String == "RS256")
        let fromStdin = try s.pkjwt("sign", "--key", Self.keyPath, "--kid", "custom", "-", stdin: "{\"a\": [1, 2]}\n")
        #expect(fromStdin.status == 0)
        let viaStdin = try s.pkjwt("verify", "--key", Self.keyPath, "-", stdin: fromStdin.stdout)
        #expect(viaStdin.status == 0 && viaStdin.stdout.contains("\"kid\" : \"custom\""))
    }

    @Test("verification failures exit 1 with one undifferentiated line") func verifyFailures() throws {
        let s = try Scratch()
        let token = try s.pkjwt("sign", "--key", Self.keyPath, "{\"sub\":\"x\"}").stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        expectExplainedFailure(
            try s.pkjwt("verify", "--key", vector("rsa/openssl-keys/key1.spki.pem"), token),
            mentioning: "signature verification failed")
        let parts = token.split(separator: ".")
        let forged = parts[0] + "." + Base64.urlEncode(Array("{\"sub\":\"y\"}".utf8)) + "." + parts[2]
        expectExplainedFailure(
            try s.pkjwt("verify", "--key", Self.keyPath, String(forged)), mentioning: "signature verification failed")
        let expired = try s.pkjwt("sign", "--key", Self.keyPath, "{\"exp\":1000}").stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        expectExplainedFailure(try s.pkjwt("verify", "--key", Self.keyPath, expired), mentioning: "expired")
        expectExplainedFailure(try s.pkjwt("verify", "--key", Self.keyPath, "not.a.token"), mentioning: "invalid JWS")
    }

    @Test("verify with a JWK Set picks the key by kid") func jwkSet() throws {
        let s = try Scratch()
        let key = try RSAPrivateKey(pemRepresentation: String(contentsOfFile: Self.keyPath, encoding: .utf8))
        let other = try RSAPrivateKey(
            pemRepresentation: String(contentsOfFile: vector("rsa/openssl-keys/key1.pkcs8.pem"), encoding: .utf8))
        try s.write(
            "jwks.json",
            bytes: JWKSet(keys: [
                JWK(publicKey: other.publicKey, kid: "old"), JWK(publicKey: key.publicKey, kid: "new"),
            ]).jsonRepresentation)
        let token = try s.pkjwt("sign", "--key", Self.keyPath, "--kid", "new", "{}").stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        #expect(try s.pkjwt("verify", "--key", "jwks.json", token).status == 0)
        let wrongKid = try s.pkjwt("sign", "--key", Self.keyPath, "--kid", "old", "{}").stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        expectExplainedFailure(
            try s.pkjwt("verify", "--key", "jwks.json", wrongKid), mentioning: "signature verification failed")
    }

    @Test("sign refuses public keys, non-object claims and bad key files") func signFailures() throws {
        let s = try Scratch()
        expectExplainedFailure(
            try s.pkjwt("sign", "--key", vector("rsa/openssl-keys/key3.spki.pem"), "{}"),
            mentioning: "holds a public key")
        expectExplainedFailure(try s.pkjwt("sign", "--key", Self.keyPath, "[1,2]"), mentioning: "must be a JSON object")
        expectExplainedFailure(
            try s.pkjwt("sign", "--key", Self.keyPath, "{\"a\":"), mentioning: "must be a JSON object")
        expectExplainedFailure(try s.pkjwt("sign", "--key", "absent.pem", "{}"), mentioning: "does not exist")
    }
}

@Suite("pkjwt bench and serve")
struct BenchServeCommandTests {
    @Test("bench prints every row as JSON (a functional check; figures are not asserted)") func bench() throws {
        let s = try Scratch()
        let result = try s.pkjwt("bench", "--keys", "1", "--seconds", "0.05", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(
            rows.map { $0["operation"] as? String } == [
                "RSA-2048 keygen", "RSA-2048 sign", "RSA-2048 verify", "SHA-256 16 KiB",
            ])
        #expect(rows.allSatisfy { ($0["median"] as? Double ?? 0) > 0 && ($0["ops_per_second"] as? Double ?? 0) > 0 })
        #expect(result.stderr.contains("keygen 1/1"), "the live progress line")
        // Sign and verify name the code that ran: IFMA where this CPU has it, the portable code when asked.
        let engine = RSAPrivateKey.avx512IFMAIsAvailable ? "AVX-512 IFMA" : "portable"
        #expect(rows[1]["engine"] as? String == engine && rows[2]["engine"] as? String == engine)
        let compression = SHA256.shaExtensionsAreAvailable ? "SHA extensions" : "portable"
        #expect(rows[3]["engine"] as? String == compression)
        let portable = try s.pkjwt("bench", "--keys", "1", "--seconds", "0.05", "--engine", "portable", "--json")
        let portableRows = try #require(
            JSONSerialization.jsonObject(with: Data(portable.stdout.utf8)) as? [[String: Any]])
        #expect(
            portableRows[1]["engine"] as? String == "portable" && portableRows[3]["engine"] as? String == "portable")
        expectExplainedFailure(
            try s.pkjwt("bench", "--engine", "fast"), mentioning: "'fast' is invalid for '--engine")
        expectExplainedFailure(try s.pkjwt("bench", "--keys", "0"), mentioning: "--keys must be at least 1")
        expectExplainedFailure(
            try s.pkjwt("bench", "--compare", "libressl"), mentioning: "'libressl' is invalid for '--compare")
    }

    @Test("bench --compare openssl adds the openssl CLI's figures, SHA-NI masked as well") func benchCompare() throws {
        let s = try Scratch()
        let result = try s.pkjwt("bench", "--keys", "1", "--seconds", "0.05", "--compare", "openssl", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(
            rows.map { $0["operation"] as? String } == [
                "RSA-2048 keygen", "RSA-2048 sign", "RSA-2048 verify", "SHA-256 16 KiB",
                "SHA-256 16 KiB, OpenSSL SHA-NI masked",
            ])
        #expect(
            rows.allSatisfy {
                ($0["openssl_ops_per_second"] as? Double ?? 0) > 0 && ($0["ratio_to_openssl"] as? Double ?? 0) > 0
            })
    }

    @Test("serve on a port already taken fails with one line") func portTaken() throws {
        let s = try Scratch()
        let port = String(OktaFlowTests.server.url.split(separator: ":").last!)
        expectExplainedFailure(try s.pkjwt("serve", "--port", port), mentioning: "cannot listen on 127.0.0.1:\(port)")
    }
}
