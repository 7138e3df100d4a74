// Starting the dev org on Hummingbird, and the routes of the endpoints it speaks.

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import NIOSSL
import PrivateKeyJWT

/// A local Okta-compatible org for offline use and tests. State lives in memory.
public enum OktaDevServer {
    /// Where to listen and which API token to accept.
    public struct Configuration: Sendable {
        public var host: String
        /// 0 picks a free port.
        public var port: Int
        /// nil makes a random one.
        public var apiToken: String?
        /// PEM files of a certificate chain and its key: with both, the org speaks HTTPS only.
        public var tlsCertificateFile: String?
        public var tlsKeyFile: String?
        /// Token requests admitted per minute across the org, as Okta's per-org limit on
        /// /oauth2/v1/token; nil for no limit. Over it: 429 E0000047 until the minute ends.
        public var tokenRateLimit: Int?
        /// When true, the resource endpoint (/api/v1/users) also asks DPoP callers for a nonce
        /// (RFC 9449 §9), as the token endpoint always does.
        public var resourceNonce: Bool
        /// Seconds an access token lives (Okta's org server: 3600).
        public var tokenLifetime: Int
        /// Seconds the org's clock is ahead of this machine's (negative: behind). The org judges
        /// assertions and proofs, dates the tokens it issues and stamps each answer's `Date` header by
        /// its own clock, as an Okta org whose clock differs from a client's would.
        public var clockOffset: Int

        public init(
            host: String = "127.0.0.1", port: Int = 8080, apiToken: String? = nil,
            tlsCertificateFile: String? = nil, tlsKeyFile: String? = nil, tokenRateLimit: Int? = nil,
            resourceNonce: Bool = false,
            tokenLifetime: Int = 3600, clockOffset: Int = 0
        ) {
            self.host = host
            self.port = port
            self.apiToken = apiToken
            self.tlsCertificateFile = tlsCertificateFile
            self.tlsKeyFile = tlsKeyFile
            self.tokenRateLimit = tokenRateLimit
            self.resourceNonce = resourceNonce
            self.tokenLifetime = tokenLifetime
            self.clockOffset = clockOffset
        }

        /// The HTTP/1.1 server, wrapped in TLS when a certificate and key are given.
        func serverBuilder() throws -> HTTPServerBuilder {
            let offset = TimeInterval(clockOffset)
            let http = HTTPServerBuilder.http1(
                configuration: .init(additionalChannelHandlers: offset == 0 ? [] : [DevClockHeader(offset: offset)]))
            guard let tlsCertificateFile, let tlsKeyFile else { return http }
            let chain = try NIOSSLCertificate.fromPEMFile(tlsCertificateFile).map {
                NIOSSLCertificateSource.certificate($0)
            }
            let key = try NIOSSLPrivateKey(file: tlsKeyFile, format: .pem)
            return try .tls(
                http,
                tlsConfiguration: .makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key)))
        }

        var scheme: String { tlsCertificateFile != nil && tlsKeyFile != nil ? "https" : "http" }
    }

    /// A running server: its URL (the org URL) and API token.
    public struct Running: Sendable {
        public let url: String
        public let apiToken: String
        private let task: Task<Void, Error>

        init(url: String, apiToken: String, task: Task<Void, Error>) {
            self.url = url
            self.apiToken = apiToken
            self.task = task
        }

        /// Stops the server.
        public func stop() async {
            task.cancel()
            _ = await task.result
        }

        /// Waits until the server stops (SIGINT or SIGTERM for `serve`).
        public func wait() async throws { try await task.value }
    }

    /// Starts the server in the background and returns once it listens.
    public static func start(_ configuration: Configuration, gracefulShutdownSignals: Bool = false) async throws
        -> Running
    {
        var random = SecureRandom()
        let apiToken = try configuration.apiToken ?? "00" + Base64.urlEncode(random.bytes(30))
        let org = DevOrg(
            state: DevOrgState(
                tokenRateLimit: configuration.tokenRateLimit, resourceNonce: configuration.resourceNonce,
                tokenLifetime: TimeInterval(configuration.tokenLifetime),
                clockOffset: TimeInterval(configuration.clockOffset)), apiToken: apiToken,
            signingKey: try RSAPrivateKey(generatingBits: 2048))
        let (started, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: router(for: org),
            server: try configuration.serverBuilder(),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "pkjwt-dev-okta"),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? configuration.port); continuation.finish()
            },
            logger: quietLogger()
        )
        let task = Task {
            defer { continuation.finish() }
            if gracefulShutdownSignals { try await application.runService() } else { try await application.run() }
        }
        var iterator = started.makeAsyncIterator()
        guard let port = await iterator.next() else {
            // The server stopped before it listened: report why (e.g. the port is taken).
            try await task.value
            throw DevServerError.startup("the server stopped before it started listening")
        }
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        let url = "\(configuration.scheme)://\(host):\(port)"
        await org.state.setOrgURL(url)
        return Running(url: url, apiToken: apiToken, task: task)
    }

    static func router(for org: DevOrg) -> Router<BasicRequestContext> {
        let router = Router()
        let routes = DevRoutes(org: org)
        routes.management(router)
        routes.oauth(router)
        return router
    }
}

/// The dev server's one error type: a start that failed, or a request it refuses as Okta would.
enum DevServerError: Error, CustomStringConvertible {
    /// The server could not start.
    case startup(String)
    /// A JWKS that breaks one of Okta's key rules (DCR, the Apps API, key addition).
    case invalidKeys(String)
    /// Client authentication refused: Okta answers 401 invalid_client with this description.
    case clientAuthentication(String)

    var description: String {
        switch self {
        case .startup(let why), .invalidKeys(let why), .clientAuthentication(let why): why
        }
    }

    /// The answer for a client-authentication refusal.
    var reply: DevReply { .oauth(.unauthorized, "invalid_client", description) }
}
