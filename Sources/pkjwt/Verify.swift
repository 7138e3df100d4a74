// pkjwt verify: check a compact RS256 or ES256 JWS and its time claims; print header and claims.

import ArgumentParser
import Foundation
import PKJWTConfig
import PrivateKeyJWT

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify an RS256 or ES256 JWT (by the key's kind) and print its header and claims as JSON.",
        discussion: "Exits 1 when the signature or the time claims (exp, nbf, iat) do not hold.")

    @Option(name: .long, help: "The public key, private key or JWK Set to verify with.")
    var key: String

    @Option(name: .long, help: "Allowed clock skew in seconds for exp, nbf and iat.")
    var leeway: Int = 60

    @Argument(help: "The compact JWS, or '-' to read it from stdin.")
    var token: String

    func run() throws {
        let bytes = try SecretFiles.read(key, what: "key file")
        let compact = token == "-" ? String(decoding: try SecretFiles.read("-", what: "token"), as: UTF8.self) : token
        let trimmed = compact.trimmingCharacters(in: .whitespacesAndNewlines)
        let verified: VerifiedJWS
        if let set = try? JWKSet(jsonRepresentation: bytes) {
            verified = try JWS.verify(trimmed, keySet: set)
        } else if let p256 = try P256PublicKey.inKeyFile(bytes) {
            verified = try JWS.verify(trimmed, key: p256)
        } else {
            verified = try JWS.verify(trimmed, key: KeyDocument(bytes: bytes).publicKey)
        }
        let claims = try JWTClaimsValidator(now: Date(), leeway: TimeInterval(leeway)).validate(
            payload: verified.payload)
        Output.json(["header": JSONValue.object(verified.header), "claims": JSONValue.object(claims)])
    }
}
