// The transport seam: everything OktaAPI sends goes through one protocol, so tests can stub it.

import Foundation

/// One HTTP request, fully formed.
public struct HTTPRequest: Sendable, Equatable {
    /// The methods OktaAPI sends (RFC 9110 §9.3).
    public enum Method: String, Sendable, CaseIterable {
        case get = "GET", head = "HEAD", post = "POST", put = "PUT", patch = "PATCH", delete = "DELETE"

        /// RFC 9110 §9.2.2: sending it twice has the effect of sending it once.
        public var isIdempotent: Bool { self != .post && self != .patch }
    }

    public var method: Method
    public var url: URL
    /// Header names as sent; compare case-insensitively.
    public var headers: [String: String]
    public var body: [UInt8]?
    /// True when sending it twice has the effect of sending it once (RFC 9110 §9.2.2): GET, PUT,
    /// DELETE; and the token request, whose every attempt carries a fresh assertion. Only these are
    /// retried after a failure that may have reached the server; a create (POST) is not.
    public var isIdempotent: Bool

    public init(
        method: Method, url: URL, headers: [String: String] = [:], body: [UInt8]? = nil, isIdempotent: Bool? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.isIdempotent = isIdempotent ?? method.isIdempotent
    }

    /// The value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? { headers.first { $0.key.lowercased() == name.lowercased() }?.value }
}

/// One HTTP response.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    /// Header names lower-cased.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }) { $1 }
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
    /// Okta's request id, shown in every error.
    public var requestID: String? { header("X-Okta-Request-Id") }
}

/// Sends requests. Implementations report a request that never reached the server as
/// `OktaAPIError.connection` (retryable when a retry may help: refused), and one whose answer was
/// cut, reset or timed out after it was sent as `OktaAPIError.interrupted`: it may have been processed.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws(OktaAPIError) -> HTTPResponse
}
