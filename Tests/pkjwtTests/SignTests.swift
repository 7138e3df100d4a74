import Foundation
import PrivateKeyJWT
import Testing

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

    @Test("ES256 with a P-256 key: sign, verify with its public PEM, JWK or the private key; an RSA key refuses it")
    func es256() throws {
        let s = try Scratch()
        let key = try P256PrivateKey()
        try s.write("ec.pem", key.pemRepresentation)
        try s.write("ec-public.pem", key.publicKey.pemRepresentation)
        try s.write("ec.jwk", bytes: JWK(publicKey: key.publicKey, kid: "k").jsonRepresentation)
        let signed = try s.pkjwt("sign", "--key", "ec.pem", "{\"sub\":\"svc\",\"exp\":4102444800}")
        #expect(signed.status == 0, "\(signed.stderr)")
        let token = signed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try JWS.verify(token, key: key.publicKey).header["alg"] == .string("ES256"))
        for verifier in ["ec-public.pem", "ec.jwk", "ec.pem"] {
            let verified = try s.pkjwt("verify", "--key", verifier, token)
            #expect(verified.status == 0, "\(verifier): \(verified.stderr)")
        }
        #expect(try s.pkjwt("verify", "--key", vector("rsa/openssl-keys/key3.spki.pem"), token).status == 1)
        expectExplainedFailure(try s.pkjwt("sign", "--key", "ec.jwk", "{}"), mentioning: "holds a public key (EC)")
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
