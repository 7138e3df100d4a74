// pkjwt proof: the Authorization and DPoP header lines for one request, for curl users
// (curl -H @<(pkjwt proof GET "$URL") "$URL").

import ArgumentParser
import Foundation
import OktaAPI
import OktaConfig
import PKJWTConfig
import PrivateKeyJWT

struct Proof: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proof",
        abstract: "Print the Authorization (and, for a DPoP-bound token, DPoP) header lines for one request.",
        discussion: """
            A proof is good for one request: make a new one for each. When the server answers \
            401 with error="use_dpop_nonce" and a DPoP-Nonce header, run again with --nonce VALUE.
            """)

    @OptionGroup var options: ConfigOptions

    @Argument(help: "The HTTP method of the request, like GET.")
    var method: HTTPRequest.Method

    @Argument(help: "The URL of the request, or a path on the org like /api/v1/users.")
    var url: String

    @Option(name: .long, help: "The DPoP-Nonce the server gave (RFC 9449 §9).")
    var nonce: String?

    @OptionGroup var source: TokenSourceOptions

    func validate() throws {
        if let nonce, nonce.isEmpty || !nonce.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x22 && $0 != 0x5C && $0 < 0x7F }) {
            throw ValidationError("--nonce must be the DPoP-Nonce value as the server sent it")
        }
    }

    func run() async throws {
        let configuration = try options.load()
        let org = try configuration.org()
        let target = url.hasPrefix("/") ? org.baseURL.absoluteString + url : url
        guard let requestURL = URL(string: target), DPoPProof.targetURI(target) != nil else {
            throw CLIError("'\(url.prefix(200))' is not an http(s) URL or a path on the org")
        }
        let tokens = configuration.tokens(http: options.http)
        let token = try await tokens.token(
            authServer: nil, cache: source.cache(), margin: 60, dpop: source.preference(configuration))
        let client = try tokens.resourceClient(for: token)
        if let nonce, let session = client.dpop { session.remember(nonce, from: .resource(requestURL)) }
        // A nonce given here is kept for the next proof to this server.
        defer { if let session = client.dpop { tokens.saveNonces(session) } }
        let request = try client.request(method, requestURL)
        // Both lines carry the token: they are the result, so they go to stdout.
        print("Authorization: \(request.header("Authorization") ?? "")")
        if let proof = request.header("DPoP") {
            print("DPoP: \(proof)")
        } else {
            Output.diagnostic("pkjwt: the token is a Bearer token: no DPoP header is needed")
        }
    }
}
