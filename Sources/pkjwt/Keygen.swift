// pkjwt keygen: a new RSA key pair, written 0600, public JWK on stdout.

import ArgumentParser
import Foundation
import OktaConfig
import PKJWTConfig
import PrivateKeyJWT

struct Keygen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Generate an RSA key pair (FIPS 186-5 App. A.1.3) and print its public JWK.",
        discussion: """
            The private key is written as PEM with mode 0600. The kid is the RFC 7638 thumbprint. \
            Without --out the key goes to PRIVATE_KEY_FILE (default private_key.pem, PKCS#8) and \
            PRIVATE_KEY_FILE, KEY_ID, MODULUS and PUBLIC_KEY are recorded in the .env file.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case pkcs8, pkcs1
    }

    @Option(name: .long, help: "Where to write the private key (PEM); without it, see below.")
    var out: String?

    @OptionGroup var file: EnvFileOption
    var envFile: String { file.envFile }

    @Option(name: .long, help: "Modulus size: 2048, 3072 or 4096.")
    var bits: Int = 2048

    @Option(name: .long, help: "pkcs8 (BEGIN PRIVATE KEY) or pkcs1 (BEGIN RSA PRIVATE KEY).")
    var format: Format = .pkcs8

    @Flag(name: .long, help: "Replace an existing key file.")
    var force = false

    @OptionGroup var output: JSONOption

    func validate() throws {
        guard RSAPrivateKey.generatableSizes.contains(bits) else {
            throw ValidationError("--bits \(bits) is not supported: use 2048, 3072 or 4096")
        }
    }

    func run() throws {
        let (key, path) =
            try out.map { try (Self.writeNewKey(to: $0, bits: bits, format: format, force: force), $0) }
            ?? recordNewKey()
        let kid = key.publicKey.thumbprint
        let jwk = JWK(publicKey: key.publicKey, kid: kid)
        if output.json {
            Output.json(KeygenResult(key_file: path, kid: kid, jwk: jwk))
        } else {
            Output.json(jwk)
            Output.diagnostic(
                "pkjwt: wrote \(bits)-bit private key to \(DisplayedPath(path)) (mode 0600), kid \(kid)"
                    + (out == nil ? "; recorded in \(envFile)" : ""))
        }
    }

    /// Generates a key and writes it to `path` (0600, atomic, no overwrite without `force`).
    static func writeNewKey(to path: String, bits: Int, format: Format, force: Bool) throws -> RSAPrivateKey {
        // Refuse before spending time on a key that cannot be written.
        if !force && FileManager.default.fileExists(atPath: path) { throw CLIError.exists(path) }
        let key = try CPUPaths.generatedKey(bits: bits)
        let pem = format == .pkcs8 ? key.pemRepresentation : key.pkcs1PEMRepresentation
        try CLIError.writeNew(Array(pem.utf8), to: path, force: force)
        return key
    }

    /// The .env flow: refuse to replace a registered key without --force, write the key to
    /// PRIVATE_KEY_FILE, and record PRIVATE_KEY_FILE, KEY_ID, MODULUS and PUBLIC_KEY.
    private func recordNewKey() throws -> (RSAPrivateKey, String) {
        var configuration = try Configuration.load(envFile: envFile, locked: true)
        return try Self.recordNewKey(in: &configuration, bits: bits, format: format, force: force)
    }

    @discardableResult
    static func recordNewKey(
        in configuration: inout Configuration, bits: Int = 2048, format: Format = .pkcs8, force: Bool
    ) throws -> (RSAPrivateKey, String) {
        if let clientID = configuration[.clientID], !force {
            throw CLIError(
                "a key is already registered for CLIENT_ID \(clientID); a new key would lock the app out until it is "
                    + "registered. Pass --force to make one anyway, then run 'pkjwt register' to add it to the app"
            )
        }
        let path = configuration[.privateKeyFile] ?? "private_key.pem"
        guard DisplayedPath.looksLikePath(path) else {
            throw CLIError(
                "PRIVATE_KEY_FILE does not look like a file path (a key or token pasted there?); its value is not shown"
            )
        }
        let key =
            try adoptUnrecordedKey(at: path, in: configuration, force: force)
            ?? writeNewKey(to: path, bits: bits, format: format, force: force)
        try configuration.record([
            (.privateKeyFile, path), (.keyID, key.publicKey.thumbprint),
            (.modulus, Base64.urlEncode(key.publicKey.modulus)),
            (.publicKey, key.publicKey.openSSHRepresentation(comment: "pkjwt")),
        ])
        return (key, path)
    }

    /// A run killed between writing the key and recording it in .env leaves a key that .env does not
    /// name. The next run finishes that work instead of refusing: it adopts the key (and says so).
    private static func adoptUnrecordedKey(at path: String, in configuration: Configuration, force: Bool) throws
        -> RSAPrivateKey?
    {
        // A key published by link(2) and then killed before its staging name was removed left a
        // second name for it; nothing else will sweep it when the key is adopted instead of written.
        SecretFiles.sweepStaging(for: path)
        guard !force, FileManager.default.fileExists(atPath: path),
            let document = try? KeyDocument(bytes: SecretFiles.read(path, what: "key file")),
            let key = document.privateKey
        else { return nil }
        let kid = key.publicKey.thumbprint
        let recorded =
            configuration.dotEnv.value(Setting.keyID.rawValue) == kid
            && configuration.dotEnv.value(Setting.privateKeyFile.rawValue) == path
        guard !recorded else { return nil }
        Output.diagnostic(
            "pkjwt: \(DisplayedPath(path)) holds a key that \(DisplayedPath(configuration.envFile)) does not record "
                + "(an interrupted keygen?); adopting it instead of making a new one"
        )
        return key
    }

    struct KeygenResult: Encodable {
        let key_file: String
        let kid: String
        let jwk: JWK
    }
}
