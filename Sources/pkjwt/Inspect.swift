// pkjwt inspect: what a key file holds, in any supported format.

import ArgumentParser
import PKJWTConfig
import PrivateKeyJWT

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a key file's format, kind, size, kid (RFC 7638 thumbprint) and public JWK.",
        discussion:
            "Reads PEM or DER (PKCS#1, PKCS#8, SubjectPublicKeyInfo), a JWK, a JWK Set, or an OpenSSH public-key line.")

    @Argument(help: "The key file ('-' for stdin).")
    var path: String

    @OptionGroup var output: JSONOption

    func run() throws {
        let document = try KeyDocument(bytes: SecretFiles.read(path, what: "key file"))
        let kind = document.privateKey == nil ? "public" : "private"
        let keys = document.publicKeys.map { entry in
            KeyReport(
                bits: entry.key.modulusBitCount, kid: entry.kid ?? entry.key.thumbprint,
                thumbprint: entry.key.thumbprint, jwk: JWK(publicKey: entry.key, kid: entry.kid ?? entry.key.thumbprint)
            )
        }
        if output.json {
            Output.json(Report(format: document.format.description, kind: kind, keys: keys))
            return
        }
        print("format: \(document.format)")
        print("kind: \(kind) key")
        for key in keys {
            print("bits: \(key.bits)")
            print("kid: \(key.kid)")
            if key.kid != key.thumbprint { print("thumbprint: \(key.thumbprint)") }
            print("jwk: " + String(decoding: key.jwk.jsonRepresentation, as: UTF8.self))
        }
    }

    struct Report: Encodable {
        let format: String
        let kind: String
        let keys: [KeyReport]
    }

    struct KeyReport: Encodable {
        let bits: Int
        let kid: String
        let thumbprint: String
        let jwk: JWK
    }
}
