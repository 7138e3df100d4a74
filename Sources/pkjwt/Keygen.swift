// pkjwt keygen: a new RSA or P-256 key pair, written 0600, public JWK on stdout.

import ArgumentParser
import Foundation
import OktaConfig
import PKJWTConfig
import PrivateKeyJWT

struct Keygen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Generate an RSA (FIPS 186-5 App. A.1.3) or P-256 key pair and print its public JWK.",
        discussion: """
            The private key is written as PEM with mode 0600. The kid is the RFC 7638 thumbprint. \
            Without --out the key goes to PRIVATE_KEY_FILE (default private_key.pem, PKCS#8) and \
            PRIVATE_KEY_FILE, KEY_ID, MODULUS and PUBLIC_KEY are recorded in the .env file (an EC key \
            has no modulus: MODULUS and PUBLIC_KEY are cleared). --type ec makes a P-256 key: its \
            assertions are ES256.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case pkcs8, pkcs1
    }

    enum KeyType: String, ExpressibleByArgument, CaseIterable {
        case rsa, ec
    }

    @Option(name: .long, help: "rsa (RS256; the default) or ec (P-256, ES256).")
    var type: KeyType = .rsa

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
        guard type == .rsa || (bits == 2048 && format == .pkcs8) else {
            throw ValidationError("--bits and --format pkcs1 are for RSA keys; a P-256 key is written as PKCS#8")
        }
    }

    func run() throws {
        let (key, path) =
            try out.map { try (Self.writeNewKey(to: $0, type: type, bits: bits, format: format, force: force), $0) }
            ?? recordNewKey()
        let kid = key.thumbprint
        let jwk = key.publicJWK(kid: kid)
        if output.json {
            Output.json(KeygenResult(key_file: path, kid: kid, jwk: jwk))
        } else {
            Output.json(jwk)
            Output.diagnostic(
                "pkjwt: wrote \(Self.describe(key)) private key to \(DisplayedPath(path)) (mode 0600), kid \(kid)"
                    + (out == nil ? "; recorded in \(envFile)" : ""))
        }
    }

    /// "2048-bit" for RSA, "P-256" for EC.
    static func describe(_ key: SigningKey) -> String {
        guard case .rsa(let rsa) = key else { return key.kind }
        return "\(rsa.publicKey.modulusBitCount)-bit"
    }

    /// Generates a key and writes it to `path` (0600, atomic, no overwrite without `force`).
    static func writeNewKey(to path: String, type: KeyType, bits: Int, format: Format, force: Bool) throws
        -> SigningKey
    {
        // Refuse before spending time on a key that cannot be written.
        if !force && FileManager.default.fileExists(atPath: path) { throw CLIError.exists(path) }
        let key: SigningKey
        let pem: String
        switch type {
        case .rsa:
            let rsa = try CPUPaths.generatedKey(bits: bits)
            (key, pem) = (.rsa(rsa), format == .pkcs8 ? rsa.pemRepresentation : rsa.pkcs1PEMRepresentation)
        case .ec:
            let p256 = try P256PrivateKey()
            (key, pem) = (.p256(p256), p256.pemRepresentation)
        }
        try CLIError.writeNew(Array(pem.utf8), to: path, force: force)
        return key
    }

    /// The .env flow: refuse to replace a registered key without --force, write the key to
    /// PRIVATE_KEY_FILE, and record PRIVATE_KEY_FILE, KEY_ID, MODULUS and PUBLIC_KEY.
    private func recordNewKey() throws -> (SigningKey, String) {
        var configuration = try Configuration.load(envFile: envFile, locked: true)
        return try Self.recordNewKey(in: &configuration, type: type, bits: bits, format: format, force: force)
    }

    @discardableResult
    static func recordNewKey(
        in configuration: inout Configuration, type: KeyType = .rsa, bits: Int = 2048, format: Format = .pkcs8,
        force: Bool
    ) throws -> (SigningKey, String) {
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
            ?? writeNewKey(to: path, type: type, bits: bits, format: format, force: force)
        try configuration.record([(.privateKeyFile, path), (.keyID, key.thumbprint)] + publicForms(key, configuration))
        return (key, path)
    }

    /// MODULUS and PUBLIC_KEY for an RSA key; for an EC key, cleared where an earlier key left them.
    static func publicForms(_ key: SigningKey, _ configuration: Configuration) -> [(Setting, String)] {
        guard case .rsa(let rsa) = key else {
            return [Setting.modulus, .publicKey].filter { configuration.dotEnv.value($0.rawValue) != nil }.map {
                ($0, "")
            }
        }
        return [
            (.modulus, Base64.urlEncode(rsa.publicKey.modulus)),
            (.publicKey, rsa.publicKey.openSSHRepresentation(comment: "pkjwt")),
        ]
    }

    /// A run killed between writing the key and recording it in .env leaves a key that .env does not
    /// name. The next run finishes that work instead of refusing: it adopts the key (and says so).
    private static func adoptUnrecordedKey(at path: String, in configuration: Configuration, force: Bool) throws
        -> SigningKey?
    {
        // A key published by link(2) and then killed before its staging name was removed left a
        // second name for it; nothing else will sweep it when the key is adopted instead of written.
        SecretFiles.sweepStaging(for: path)
        guard !force, FileManager.default.fileExists(atPath: path),
            let key = try? PrivateKeyFiles.key(file: path, setting: Setting.privateKeyFile.rawValue).key
        else { return nil }
        let kid = key.thumbprint
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
