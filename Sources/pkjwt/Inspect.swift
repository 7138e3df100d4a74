// pkjwt inspect: what a key file holds, in any supported format.

import ArgumentParser
import PKJWTConfig
import PrivateKeyJWT

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a key file's format, kind, size, kid (RFC 7638 thumbprint) and public JWK.",
        discussion:
            "Reads PEM or DER (PKCS#1, PKCS#8, SubjectPublicKeyInfo), a JWK, a JWK Set, or an OpenSSH public-key line; "
            + "P-256 keys as a JWK or PEM (SEC 1, PKCS#8, SubjectPublicKeyInfo).")

    @Argument(help: "The key file ('-' for stdin).")
    var path: String

    @OptionGroup var output: JSONOption

    func run() throws {
        let bytes = try SecretFiles.read(path, what: "key file")
        let report = try Self.p256Report(bytes) ?? Self.rsaReport(bytes)
        if output.json {
            Output.json(report)
            return
        }
        print("format: \(report.format)")
        print("kind: \(report.kind) key")
        for key in report.keys {
            if let curve = key.curve { print("curve: \(curve)") } else { print("bits: \(key.bits)") }
            print("kid: \(key.kid)")
            if key.kid != key.thumbprint { print("thumbprint: \(key.thumbprint)") }
            print("jwk: " + String(decoding: key.jwk.jsonRepresentation, as: UTF8.self))
        }
    }

    static func rsaReport(_ bytes: [UInt8]) throws -> Report {
        let document = try KeyDocument(bytes: bytes)
        let keys = document.publicKeys.map { entry in
            KeyReport(
                bits: entry.key.modulusBitCount, curve: nil, kid: entry.kid ?? entry.key.thumbprint,
                thumbprint: entry.key.thumbprint, jwk: JWK(publicKey: entry.key, kid: entry.kid ?? entry.key.thumbprint)
            )
        }
        return Report(
            format: document.format.description, kind: document.privateKey == nil ? "public" : "private", keys: keys)
    }

    /// A P-256 key file's report, or nil when the file holds no EC key.
    static func p256Report(_ bytes: [UInt8]) throws -> Report? {
        let privateKey = try P256PrivateKey.inKeyFile(bytes)
        guard let publicKey = try privateKey?.key.publicKey ?? P256PublicKey.inKeyFile(bytes) else { return nil }
        let format =
            privateKey?.format.description
            ?? (bytes.first == UInt8(ascii: "{") ? KeyFormat.publicJWK : .pem(.subjectPublicKeyInfo)).description
        let jwk = JWK(publicKey: publicKey, kid: (try? JWK(jsonRepresentation: bytes))?.kid ?? publicKey.thumbprint)
        let key = KeyReport(
            bits: 256, curve: "P-256", kid: jwk.kid ?? publicKey.thumbprint, thumbprint: publicKey.thumbprint, jwk: jwk)
        return Report(format: format, kind: privateKey == nil ? "public" : "private", keys: [key])
    }

    struct Report: Encodable {
        let format: String
        let kind: String
        let keys: [KeyReport]
    }

    struct KeyReport: Encodable {
        let bits: Int
        /// "P-256" for an EC key; absent for RSA.
        let curve: String?
        let kid: String
        let thumbprint: String
        let jwk: JWK
    }
}
