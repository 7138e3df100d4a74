// pkjwt token: an access token for the service app, on stdout alone.

import ArgumentParser
import Foundation
import OktaAPI
import OktaConfig
import PKJWTConfig
import PrivateKeyJWT

struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Get an access token with a private_key_jwt client assertion.",
        discussion: """
            Prints only the token, so that curl -H "Authorization: Bearer $(pkjwt token)" works. Tokens are cached \
            in $XDG_CACHE_HOME/pkjwt (else ~/.cache/pkjwt) until --cache-margin seconds before they expire, shared \
            by concurrent runs: a loop of pkjwt token asks Okta once per token lifetime. --json prints the whole \
            token response with expires_at (epoch seconds), from_cache and, for a DPoP-bound token, dpop_jkt.
            """)

    @OptionGroup var options: ConfigOptions

    @Option(
        name: .customLong("auth-server"),
        help: "A custom authorization server id (default: the org server, which issues okta.* scopes).")
    var authServer: String?

    @Option(name: .long, help: "Assertion lifetime in seconds (at most 3540: Okta's hour less a minute).")
    var lifetime: Int = Int(ClientAssertion.defaultLifetime)

    @OptionGroup var output: JSONOption

    @OptionGroup var source: TokenSourceOptions

    @Option(name: .long, help: "Reuse a cached token until this many seconds before it expires (0 to 3599).")
    var cacheMargin: Double = Token.defaultCacheMargin

    static let defaultCacheMargin: TimeInterval = 60

    @Flag(name: .long, help: "Remove every cached token, then exit.")
    var clearCache = false

    func validate() throws {
        guard (0...3599).contains(cacheMargin) else {
            throw ValidationError("--cache-margin must be between 0 and 3599 seconds")
        }
        do { try OktaTokenClient.checkAssertionLifetime(TimeInterval(lifetime)) } catch {
            throw ValidationError(OktaWords.describe(error))
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        if clearCache {
            let removed =
                PKJWTFiles.cacheDirectory(environment: environment).map { TokenCache(directory: $0).clear() } ?? 0
            Output.diagnostic("pkjwt: removed \(removed) cached token\(removed == 1 ? "" : "s")")
            return
        }
        let configuration = try options.load()
        let result = try await configuration.tokens(http: options.http, environment: environment).token(
            authServer: authServer, lifetime: TimeInterval(lifetime), cache: source.cache(environment: environment),
            margin: cacheMargin, dpop: source.preference(configuration))
        if output.json {
            var object = result.response
            object["expires_at"] = .number(result.expiresAt)
            object["from_cache"] = .bool(result.fromCache)
            if let thumbprint = result.dpopThumbprint { object["dpop_jkt"] = .string(thumbprint) }
            Output.json(JSONValue.object(object))
        } else {
            // Written directly: print() looks up stream conformances at run time, a measurable part of a hit.
            Output.unbuffered(result.accessToken + "\n")
        }
    }
}
