// pkjwt keygen: a new RSA key pair, written 0600, public JWK on stdout.

import ArgumentParser
import Foundation
import PrivateKeyJWT

struct Keygen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate an RSA key pair (FIPS 186-5 App. A.1.3) and print its public JWK.",
        discussion: "The private key is written as PEM with mode 0600. The kid is the RFC 7638 thumbprint.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case pkcs8, pkcs1
    }

    @Option(name: .long, help: "Where to write the private key (PEM).")
    var out: String

    @Option(name: .long, help: "Modulus size: 2048, 3072 or 4096.")
    var bits: Int = 2048

    @Option(name: .long, help: "pkcs8 (BEGIN PRIVATE KEY) or pkcs1 (BEGIN RSA PRIVATE KEY).")
    var format: Format = .pkcs8

    @Flag(name: .long, help: "Replace an existing key file.")
    var force = false

    @Flag(name: .long, help: "Print {key_file, kid, jwk} as JSON.")
    var json = false

    func run() throws {
        guard RSAPrivateKey.generatableSizes.contains(bits) else {
            throw CLIError("--bits \(bits) is not supported: use 2048, 3072 or 4096")
        }
        // Refuse before spending time on a key that cannot be written.
        if !force && FileManager.default.fileExists(atPath: out) { throw CLIError("'\(out)' already exists; pass --force to replace it") }
        let key = try RSAPrivateKey(generatingBits: bits)
        let pem = format == .pkcs8 ? key.pemRepresentation : key.pkcs1PEMRepresentation
        try Files.writeSecret(Array(pem.utf8), to: out, overwrite: force)
        let kid = key.publicKey.thumbprint
        let jwk = JWK(publicKey: key.publicKey, kid: kid)
        if json {
            Output.json(KeygenResult(key_file: out, kid: kid, jwk: jwk))
        } else {
            Output.json(jwk)
            Output.diagnostic("pkjwt: wrote \(bits)-bit private key to \(out) (mode 0600), kid \(kid)")
        }
    }

    struct KeygenResult: Encodable {
        let key_file: String
        let kid: String
        let jwk: JWK
    }
}

