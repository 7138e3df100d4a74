// Which HTTP proxy a request goes through, from the environment variables curl reads.

import Foundation

/// The proxy settings of the environment, read as libcurl reads them (curl's `libcurl-env` man
/// page, which is what the URLSession transport on Linux did before):
///
/// - `https://` URLs use `https_proxy`, else `HTTPS_PROXY`; `http://` URLs use `http_proxy` only
///   (curl ignores upper-case `HTTP_PROXY`, which a CGI server could set from a request header);
///   both fall back to `all_proxy`, else `ALL_PROXY`.
/// - `no_proxy`, else `NO_PROXY`: comma-separated host names; `*` alone bypasses every proxy; a name
///   matches that host and its subdomains, with one leading dot ignored. Ports and CIDR ranges are
///   not supported.
/// - A proxy is `[http://][user:password@]host[:port]`, port 1080 by default as in curl. Other
///   schemes (`https://`, `socks5://`) are refused: AsyncHTTPClient speaks plain HTTP to proxies.
public struct ProxyEnvironment: Sendable, Equatable {
    /// A proxy to send through.
    public struct Proxy: Sendable, Hashable {
        public var host: String
        public var port: Int
        public var user: String?
        public var password: String?

        public init(host: String, port: Int, user: String? = nil, password: String? = nil) {
            self.host = host
            self.port = port
            self.user = user
            self.password = password
        }
    }

    /// Only the proxy variables are kept, so that no other variable (an API token, say) can end up
    /// in a description of this value.
    private let variables: [String: String]
    private static let names: Set = [
        "https_proxy", "HTTPS_PROXY", "http_proxy", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY",
    ]

    public init(_ variables: [String: String] = ProcessInfo.processInfo.environment) {
        self.variables = variables.filter { Self.names.contains($0.key) }
    }

    /// The proxy for `url`, or nil to connect directly.
    /// - Throws: `OktaAPIError.connection` naming the variable when its value is not a usable proxy.
    public func proxy(for url: URL) throws(OktaAPIError) -> Proxy? {
        guard let host = url.host?.lowercased(), !bypasses(host) else { return nil }
        let names =
            url.scheme?.lowercased() == "https"
            ? ["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"] : ["http_proxy", "all_proxy", "ALL_PROXY"]
        guard let name = names.first(where: { !(variables[$0] ?? "").isEmpty }), let value = variables[name] else {
            return nil
        }
        do {
            return try Self.parse(value)
        } catch {
            throw .connection(url: url.absoluteString, .unusableProxy(variable: name, reason: error.reason))
        }
    }

    private func bypasses(_ host: String) -> Bool {
        let list = variables["no_proxy"] ?? variables["NO_PROXY"] ?? ""
        for raw in list.split(separator: ",") {
            var entry = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if entry == "*" { return true }
            if entry.hasPrefix(".") { entry.removeFirst() }
            if !entry.isEmpty && (host == entry || host.hasSuffix("." + entry)) { return true }
        }
        return false
    }

    struct ParseError: Error { let reason: String }

    /// `[http://][user:password@]host[:port]`.
    static func parse(_ value: String) throws(ParseError) -> Proxy {
        var rest = Substring(value.trimmingCharacters(in: .whitespaces))
        if let schemeEnd = rest.range(of: "://") {
            let scheme = rest[..<schemeEnd.lowerBound].lowercased()
            guard scheme == "http" else {
                throw ParseError(reason: "\(scheme):// proxies are not supported; use http://")
            }
            rest = rest[schemeEnd.upperBound...]
        }
        if rest.hasSuffix("/") { rest.removeLast() }
        guard !rest.contains("/"), !rest.contains("?"), !rest.contains("#") else {
            throw ParseError(reason: "a proxy has no path")
        }
        var user: String?, password: String?
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            let colon = credentials.firstIndex(of: ":")
            user = String(credentials[..<(colon ?? credentials.endIndex)]).removingPercentEncoding
            password = colon.map { String(credentials[credentials.index(after: $0)...]).removingPercentEncoding ?? "" }
            guard user != nil else { throw ParseError(reason: "bad percent-encoding in the user name") }
            rest = rest[rest.index(after: at)...]
        }
        var host = rest, port = 1080
        if let colon = rest.lastIndex(of: ":"), !rest.hasSuffix("]") {
            guard let number = Int(rest[rest.index(after: colon)...]), (1...65535).contains(number) else {
                throw ParseError(reason: "the port is not a number from 1 to 65535")
            }
            host = rest[..<colon]
            port = number
        }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        guard !host.isEmpty else { throw ParseError(reason: "no host") }
        return Proxy(host: String(host), port: port, user: user, password: password)
    }
}
