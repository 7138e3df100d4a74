// Sending a request to Okta: headers every call carries, bounded retries, and error mapping.

import Foundation
import PrivateKeyJWT

/// The engine under the management and token clients.
public struct OktaHTTPClient: Sendable {
    public let transport: any HTTPTransport
    /// Okta asks every client to name itself and its version (docs/OKTA.md): the application
    /// built on this library does, through this value (the CLI sends "pkjwt/VERSION").
    public var userAgent: String
    public var retry: RetryPolicy
    /// Waits between attempts (tests pass one that records instead of sleeping).
    public var sleep: @Sendable (TimeInterval) async -> Void
    public var now: @Sendable () -> Date
    public var jitter: @Sendable () -> Double

    public init(
        transport: any HTTPTransport = AsyncHTTPTransport(), userAgent: String = OktaHTTPClient.defaultUserAgent,
        retry: RetryPolicy = RetryPolicy(),
        sleep: @escaping @Sendable (TimeInterval) async -> Void = {
            try? await Task.sleep(nanoseconds: UInt64($0 * 1e9))
        },
        now: @escaping @Sendable () -> Date = Date.init,
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.transport = transport
        self.userAgent = userAgent
        self.retry = retry
        self.sleep = sleep
        self.now = now
        self.jitter = jitter
    }

    /// What a library user who names nothing sends.
    public static let defaultUserAgent = "OktaAPI (pkjwt)"

    /// Sends the request `make` builds — built anew for every attempt, so a retried token request
    /// carries a fresh assertion and jti — and returns the first 2xx response. A 2xx whose body
    /// `isComplete` rejects is a cut answer: retried like a dropped connection when the request is
    /// idempotent, returned (for the caller to report) when it is not.
    public func send(
        _ make: () throws(OktaAPIError) -> HTTPRequest,
        isComplete: (HTTPResponse) -> Bool = { _ in true }
    ) async throws(OktaAPIError) -> HTTPResponse {
        var waited: TimeInterval = 0
        var attempt = 0
        while true {
            attempt += 1
            var request = try make()
            // RFC 9110 §5.5: a field value holds no CR, LF or NUL. Refused here, by name, so that no
            // HTTP library quotes the value (an API token, an assertion) in an error of its own.
            if let bad = request.headers.first(where: { !HTTPRequest.isValidHeaderValue($0.value) }) {
                throw .configuration(.unsendableHeader(name: bad.key, request: request.summary))
            }
            request.headers["User-Agent"] = userAgent
            if request.header("Accept") == nil { request.headers["Accept"] = "application/json" }
            let response: HTTPResponse
            do {
                response = try await transport.send(request)
            } catch {
                guard
                    let wait = retry.wait(
                        after: error, attempt: attempt, idempotent: request.isIdempotent, jitter: jitter()),
                    waited + wait <= retry.maxTotalWait
                else { throw error.afterRetries(attempts: attempt, waited: waited) }
                waited += wait
                await sleep(wait)
                continue
            }
            if (200..<300).contains(response.status) {
                let cut = OktaAPIError.interrupted(url: request.url.absoluteString, .incompleteBody)
                guard !isComplete(response),
                    let wait = retry.wait(
                        after: cut, attempt: attempt, idempotent: request.isIdempotent, jitter: jitter()),
                    waited + wait <= retry.maxTotalWait
                else { return response }
                waited += wait
                await sleep(wait)
                continue
            }
            if let wait = retry.wait(after: response, attempt: attempt, now: now(), jitter: jitter()),
                waited + wait <= retry.maxTotalWait
            {
                waited += wait
                await sleep(wait)
                continue
            }
            throw OktaErrorMapping.error(for: response, request: request).afterRetries(
                attempts: attempt, waited: waited)
        }
    }

    /// Decodes a JSON response body, or explains why it cannot.
    public func decode<T: Decodable>(_ type: T.Type, from response: HTTPResponse, request: String) throws(OktaAPIError)
        -> T
    {
        do { return try JSONDecoder().decode(T.self, from: Data(response.body)) } catch {
            let failure = OktaFailure(request: request, status: response.status, requestID: response.requestID)
            throw .invalidResponse(failure, response.body.isEmpty ? .emptyBody : .unexpectedJSON)
        }
    }
}

extension HTTPRequest {
    /// RFC 9110 §5.5 field-value: visible ASCII, space and tab, and obs-text; no CR, LF, NUL or
    /// other control character.
    static func isValidHeaderValue(_ value: String) -> Bool {
        value.utf8.allSatisfy { $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }
    }

    /// "POST /oauth2/v1/token", for messages.
    var summary: String { "\(method.rawValue) \(url.path)" }

    /// A JSON request.
    static func json(_ method: HTTPRequest.Method, _ url: URL, body: some Encodable, authorization: String?)
        -> HTTPRequest
    {
        var headers = ["Content-Type": "application/json"]
        if let authorization { headers["Authorization"] = authorization }
        return HTTPRequest(method: method, url: url, headers: headers, body: sortedJSON(body))
    }
}
