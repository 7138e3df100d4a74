// Options shared by the commands that read configuration.

import ArgumentParser

struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "The .env file to read and update.")
    var envFile: String = ".env"

    @Option(name: .customLong("okta-url"), help: "The org URL (overrides OKTA_URL).")
    var oktaURL: String?

    @Option(name: .long, help: "Space-separated scopes (overrides SCOPES).")
    var scopes: String?

    func load() throws -> Configuration {
        try Configuration(envFile: envFile, flags: [.oktaURL: oktaURL, .scopes: scopes])
    }
}
