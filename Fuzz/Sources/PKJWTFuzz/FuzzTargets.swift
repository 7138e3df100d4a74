// One function per parser. Each accepts any bytes without trapping, and checks the round trip
// where there is one: what is accepted re-encodes to the same bytes, what is written reads back.
// A broken property stops the run through `require`, so libFuzzer saves the input.

import HTTPForm
import OktaConfig
import PKJWTConfig
import PrivateKeyJWT

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// libFuzzer's entry point: PKJWT_FUZZ_TARGET names the parser under test.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzTargets.selected(bytes)
    return 0
}

enum FuzzTargets {
    static let selected: @Sendable ([UInt8]) -> Void = {
        let name = getenv("PKJWT_FUZZ_TARGET").map { String(cString: $0) } ?? ""
        guard let target = all[name] else {
            let line = "set PKJWT_FUZZ_TARGET to one of: \(all.keys.sorted().joined(separator: " "))\n"
            _ = write(STDERR_FILENO, line, line.utf8.count)
            exit(2)
        }
        return target
    }()

    static let all: [String: @Sendable ([UInt8]) -> Void] = [
        "pem": pem, "der-private": derPrivate, "der-public": derPublic, "key-document": keyDocument,
        "openssh": openSSH, "jwk": jwk, "jwks": jwks, "jws": jws, "claims": claims, "base64": base64,
        "base64url": base64url, "json": json, "dotenv-read": dotEnvRead, "dotenv-write": dotEnvWrite,
        "okta-yaml": oktaYAML, "dpop-proof": dpopProof, "http-date": httpDate, "form": form,
        "ec-der-private": ecDERPrivate, "ec-der-public": ecDERPublic, "jwk-ec": jwkEC, "jws-es256": jwsES256,
        "ec-key-file": ecKeyFile,
    ]

    static func require(_ condition: Bool, _ what: String) {
        guard condition else {
            let line = "property broken: \(what)\n"
            _ = write(STDERR_FILENO, line, line.utf8.count)
            abort()
        }
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// HTTP dates: an accepted IMF-fixdate is the one text its instant formats to, but for a leap
    /// second (":60", RFC 9110 §5.6.7), which is the next second's instant; either way it reads back.
    static func httpDate(_ bytes: [UInt8]) {
        guard let date = HTTPDate.parse(text(bytes)) else { return }
        let formatted = HTTPDate.format(date)
        require(Array(formatted.utf8) == bytes || text(bytes).hasSuffix(":60 GMT"), "HTTP date re-formatting")
        require(HTTPDate.parse(formatted) == date, "HTTP date read back")
    }

    /// Form bodies: what the strict decoder accepts encodes to a body that decodes to the same pairs.
    static func form(_ bytes: [UInt8]) {
        guard let pairs = FormEncoding.decodeStrictly(bytes) else { return }
        let again = FormEncoding.encode(pairs.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        require(FormEncoding.decodeStrictly(Array(again.utf8)) == pairs, "form re-encoding")
    }

    /// PEM: an accepted document re-encodes, and that text parses to the same label and DER.
    static func pem(_ bytes: [UInt8]) {
        guard let document = try? PEMDocument(pemRepresentation: text(bytes)) else { return }
        let again = try? PEMDocument(pemRepresentation: document.pemRepresentation)
        require(again == document, "PEM re-encoding")
    }

    /// PKCS#8 or PKCS#1 private-key DER: what is accepted re-encodes to the same bytes.
    static func derPrivate(_ bytes: [UInt8]) {
        guard let key = try? RSAPrivateKey(derRepresentation: bytes) else { return }
        require(key.derRepresentation == bytes || key.pkcs1DERRepresentation == bytes, "private DER re-encoding")
    }

    /// SubjectPublicKeyInfo or PKCS#1 public-key DER: the same.
    static func derPublic(_ bytes: [UInt8]) {
        guard let key = try? RSAPublicKey(derRepresentation: bytes) else { return }
        require(key.derRepresentation == bytes || key.pkcs1DERRepresentation == bytes, "public DER re-encoding")
    }

    /// Every format the CLI reads, recognised by content.
    static func keyDocument(_ bytes: [UInt8]) {
        _ = try? KeyDocument(bytes: bytes)
    }

    /// An OpenSSH line that is accepted re-encodes to its first two fields.
    static func openSSH(_ bytes: [UInt8]) {
        let line = text(bytes)
        guard let key = try? RSAPublicKey(openSSHRepresentation: line) else { return }
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).prefix(2).joined(separator: " ")
        require(key.openSSHRepresentation() == fields, "OpenSSH re-encoding")
    }

    /// P-256 private-key DER (PKCS#8 or SEC 1): an accepted key writes PKCS#8 that reads back to the
    /// same key, and that PKCS#8 is its own re-encoding.
    static func ecDERPrivate(_ bytes: [UInt8]) {
        guard let key = try? P256PrivateKey(derRepresentation: bytes) else { return }
        let again = try? P256PrivateKey(derRepresentation: key.derRepresentation)
        require(again?.rawRepresentation == key.rawRepresentation, "EC private DER read back")
        require(again?.derRepresentation == key.derRepresentation, "EC PKCS#8 re-encoding")
    }

    /// P-256 SubjectPublicKeyInfo: what is accepted (a point on the curve) re-encodes to the same bytes.
    static func ecDERPublic(_ bytes: [UInt8]) {
        guard let key = try? P256PublicKey(derRepresentation: bytes) else { return }
        require(key.derRepresentation == bytes, "EC SPKI re-encoding")
    }

    /// An EC JWK that gives a key writes a JWK that gives the same key, with the same thumbprint by
    /// members as by key.
    static func jwkEC(_ bytes: [UInt8]) {
        guard let jwk = try? JWK(jsonRepresentation: bytes), let key = try? jwk.p256PublicKey() else { return }
        let written = JWK(publicKey: key)
        require((try? written.p256PublicKey()) == key, "EC JWK round trip")
        require(written.memberThumbprint == key.thumbprint, "EC thumbprint by members and by key")
        if let privateKey = try? jwk.p256PrivateKey() {
            let again = try? JWK(privateKey: privateKey).p256PrivateKey()
            require(again?.rawRepresentation == privateKey.rawRepresentation, "EC private JWK round trip")
        }
    }

    /// A P-256 key file (JWK, SEC 1 or PKCS#8 PEM): the private key found has the public key the public
    /// reader finds, and its PKCS#8 PEM is found again as the same key.
    static func ecKeyFile(_ bytes: [UInt8]) {
        guard let found = try? P256PrivateKey.inKeyFile(bytes) else { return }
        require((try? P256PublicKey.inKeyFile(bytes)) == found.key.publicKey, "EC key file: private and public agree")
        let again = try? P256PrivateKey.inKeyFile(Array(found.key.pemRepresentation.utf8))
        require(again?.key.rawRepresentation == found.key.rawRepresentation, "EC key file: PKCS#8 round trip")
    }

    /// ES256 JWS against a fixed key: anything accepted said ES256 and carried 64 signature octets.
    static let es256Verifier = try? P256PrivateKey(rawRepresentation: (1...32).map { UInt8($0) }).publicKey

    static func jwsES256(_ bytes: [UInt8]) {
        guard let es256Verifier, let verified = try? JWS.verify(text(bytes), key: es256Verifier) else { return }
        require(verified.header["alg"] == .string("ES256"), "ES256 header")
        let signature = text(bytes).split(separator: ".").last.flatMap { try? Base64.urlDecode(String($0)) }
        require(signature?.count == 64, "ES256 signature length")
    }

    /// A JWK that parses writes JSON that parses to the same JWK.
    static func jwk(_ bytes: [UInt8]) {
        guard let key = try? JWK(jsonRepresentation: bytes) else { return }
        require((try? JWK(jsonRepresentation: key.jsonRepresentation)) == key, "JWK round trip")
        _ = try? key.rsaPublicKey()
    }

    static func jwks(_ bytes: [UInt8]) {
        guard let set = try? JWKSet(jsonRepresentation: bytes) else { return }
        require((try? JWKSet(jsonRepresentation: set.jsonRepresentation)) == set, "JWK Set round trip")
    }

    /// A fixed public key: almost everything fails, through every check before the signature's.
    static let verifier = try? RSAPublicKey(derRepresentation: Base64.decode(fixedPublicKey))

    static func jws(_ bytes: [UInt8]) {
        guard let verifier else { return }
        _ = try? JWS.verify(text(bytes), key: verifier)
    }

    static func claims(_ bytes: [UInt8]) {
        let validator = JWTClaimsValidator(now: .init(timeIntervalSince1970: 1_700_000_000), issuer: "i", audience: "a")
        _ = try? validator.validate(payload: bytes)
    }

    /// Accepted base64 is canonical: it re-encodes to the same text.
    static func base64(_ bytes: [UInt8]) {
        guard let decoded = try? Base64.decode(text(bytes)) else { return }
        require(Base64.encode(decoded) == text(bytes), "base64 canonical")
    }

    static func base64url(_ bytes: [UInt8]) {
        guard let decoded = try? Base64.urlDecode(text(bytes)) else { return }
        require(Base64.urlEncode(decoded) == text(bytes), "base64url canonical")
    }

    /// The strict JSON reader: what it accepts prints as JSON it reads back to the same value.
    static func json(_ bytes: [UInt8]) {
        guard let object = try? JSONValue.parseObject(bytes, what: "fuzz") else { return }
        let printed = JSONValue.object(object).compactJSON
        require((try? JSONValue.parseObject(printed, what: "fuzz")) == object, "JSON round trip")
    }

    /// Any bytes: parsed, or refused with an error; a rewrite of each key keeps the others.
    /// okta.yaml: whatever parses in PrivateKey mode writes a document that reads back the same.
    static func oktaYAML(_ bytes: [UInt8]) {
        guard let settings = try? OktaYAML(bytes: bytes).settings, let org = settings["OKTA_URL"],
            let client = settings["CLIENT_ID"],
            let scopes = settings["SCOPES"], let key = settings["PRIVATE_KEY"], let kid = settings["KEY_ID"]
        else { return }
        let list = scopes.split(separator: " ").map(String.init)
        guard
            let written = try? OktaYAML.document(
                orgURL: org, clientID: client, scopes: list, privateKey: key, keyID: kid)
        else { return }
        var expected = settings
        expected["API_KEY"] = nil
        expected["SCOPES"] = list.joined(separator: " ")
        require(
            (try? OktaYAML(bytes: written).settings) == expected.filter { !$0.value.isEmpty }, "okta.yaml round trip")
    }

    /// DPoP proofs (RFC 9449 §4.3) as the dev server checks them: any text is refused or accepted
    /// without trapping, and an accepted proof names the key it was signed with.
    static func dpopProof(_ bytes: [UInt8]) {
        let checker = DPoPProofChecker(now: .init(timeIntervalSince1970: 1_700_000_000))
        guard
            let proof = try? checker.check(
                text(bytes), method: "POST", url: "https://example.okta.com/oauth2/v1/token", nonce: nil,
                accessToken: nil)
        else { return }
        require(!proof.thumbprint.isEmpty && !proof.jti.isEmpty, "an accepted proof has a key and a jti")
    }

    static func dotEnvRead(_ bytes: [UInt8]) {
        guard var file = try? DotEnvFile(bytes: bytes) else { return }
        let before = file.values
        guard let key = file.entries.last?.key, (try? file.set(key, "x")) != nil else { return }
        var expected = before
        expected[key] = "x"
        require((try? DotEnvFile(bytes: file.bytes))?.values == expected, "rewrite keeps other values")
    }

    /// The input as a value: written, it reads back exactly, and the file's other bytes stay.
    static func dotEnvWrite(_ bytes: [UInt8]) {
        let value = text(bytes)
        let prefix = Array("# kept\nexport A='1' # note\n".utf8)
        guard var file = try? DotEnvFile(bytes: prefix) else { return }
        guard (try? file.set("K", value)) != nil else { return }
        require(Array(file.bytes.prefix(prefix.count)) == prefix, "other bytes kept")
        let reread = try? DotEnvFile(bytes: file.bytes)
        require(reread?.value("K") == value && reread?.value("A") == "1", "value reads back")
    }

    /// A 2048-bit SubjectPublicKeyInfo (vectors/rsa/openssl-keys/key2), for the JWS target.
    static let fixedPublicKey =
        "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAvV5DSIbz3QsNuOgGLROqC5gAMiUQtlaYPtEDffhanTpjlS466pejb6ZKZDlwSFtjRQ+P4XsET5HSkgsONebMos8cYMG50b8+YVRutM5rfFqz2+IO5ZWblqGptNiSiHwJAcRV4SCfBKoPlg5BByKEWTPEape8gBMSqdmhpUSLcEbPbR0LvMKYeX2mXYCuVWJftir0wq59Gfqxom1+Uw47+FhFmlNZVQ3bc+xjU1PRrpfKcJ84AjsmVh6d/5cmzq+23tW4RMk1cV34D987pGKEpXDwy6OlgT0g1uatR3siaaKyDZf7aPQknNfTVbro8ZaKREAI28IhGkNoODzbr9B1OwIDAQAB"
}
