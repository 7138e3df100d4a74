// pkjwt token: an access token for the service app, on stdout alone.

import ArgumentParser
import Foundation
import OktaAPI
import PrivateKeyJWT

struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Get an access token with a private_key_jwt client assertion.",
        discussion: "Prints only the token, so that curl -H \"Authorization: Bearer $(pkjwt token)\" works.")

    @OptionGroup var options: ConfigOptions

    @Option(name: .customLong("auth-server"), help: "A custom authorization server id (default: the org server, which issues okta.* scopes).")
    var authServer: String?

    @Option(name: .long, help: "Assertion lifetime in seconds (at most 3540).")
    var lifetime: Int = Int(ClientAssertion.defaultLifetime)

    @Flag(name: .long, help: "Print the whole token response as JSON.")
    var json = false

    func run() async throws {
        let response = try await Self.fetch(try options.load(), authServer: authServer, lifetime: TimeInterval(lifetime), http: options.http)
        if json { Output.json(JSONValue.object(response.json)) } else { print(response.accessToken) }
    }

    static func fetch(_ configuration: Configuration, authServer: String?, lifetime: TimeInterval = ClientAssertion.defaultLifetime,
                      http: OktaHTTPClient) async throws -> TokenResponse {
        // The URL policy first: a refused http:// URL is the problem to report, even with no key yet.
        let org = try configuration.org()
        let key = try configuration.privateKey()
        let client = try OktaTokenClient(
            org: org, clientID: configuration.required(.clientID, "run 'pkjwt register' first, or set CLIENT_ID"),
            key: key, kid: configuration[.keyID] ?? key.publicKey.thumbprint, authorizationServer: authServer,
            assertionLifetime: lifetime, http: http)
        do { _ = try ClientAssertion(clientID: client.clientID, audience: client.tokenURL.absoluteString, kid: nil, lifetime: lifetime) } catch {
            throw CLIError("--lifetime \(Int(lifetime)): \(error)")
        }
        return try await client.token(scopes: configuration.scopes)
    }
}
