// Calling the org's API with an access token: Bearer (RFC 6750 §2.1), or DPoP with a fresh proof
// per request (RFC 9449 §7), following `Link: rel="next"` pages the way Okta paginates.

import Foundation
import PrivateKeyJWT

/// Sends requests to the org's own API with a service app's access token.
public struct OktaResourceClient: Sendable {
    public let org: OktaOrg
    public let accessToken: String
    /// The key the token is bound to; nil for a Bearer token.
    public let dpop: DPoPSession?
    public let http: OktaHTTPClient
    /// Pages `sendAll` follows at most: a server that links in a circle cannot keep it busy forever.
    public static let maximumPages = 1000

    /// `tokenType` is the token response's: "DPoP" needs the session whose key the token is bound to.
    public init(
        org: OktaOrg, accessToken: String, tokenType: String, dpop: DPoPSession?,
        http: OktaHTTPClient = OktaHTTPClient()
    ) throws(OktaAPIError) {
        let bound = tokenType.lowercased() == "dpop"
        guard !bound || dpop != nil else {
            throw .configuration(.boundTokenWithoutKey)
        }
        guard HTTPRequest.isValidHeaderValue(accessToken), !accessToken.isEmpty else {
            throw .configuration(.unusableAccessToken)
        }
        self.org = org
        self.accessToken = accessToken
        self.dpop = bound ? dpop : nil
        self.http = http
    }

    /// The URL of `target`: a path on the org ("/api/v1/users?limit=2"), or an absolute URL on the
    /// org's own origin. Any other host is refused: the token would go with the request.
    public func url(_ target: String) throws(OktaAPIError) -> URL {
        if target.hasPrefix("/") {
            guard let url = URL(string: org.baseURL.absoluteString + target), url.host == org.baseURL.host else {
                throw .configuration(.notAPathOnOrg(String(target.prefix(200))))
            }
            return url
        }
        guard let url = URL(string: target), Self.sameOrigin(url, org.baseURL) else {
            throw .configuration(.notTheOrgsURL(issuer: org.issuer))
        }
        return url
    }

    /// One request. A `use_dpop_nonce` answer (RFC 9449 §9) is answered once, with a proof that
    /// carries the resource server's nonce.
    public func send(
        _ method: HTTPRequest.Method, _ url: URL, body: [UInt8]? = nil, contentType: String = "application/json"
    ) async throws(OktaAPIError) -> HTTPResponse {
        var answeredNonce = false
        while true {
            do {
                let response = try await http.send { () throws(OktaAPIError) -> HTTPRequest in
                    try request(method, url, body: body, contentType: contentType)
                }
                dpop?.remember(response, from: .resource(url))
                return response
            } catch {
                guard case .okta(let failure) = error, failure.oauthError == "use_dpop_nonce",
                    let nonce = failure.dpopNonce,
                    let dpop, !answeredNonce
                else { throw error }
                dpop.remember(nonce, from: .resource(url))
                answeredNonce = true
            }
        }
    }

    /// Every page from `url` on: each answer's `Link: <…>; rel="next"` (RFC 8288) is followed while it
    /// stays on the org's origin, up to `maximumPages`.
    public func sendAll(_ method: HTTPRequest.Method, _ url: URL) async throws(OktaAPIError) -> [HTTPResponse] {
        var pages = [HTTPResponse]()
        var next: URL? = url
        while let current = next, pages.count < Self.maximumPages {
            let response = try await send(method, current)
            pages.append(response)
            next = Self.nextLink(response.header("Link")).flatMap(URL.init(string:)).flatMap {
                Self.sameOrigin($0, org.baseURL) ? $0 : nil
            }
        }
        return pages
    }

    /// The request with its credentials: `Authorization: Bearer` or `DPoP` plus a proof with `ath`.
    /// - Timing: with DPoP, signing as `RSAPrivateKey.signature(for:)`.
    public func request(
        _ method: HTTPRequest.Method, _ url: URL, body: [UInt8]? = nil, contentType: String = "application/json"
    ) throws(OktaAPIError) -> HTTPRequest {
        var headers = [String: String]()
        if let dpop {
            headers["Authorization"] = "DPoP " + accessToken
            headers["DPoP"] = try dpop.proof(
                method: method, url: url, accessToken: accessToken, server: .resource(url), now: http.now())
        } else {
            headers["Authorization"] = "Bearer " + accessToken
        }
        if body != nil { headers["Content-Type"] = contentType }
        return HTTPRequest(method: method, url: url, headers: headers, body: body)
    }

    /// The target of the `rel="next"` link of a Link header (RFC 8288 §3), if there is one.
    public static func nextLink(_ header: String?) -> String? {
        guard let header else { return nil }
        for link in header.split(separator: ",") {
            let parts = link.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let target = parts.first, target.hasPrefix("<"), target.hasSuffix(">") else { continue }
            let relations = parts.dropFirst().compactMap { parameter -> String? in
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2, pair[0].lowercased() == "rel" else { return nil }
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
            // RFC 8288 §3.3: rel may list several space-separated types.
            if relations.contains(where: { $0.split(separator: " ").contains("next") }) {
                return String(target.dropFirst().dropLast())
            }
        }
        return nil
    }

    /// Same scheme, host and port (RFC 6454 §4).
    static func sameOrigin(_ a: URL, _ b: URL) -> Bool {
        a.scheme?.lowercased() == b.scheme?.lowercased() && a.host?.lowercased() == b.host?.lowercased()
            && (a.port ?? defaultPort(a)) == (b.port ?? defaultPort(b))
    }

    private static func defaultPort(_ url: URL) -> Int { url.scheme?.lowercased() == "http" ? 80 : 443 }
}
