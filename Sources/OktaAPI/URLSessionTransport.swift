// The production transport: Foundation's URLSession (libcurl on Linux), with timeouts and proxies.

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// URLSession with a connect timeout, a total timeout, and no caching or cookies.
///
/// Proxies: on Linux URLSession runs on libcurl, which reads `HTTPS_PROXY`/`https_proxy` and
/// `NO_PROXY`/`no_proxy` from the environment for every request; the same session sends every
/// call, the token call included.
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession
    private let totalTimeout: TimeInterval

    public init(connectTimeout: TimeInterval = 10, totalTimeout: TimeInterval = 30) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = connectTimeout
        configuration.timeoutIntervalForResource = totalTimeout
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        session = URLSession(configuration: configuration)
        self.totalTimeout = totalTimeout
    }

    public func send(_ request: HTTPRequest) async throws(OktaAPIError) -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body.map { Data($0) }
        let outcome: Result<(Data, URLResponse), Error> = await withCheckedContinuation { continuation in
            session.dataTask(with: urlRequest) { data, response, error in
                if let error { continuation.resume(returning: .failure(error)) } else {
                    continuation.resume(returning: .success((data ?? Data(), response!)))
                }
            }.resume()
        }
        switch outcome {
        case .success(let (data, response)):
            guard let http = response as? HTTPURLResponse else {
                throw .connection(url: request.url.absoluteString, reason: "the response was not HTTP", retryable: false)
            }
            var headers = [String: String]()
            for (name, value) in http.allHeaderFields { headers["\(name)".lowercased()] = "\(value)" }
            return HTTPResponse(status: http.statusCode, headers: headers, body: [UInt8](data))
        case .failure(let error):
            throw Self.describe(error, url: request.url.absoluteString, timeout: totalTimeout)
        }
    }

    private static func describe(_ error: Error, url: String, timeout: TimeInterval) -> OktaAPIError {
        guard let urlError = error as? URLError else { return .connection(url: url, reason: "\(error.localizedDescription)", retryable: false) }
        switch urlError.code {
        case .timedOut: return .connection(url: url, reason: "no complete answer within \(Int(timeout)) s (timed out)", retryable: false)
        case .networkConnectionLost: return .connection(url: url, reason: "the connection was reset or dropped mid-response", retryable: true)
        case .cannotConnectToHost: return .connection(url: url, reason: "the connection was refused", retryable: true)
        case .cannotFindHost, .dnsLookupFailed: return .connection(url: url, reason: "the host name does not resolve", retryable: false)
        case .notConnectedToInternet: return .connection(url: url, reason: "no network", retryable: false)
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid:
            return .connection(url: url, reason: "TLS failed: \(urlError.localizedDescription)", retryable: false)
        default: return .connection(url: url, reason: urlError.localizedDescription, retryable: false)
        }
    }
}
