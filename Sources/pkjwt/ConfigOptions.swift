// Options shared by the commands that read configuration.

import ArgumentParser
import Foundation
import OktaAPI
import OktaConfig

/// --env-file: the one option every command that touches .env has, keygen included.
struct EnvFileOption: ParsableArguments {
    @Option(name: .long, help: "The .env file to read and update.")
    var envFile: String = EnvFileOption.defaultPath

    static let defaultPath = ".env"
}

/// --json: every command that prints a result can print it as JSON instead; the command's
/// description says which members.
struct JSONOption: ParsableArguments {
    @Flag(name: .long, help: "Print the result as JSON.")
    var json = false
}

struct ConfigOptions: ParsableArguments {
    @OptionGroup var file: EnvFileOption
    var envFile: String { file.envFile }

    @Option(name: .customLong("okta-url"), help: "The org URL (overrides OKTA_URL).")
    var oktaURL: String?

    @Option(name: .long, help: "Space-separated scopes (overrides SCOPES).")
    var scopes: String?

    @Option(name: .long, help: "Give up on an Okta call after this many seconds (per attempt).")
    var timeout: Double = 30

    @Option(
        name: .long,
        help: """
            A PEM file of CA certificates to trust for Okta calls instead of the system's \
            (SSL_CERT_FILE and SSL_CERT_DIR work too).
            """
    )
    var cacert: String?

    /// The HTTP client for these options: AsyncHTTPClient with the timeout, the trusted CAs, and
    /// bounded retries.
    var http: OktaHTTPClient {
        let trust = TrustRoots.from(caFile: cacert, environment: ProcessInfo.processInfo.environment)
        return OktaHTTPClient(
            transport: AsyncHTTPTransport(connectTimeout: min(10, timeout), totalTimeout: timeout, trust: trust),
            userAgent: "pkjwt/\(PKJWT.version)")
    }

    func validate() throws {
        guard timeout > 0, timeout <= 600 else { throw ValidationError("--timeout must be between 0 and 600 seconds") }
    }

    /// `locked`: hold the .env file's lock until exit (commands that record what they create).
    func load(locked: Bool = false) throws -> Configuration {
        try Configuration.load(envFile: envFile, flags: [.oktaURL: oktaURL, .scopes: scopes], locked: locked)
    }
}
