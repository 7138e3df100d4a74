// pkjwt sign: a compact RS256 or ES256 JWS over a JSON claims object.

import ArgumentParser
import Foundation
import PKJWTConfig
import PrivateKeyJWT

struct Sign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign JSON claims as a compact RS256 (RSA key) or ES256 (P-256 key) JWT.",
        discussion:
            "The header is {\"alg\":\"RS256\" or \"ES256\",\"kid\":KID,\"typ\":\"JWT\"}; KID defaults to the key's "
            + "RFC 7638 thumbprint."
    )

    @Option(name: .long, help: "The private key (PEM, DER or private JWK).")
    var key: String

    @Option(name: .long, help: "The kid header value (default: the key's thumbprint).")
    var kid: String?

    @Argument(help: "The claims: a JSON object, or '-' to read it from stdin.")
    var claims: String

    func run() throws {
        let signingKey = try Self.signingKey(SecretFiles.read(key, what: "key file"), path: key)
        let raw = claims == "-" ? try SecretFiles.read("-", what: "claims") : Array(claims.utf8)
        let payload = Array(String(decoding: raw, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        do { _ = try JSONValue.parseObject(payload, what: "claims") } catch {
            throw CLIError("the claims must be a JSON object, e.g. '{\"sub\":\"me\"}'")
        }
        print(try JWS.sign(payload: payload, key: signingKey, kid: kid ?? signingKey.thumbprint))
    }

    /// The private key of either kind a key file holds; a public key is refused, saying so.
    static func signingKey(_ bytes: [UInt8], path: String) throws -> SigningKey {
        if let found = try P256PrivateKey.inKeyFile(bytes) { return .p256(found.key) }
        if try P256PublicKey.inKeyFile(bytes) != nil {
            throw CLIError("\(DisplayedPath(path)) holds a public key (EC); signing needs the private key")
        }
        let document = try KeyDocument(bytes: bytes)
        guard let privateKey = document.privateKey else {
            throw CLIError(
                "\(DisplayedPath(path)) holds a public key (\(document.format)); signing needs the private key")
        }
        return .rsa(privateKey)
    }
}
