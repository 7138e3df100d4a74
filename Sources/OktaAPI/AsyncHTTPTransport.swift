// The production transport: AsyncHTTPClient on SwiftNIO, with timeouts and curl's proxy variables.
//
// Why not URLSession: on Linux it is FoundationNetworking on libcurl, and loading that library and
// the thirty it pulls in (GnuTLS, Kerberos, LDAP, ...) took longer than everything else a token
// request from a fresh process does (BENCHMARKS.md). A program that also serves HTTP on SwiftNIO
// (pkjwt's local org does) carries it already.

import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// HTTP/1.1 or HTTP/2 over AsyncHTTPClient, with a connect timeout and a total timeout, no
/// redirects followed, no cookies and no cache. Proxies come from the environment
/// (`ProxyEnvironment`), decided per request as libcurl does.
public struct AsyncHTTPTransport: HTTPTransport {
    private let connectTimeout: TimeInterval
    private let totalTimeout: TimeInterval
    private let proxies: ProxyEnvironment
    private let trust: TrustRoots

    public init(
        connectTimeout: TimeInterval = 10, totalTimeout: TimeInterval = 30,
        proxies: ProxyEnvironment = ProxyEnvironment(),
        trust: TrustRoots = .system
    ) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.proxies = proxies
        self.trust = trust
    }

    public func send(_ request: HTTPRequest) async throws(OktaAPIError) -> HTTPResponse {
        let url = request.url.absoluteString
        let proxy = try proxies.proxy(for: request.url)
        // Trust settings matter only to TLS: a plain-HTTP call (the local org) never reads them.
        let client = try SharedClients.client(
            proxy: proxy, connectTimeout: connectTimeout,
            trust: request.url.scheme?.lowercased() == "https" ? trust : .system)
        var outgoing = HTTPClientRequest(url: url)
        outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if let body = request.body { outgoing.body = .bytes(body) }
        do {
            // One deadline for the head and the body: "total" means until the last byte.
            let deadline = NIODeadline.now() + .milliseconds(Int64(totalTimeout * 1000))
            let response = try await client.execute(outgoing, deadline: deadline)
            let body = try await response.body.collect(upTo: Self.maximumBody)
            var headers = [String: String]()
            for (name, value) in response.headers { headers[name.lowercased()] = value }
            return HTTPResponse(
                status: Int(response.status.code), headers: headers, body: Array(body.readableBytesView))
        } catch {
            let failure = Self.describe(error, url: request.url, timeout: totalTimeout)
            guard let proxy else { throw failure }
            let via = "\(proxy.host):\(proxy.port)"
            switch failure {
            case .connection(let url, let problem, _, let retries):
                throw .connection(url: url, problem, proxy: via, retries: retries)
            case .interrupted(let url, let problem, _, let retries):
                throw .interrupted(url: url, problem, proxy: via, retries: retries)
            default: throw failure
            }
        }
    }

    /// Okta's answers are a few KiB; a response this large is not one of them.
    static let maximumBody = 16 << 20

    static func describe(_ error: any Error, url requestURL: URL, timeout: TimeInterval) -> OktaAPIError {
        let url = requestURL.absoluteString
        let host = requestURL.host ?? url
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout:
                return .interrupted(url: url, .timedOut(seconds: Int(timeout)))
            case .connectTimeout, .getConnectionFromPoolTimeout:
                return .connection(url: url, .timeout)
            case .remoteConnectionClosed, .uncleanShutdown:
                return .interrupted(url: url, .reset)
            case .invalidProxyResponse, .httpProxyHandshakeTimeout, .proxyAuthenticationRequired:
                return .connection(url: url, .proxyRefused)
            case .tlsHandshakeTimeout:
                return .connection(url: url, .tlsHandshakeTimeout(host: host))
            default:
                return .connection(url: url, .exchangeFailed(kind: Self.kind(of: error)))
            }
        }
        if let error = error as? NIOConnectionError {
            if error.dnsAError != nil || error.dnsAAAAError != nil, error.connectionErrors.isEmpty {
                return .connection(url: url, .doesNotResolve)
            }
            return .connection(url: url, .refused)
        }
        if let error = error as? IOError, error.errnoCode == ECONNREFUSED {
            return .connection(url: url, .refused)
        }
        if let error = error as? IOError, error.errnoCode == ECONNRESET || error.errnoCode == EPIPE {
            return .interrupted(url: url, .reset)
        }
        if error is HTTPParserError {
            // Most often a body shorter than its Content-Length: the connection closed mid-answer.
            return .interrupted(url: url, .brokeOff)
        }
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            return tlsFailure(error, url: url, host: host)
        }
        if error is NIOTooManyBytesError {
            return .interrupted(url: url, .tooLarge(mebibytes: maximumBody >> 20))
        }
        return .connection(url: url, .exchangeFailed(kind: Self.kind(of: error)))
    }

    /// A TLS failure in words: what went wrong with which host, and what to do. BoringSSL's own text
    /// (with its source paths) is read, never shown.
    static func tlsFailure(_ error: any Error, url: String, host: String) -> OktaAPIError {
        let text = String(describing: error).uppercased()
        if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("UNABLE_TO_GET_ISSUER")
            || text.contains("SELF_SIGNED")
        {
            return .untrustedCertificate(url: url, host: host)
        }
        return .connection(url: url, tlsProblem(text, host: host))
    }

    /// A TLS failure other than an untrusted certificate, from BoringSSL's text (never shown).
    private static func tlsProblem(_ text: String, host: String) -> OktaAPIError.ConnectionProblem {
        if text.contains("HOSTNAME") || text.contains("NAME MISMATCH") || text.contains("UNABLEVALIDATEHOST") {
            return .certificateNamesAnotherHost(host: host)
        }
        if text.contains("EXPIRED") { return .certificateExpired(host: host) }
        return .tlsHandshakeFailed(host: host)
    }

    /// The error's type name alone: its description may quote a header value.
    private static func kind(of error: any Error) -> String { String(describing: type(of: error)) }
}

/// One client per proxy and connect timeout, for the life of the process (as
/// `HTTPClient.shared` is): a CLI run sends a handful of requests to one host, and a client that is
/// never shut down is never deallocated, which AsyncHTTPClient requires.
private enum SharedClients {
    private struct Key: Hashable {
        let proxy: ProxyEnvironment.Proxy?
        let connectMilliseconds: Int64
        let trust: TrustRoots
    }

    private static let clients = NIOLockedValueBox([Key: HTTPClient]())

    static func client(proxy: ProxyEnvironment.Proxy?, connectTimeout: TimeInterval, trust: TrustRoots)
        throws(OktaAPIError) -> HTTPClient
    {
        let key = Key(proxy: proxy, connectMilliseconds: Int64(connectTimeout * 1000), trust: trust)
        if let client = clients.withLockedValue({ $0[key] }) { return client }
        let tls = try trust.tlsConfiguration()
        return clients.withLockedValue { clients in
            if let client = clients[key] { return client }
            var configuration = HTTPClient.Configuration(
                tlsConfiguration: tls,
                redirectConfiguration: .disallow,
                timeout: .init(connect: .milliseconds(key.connectMilliseconds)),
                proxy: proxy.map { proxy in
                    let authorization = proxy.user.map {
                        HTTPClient.Authorization.basic(username: $0, password: proxy.password ?? "")
                    }
                    return .server(host: proxy.host, port: proxy.port, authorization: authorization)
                }
            )
            // A refused or failed connection is reported at once: RetryPolicy decides about retries,
            // bounded in attempts and time. (AsyncHTTPClient would otherwise keep reconnecting
            // until the request's deadline, then report the last failure.)
            configuration.connectionPool.retryConnectionEstablishment = false
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
            clients[key] = client
            return client
        }
    }
}
