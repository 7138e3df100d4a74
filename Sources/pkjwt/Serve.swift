// pkjwt serve: the local Okta-compatible org, for offline use and tests.

import ArgumentParser
import Foundation
import OktaDevServer

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run a local Okta-compatible org (in memory) for offline use and tests.",
        discussion: "Prints OKTA_URL and API_KEY lines for it, then serves until interrupted.")

    @Option(name: .long, help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "The port; 0 picks a free one.")
    var port: Int = 8080

    @Option(name: .long, help: "The SSWS API token to accept (default: a random one).")
    var apiToken: String?

    func run() async throws {
        let server: OktaDevServer.Running
        do {
            server = try await OktaDevServer.start(.init(host: host, port: port, apiToken: apiToken), gracefulShutdownSignals: true)
        } catch {
            throw CLIError("cannot listen on \(host):\(port): \(error)")
        }
        // These lines are the dev org's own URL and token: printing them is the point.
        Output.unbuffered("OKTA_URL=\(server.url)\nAPI_KEY=\(server.apiToken)\n")
        Output.diagnostic("pkjwt: local Okta org listening on \(server.url) (state in memory; Ctrl-C to stop)")
        try await server.wait()
    }
}
