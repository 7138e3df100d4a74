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

    @Option(name: .customLong("tls-cert"), help: "Serve HTTPS with this PEM certificate chain (with --tls-key).")
    var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: "The PEM private key of --tls-cert.")
    var tlsKey: String?

    @Option(
        name: .customLong("token-rate-limit"),
        help: "Admit at most this many token requests per minute (429 E0000047 beyond), as Okta's per-org limit.")
    var tokenRateLimit: Int?

    @Option(
        name: .customLong("token-lifetime"), help: "Seconds an access token lives (default 3600, as Okta's org server)."
    )
    var tokenLifetime: Int = 3600

    @Option(
        name: .customLong("clock-offset"),
        help: """
            Run the org's clock this many seconds ahead of this machine's (negative: behind): its Date \
            headers, the times it judges assertions and proofs by, and its tokens' iat and exp.
            """)
    var clockOffset: Int = 0

    @Flag(
        name: .customLong("dpop-resource-nonce"),
        help: "Ask DPoP callers of /api/v1/users for a nonce too (RFC 9449 §9).")
    var dpopResourceNonce = false

    @Flag(
        name: .customLong("exit-with-stdin"),
        help: "Stop when standard input closes: a parent that dies, even by SIGKILL, takes the server with it.")
    var exitWithStdin = false

    func validate() throws {
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("--tls-cert and --tls-key go together") }
        if let tokenRateLimit, tokenRateLimit < 1 { throw ValidationError("--token-rate-limit must be at least 1") }
        guard (1...86400).contains(tokenLifetime) else {
            throw ValidationError("--token-lifetime must be between 1 and 86400 seconds")
        }
        guard abs(clockOffset) <= 315_360_000 else {
            throw ValidationError("--clock-offset must be within ten years (315360000 seconds) either way")
        }
    }

    func run() async throws {
        let server: OktaDevServer.Running
        do {
            server = try await OktaDevServer.start(
                .init(
                    host: host, port: port, apiToken: apiToken, tlsCertificateFile: tlsCert, tlsKeyFile: tlsKey,
                    tokenRateLimit: tokenRateLimit, resourceNonce: dpopResourceNonce, tokenLifetime: tokenLifetime,
                    clockOffset: clockOffset),
                gracefulShutdownSignals: true)
        } catch {
            throw CLIError("cannot listen on \(host):\(port): \(error)")
        }
        // These lines are the dev org's own URL and token: printing them is the point.
        Output.unbuffered("OKTA_URL=\(server.url)\nAPI_KEY=\(server.apiToken)\n")
        Output.diagnostic("pkjwt: local Okta org listening on \(server.url) (state in memory; Ctrl-C to stop)")
        if exitWithStdin { Self.exitWhenStandardInputCloses() }
        try await server.wait()
    }

    /// A thread that reads standard input to its end, then ends the process.
    private static func exitWhenStandardInputCloses() {
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 512)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
                if count == 0 || (count < 0 && errno != EINTR) { Foundation.exit(0) }
            }
        }
    }
}
