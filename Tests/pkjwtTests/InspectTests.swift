import Foundation
import PrivateKeyJWT
import TestVectors
import Testing

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

    @Test("P-256: SEC 1 and PKCS#8 private PEM, public PEM and JWK; curve, kid and public JWK, never d")
    func p256() throws {
        let s = try Scratch()
        let key = try P256PrivateKey()
        let sec1 = try #require(Vectors.json("ecdsa/p256/rfc6979-key.json")["sec1"] as? String)
        try s.write("sec1.pem", Vectors.pem("EC PRIVATE KEY", Hex.decode(sec1)))
        try s.write("pkcs8.pem", key.pemRepresentation)
        try s.write("public.pem", key.publicKey.pemRepresentation)
        try s.write("public.jwk", bytes: JWK(publicKey: key.publicKey).jsonRepresentation)
        let expected = [
            "sec1.pem": ("SEC 1 PEM (EC PRIVATE KEY)", "private"), "pkcs8.pem": ("PKCS#8 PEM (PRIVATE KEY)", "private"),
            "public.pem": ("SubjectPublicKeyInfo PEM (PUBLIC KEY)", "public"), "public.jwk": ("public JWK", "public"),
        ]
        for (name, (format, kind)) in expected {
            let result = try s.pkjwt("inspect", "--json", name)
            #expect(result.status == 0, "\(name): \(result.stderr)")
            let report = try jsonObject(result.stdout)
            #expect(report["format"] as? String == format && report["kind"] as? String == kind, "\(name): \(report)")
            let first = (report["keys"] as? [[String: Any]])?.first
            #expect(first?["curve"] as? String == "P-256" && (first?["jwk"] as? [String: Any])?["d"] == nil)
        }
        #expect(try s.pkjwt("inspect", "pkcs8.pem").stdout.contains("kid: \(key.publicKey.thumbprint)"))
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
