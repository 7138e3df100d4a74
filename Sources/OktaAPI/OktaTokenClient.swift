// The client-credentials token request with a private_key_jwt assertion (RFC 7523 §2.2, RFC 6749 §4.4).

import Foundation
import PrivateKeyJWT

/// An access token response (RFC 6749 §5.1), with the whole JSON kept for `--json`.
public struct TokenResponse: Sendable, Equatable {
    public let accessToken: String
    public let tokenType: String
    public let expiresIn: Int?
    public let scope: String?
    public let json: [String: JSONValue]
}

/// Gets access tokens for a service app.
public struct OktaTokenClient: Sendable {
    public let org: OktaOrg
    public let clientID: String
    public let key: RSAPrivateKey
    public let kid: String?
    /// nil: the org authorization server (the only one that issues okta.* scopes).
    public let authorizationServer: String?
    public let assertionLifetime: TimeInterval
    public let http: OktaHTTPClient

    public init(org: OktaOrg, clientID: String, key: RSAPrivateKey, kid: String?, authorizationServer: String? = nil,
                assertionLifetime: TimeInterval = ClientAssertion.defaultLifetime, http: OktaHTTPClient = OktaHTTPClient()) throws(OktaAPIError) {
        guard !clientID.isEmpty else { throw .configuration("CLIENT_ID is not set: run 'pkjwt register' first") }
        if let id = authorizationServer, id.isEmpty || !id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
            throw .configuration("'\(id)' is not an authorization server id")
        }
        self.org = org
        self.clientID = clientID
        self.key = key
        self.kid = kid
        self.authorizationServer = authorizationServer
        self.assertionLifetime = assertionLifetime
        self.http = http
    }

    /// The token endpoint, which is also the assertion's exact `aud`.
    public var tokenURL: URL { org.tokenURL(authorizationServer: authorizationServer) }

    /// Requests a token for `scopes`. Every attempt signs a new assertion (a new jti).
    public func token(scopes: [String]) async throws(OktaAPIError) -> TokenResponse {
        guard !scopes.isEmpty else { throw .configuration("no scopes: set SCOPES (space-separated, e.g. 'okta.users.read')") }
        let url = tokenURL
        let http = http
        let response = try await http.send({ () throws(OktaAPIError) -> HTTPRequest in
            // The HTTP client's clock: injected in tests, so iat and exp are exact there.
            try request(url: url, scopes: scopes, now: http.now())
        }, isComplete: { (try? parse($0)) != nil })
        return try parse(response)
    }

    /// The form POST of RFC 6749 §4.4.2 with RFC 7523 §2.2 client authentication.
    public func request(url: URL, scopes: [String], now: Date = Date()) throws(OktaAPIError) -> HTTPRequest {
        let assertion: String
        do {
            assertion = try ClientAssertion(clientID: clientID, audience: url.absoluteString, kid: kid, lifetime: assertionLifetime)
                .signed(with: key, now: now)
        } catch {
            throw .signing(error)
        }
        let form = FormEncoding.encode([
            ("grant_type", "client_credentials"),
            ("scope", scopes.joined(separator: " ")),
            ("client_assertion_type", ClientAssertion.assertionType),
            ("client_assertion", assertion),
        ])
        // Idempotent in effect: a repeat carries a new assertion and asks for a new token, so a token
        // call cut mid-answer is retried like a GET.
        return HTTPRequest(method: "POST", url: url, headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Array(form.utf8),
                           isIdempotent: true)
    }

    private func parse(_ response: HTTPResponse) throws(OktaAPIError) -> TokenResponse {
        let summary = "POST \(tokenURL.path)"
        let json = try http.decode([String: JSONValue].self, from: response, request: summary)
        guard let token = json["access_token"]?.stringValue, !token.isEmpty, let type = json["token_type"]?.stringValue else {
            throw .invalidResponse(OktaFailure(request: summary, status: response.status, requestID: response.requestID),
                                   reason: "no access_token or token_type in the answer")
        }
        let expiresIn = json["expires_in"]?.numberValue.flatMap { $0.isFinite && abs($0) < 1e15 ? Int($0) : nil }
        return TokenResponse(accessToken: token, tokenType: type, expiresIn: expiresIn,
                             scope: json["scope"]?.stringValue, json: json)
    }
}

/// application/x-www-form-urlencoded (WHATWG URL §5.2), every value percent-encoded.
public enum FormEncoding {
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    public static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: unreserved)! }

    /// Parses a form body (for tests and the dev server); "+" means space.
    public static func decode(_ body: String) -> [String: String] {
        var out = [String: String]()
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            let value = parts.count > 1 ? (String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "") : ""
            out[name] = value
        }
        return out
    }
}
