// One unauthenticated look at the org: does it answer over this network and TLS, how fast, is it the
// org it claims to be, and what its clock says (the `Date` header, RFC 9110 §6.6.1).

import Foundation
import HTTPForm
import PrivateKeyJWT

/// What one GET of the org's discovery document showed.
public struct OrgProbe: Sendable, Equatable {
    /// The answer's status.
    public let status: Int
    /// Seconds from sending the request to having the whole answer (name, connection, TLS and the
    /// answer together: the HTTP client does not report them apart).
    public let seconds: TimeInterval
    /// Okta's clock minus this machine's, in whole seconds: the `Date` header against the moment
    /// half-way through the exchange; nil without a readable header.
    public let clockOffset: TimeInterval?
    /// The discovery document's `issuer`, when the answer is one (OpenID Connect Discovery 1.0 §3).
    public let issuer: String?

    /// One attempt, no retry: a probe reports the first failure as it came.
    public static func run(_ org: OktaOrg, http: OktaHTTPClient) async throws(OktaAPIError) -> OrgProbe {
        let request = HTTPRequest(
            method: .get, url: org.url("/.well-known/openid-configuration"),
            headers: ["Accept": "application/json", "User-Agent": http.userAgent])
        let sent = http.now()
        let response = try await http.transport.send(request)
        let received = http.now()
        let issuer = (try? JSONValue.parseObject(response.body, what: "discovery"))?["issuer"]?.stringValue
        return OrgProbe(
            status: response.status, seconds: received.timeIntervalSince(sent),
            clockOffset: response.header("Date").flatMap(HTTPDate.parse).map {
                OktaTokenClient.clockOffset(serverDate: $0, sent: sent, received: received)
            },
            issuer: issuer)
    }
}
