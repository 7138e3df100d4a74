// pkjwt api: the org's API called with the service app's token (Bearer, or DPoP with a fresh proof
// per request), the JSON answer on stdout.

import ArgumentParser
import Foundation
import OktaAPI
import OktaConfig
import PKJWTConfig
import PrivateKeyJWT

struct API: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api",
        abstract: "Call the org's API with the service app's access token and print the JSON answer.",
        discussion: """
            pkjwt api /api/v1/users?limit=2 · pkjwt api POST /api/v1/groups --data @group.json · \
            pkjwt api /api/v1/users --all. The token comes from the cache (as pkjwt token); a DPoP-bound \
            token goes with a fresh proof per request, and a server's nonce request is answered. --all \
            follows Link rel="next" pages on the org and prints one JSON array.
            """)

    /// The methods of the org's API (HEAD answers have no JSON to print).
    static let methods: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete]

    @OptionGroup var options: ConfigOptions

    @Argument(help: "[METHOD] PATH: the method (GET when left out) and a path on the org, like /api/v1/users.")
    var request: [String] = []

    @Option(name: .long, help: "The JSON request body: the JSON itself, @FILE, or - for standard input.")
    var data: String?

    @Flag(name: .long, help: "Follow Link rel=\"next\" pages (GET only) and print every item in one array.")
    var all = false

    @OptionGroup var source: TokenSourceOptions

    /// nil for a method that is not one of `methods`.
    var method: HTTPRequest.Method? {
        guard request.count == 2 else { return .get }
        return HTTPRequest.Method(argument: request[0]).flatMap { Self.methods.contains($0) ? $0 : nil }
    }
    var path: String { request.last ?? "" }

    func validate() throws {
        guard (1...2).contains(request.count) else {
            throw ValidationError("give [METHOD] PATH, like: pkjwt api GET /api/v1/users")
        }
        guard let method else {
            throw ValidationError("METHOD must be one of \(Self.methods.map(\.rawValue).joined(separator: ", "))")
        }
        guard !all || method == .get else { throw ValidationError("--all follows pages of a GET only") }
        guard data == nil || method != .get else {
            throw ValidationError("--data goes with POST, PUT, PATCH or DELETE")
        }
    }

    func run() async throws {
        let body = try data.map(Self.body)
        let configuration = try options.load()
        let http = options.http
        let tokens = configuration.tokens(http: http)
        var client = try await resourceClient(tokens, refresh: false)
        let url = try client.url(path)
        defer { if let session = client.dpop { tokens.saveNonces(session) } }
        do {
            try await call(client, url: url, body: body)
        } catch let error as OktaAPIError where Self.isRefusedToken(error) && !source.noCache {
            // A cached token the server no longer takes (revoked, or the app changed): once more
            // with a new one.
            client = try await resourceClient(tokens, refresh: true)
            try await call(client, url: url, body: body)
        }
    }

    private func call(_ client: OktaResourceClient, url: URL, body: [UInt8]?) async throws {
        if all {
            Self.printPages(try await client.sendAll(.get, url).map(\.body))
        } else {
            Self.printBody(try await client.send(method ?? .get, url, body: body).body)
        }
    }

    /// The client with a token from the cache (or a new one when `refresh`), and its DPoP key when bound.
    private func resourceClient(_ tokens: TokenSource, refresh: Bool) async throws -> OktaResourceClient {
        let token = try await tokens.token(
            authServer: nil, cache: source.cache(), margin: refresh ? .infinity : 60,
            dpop: source.preference(tokens.configuration))
        return try tokens.resourceClient(for: token)
    }

    private static func isRefusedToken(_ error: OktaAPIError) -> Bool {
        guard case .okta(let failure) = error else { return false }
        return failure.status == 401 && failure.oauthError == "invalid_token"
    }

    /// --data: JSON text, @FILE or - (stdin), read capped and checked as JSON (RFC 8259) before sending.
    static func body(_ argument: String) throws -> [UInt8] {
        let bytes: [UInt8]
        if argument == "-" {
            bytes = try SecretFiles.read("/dev/stdin", what: "standard input", allowEmpty: false)
        } else if argument.hasPrefix("@") {
            bytes = try SecretFiles.read(String(argument.dropFirst()), what: "--data file")
        } else {
            bytes = Array(argument.utf8)
        }
        do { _ = try JSONValue.parse(bytes) } catch { throw CLIError("--data is not JSON: \(error)") }
        return bytes
    }

    /// A JSON body pretty-printed; any other body as it came.
    static func printBody(_ body: [UInt8]) {
        guard !body.isEmpty else { return }
        guard let value = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]),
            let pretty = try? JSONSerialization.data(
                withJSONObject: value,
                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        else {
            FileHandle.standardOutput.write(Data(body))
            return
        }
        print(String(decoding: pretty, as: UTF8.self))
    }

    /// Pages of JSON arrays printed as one array.
    static func printPages(_ pages: [[UInt8]]) {
        var items = [Any]()
        for page in pages {
            guard let list = try? JSONSerialization.jsonObject(with: Data(page)) as? [Any] else {
                Output.fail("a page of the answer is not a JSON array, so --all cannot join the pages")
            }
            items += list
        }
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: items, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else {
            Output.fail("cannot print the answer as JSON")
        }
        print(String(decoding: data, as: UTF8.self))
    }
}

/// METHOD arguments, in any case: `get` is GET.
extension HTTPRequest.Method: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.uppercased()) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
