// pkjwt export okta-yaml: the app's settings as an okta.yaml the Okta SDKs read (PrivateKey mode).

import ArgumentParser
import Foundation
import OktaConfig
import PKJWTConfig
import PrivateKeyJWT

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write pkjwt's settings in another tool's format.",
        subcommands: [OktaYAMLExport.self])
}

struct OktaYAMLExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "okta-yaml",
        abstract: "Write an okta.yaml (PrivateKey mode) for the Okta SDKs: org, client id, scopes, key and kid.",
        discussion: """
            Default: ~/.okta/okta.yaml, written atomically with mode 0600 (its folder 0700). The key is \
            named by its absolute path when it is a file; an inline PRIVATE_KEY is copied in. The API \
            token is not written: the SDKs need none in PrivateKey mode.
            """)

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: "Where to write it; - for standard output.")
    var out: String?

    @Flag(name: .long, help: "Replace an existing file.")
    var force = false

    func run() throws {
        let configuration = try options.load()
        let org = try configuration.org()
        let clientID = try configuration.required(.clientID)
        guard !configuration.scopes.isEmpty else {
            throw CLIError("SCOPES is not set: the SDKs need the scopes to ask for")
        }
        guard case .rsa(let key) = try configuration.signingKey() else {
            throw CLIError(
                "okta.yaml is for the Okta SDKs, which sign RS256 with an RSA key only (docs/OKTA.md), and the key in "
                    + "force is P-256: export a configuration with an RSA key, or keep using pkjwt token")
        }
        let keyText = try configuration[.privateKeyFile].map(Self.absolute) ?? key.pemRepresentation
        let document = try OktaYAML.document(
            orgURL: org.issuer, clientID: clientID, scopes: configuration.scopes, privateKey: keyText,
            keyID: configuration.keyID(for: key))
        if out == "-" {
            FileHandle.standardOutput.write(Data(document))
            return
        }
        guard let path = out ?? OktaYAML.globalPath(environment: ProcessInfo.processInfo.environment) else {
            throw CLIError("HOME is not set: give --out PATH")
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, access(folder, F_OK) != 0 {
            guard mkdir(folder, 0o700) == 0 else {
                throw CLIError("cannot create \(DisplayedPath(folder)): \(String(cString: strerror(errno)))")
            }
        }
        if !force, access(path, F_OK) == 0 { throw CLIError.exists(path) }
        try CLIError.writeNew(document, to: path, force: force)
        Output.diagnostic(
            "pkjwt: wrote \(DisplayedPath(path)) (mode 0600) for the Okta SDKs (authorizationMode PrivateKey)")
    }

    /// The SDKs resolve a relative path against their own working folder: write an absolute one.
    static func absolute(_ path: String) throws -> String {
        if path.hasPrefix("/") { return path }
        return FileManager.default.currentDirectoryPath + "/" + path
    }
}
