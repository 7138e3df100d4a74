// An Okta org's base URL and the endpoint URLs derived from it.

import Foundation

/// An org URL such as `https://example.okta.com`: HTTPS, or plain HTTP to a loopback address only.
public struct OktaOrg: Sendable, Equatable {
    /// Scheme, host and port; no path, no trailing slash.
    public let baseURL: URL

    public init(_ text: String) throws(OktaAPIError) {
        let trimmed = Self.trimming(text, where: Self.isBlank)
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else {
            throw .invalidSetting(.orgURL, .notAURL(shown: Self.shown(text)))
        }
        guard scheme == "https" || (scheme == "http" && Self.isLoopback(host)) else {
            throw .insecureURL(scheme: scheme, host: host)
        }
        guard components.path.isEmpty || components.path == "/", components.query == nil, components.fragment == nil
        else {
            throw .invalidSetting(.orgURL, .notOrgURLAlone(shown: Self.shown(text)))
        }
        var clean = URLComponents()
        clean.scheme = scheme
        clean.host = host
        clean.port = components.port
        guard let url = clean.url else {
            throw .invalidSetting(.orgURL, .notAURL(shown: Self.shown(text)))
        }
        baseURL = url
    }

    /// The value for a message: quoted when it reads as a URL; a token pasted there is not shown.
    static func shown(_ text: String) -> String {
        let looksLikeURL =
            text.contains("://") && text.utf8.count <= 200 && text.utf8.allSatisfy { $0 > 0x20 && $0 != 0x7F }
        return looksLikeURL ? "'\(text)'" : "(not shown: it does not look like a URL)"
    }

    /// The org URL exactly as Okta names itself: the `issuer` of grants.
    public var issuer: String { baseURL.absoluteString }

    /// `{org}/path`, with exactly one slash between.
    public func url(_ path: String) -> URL { URL(string: baseURL.absoluteString + path)! }

    /// The token endpoint: the org authorization server, or a custom one by id.
    public func tokenURL(authorizationServer id: String?) -> URL {
        url(id.map { "/oauth2/\($0)/v1/token" } ?? "/oauth2/v1/token")
    }

    /// `text` without the scalars that `isTrimmed` holds at either end, as `trimmingCharacters(in:)`
    /// does, but without its NSString bridge: that took a tenth of a process that printed a cached token.
    static func trimming(_ text: String, where isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
            let last = scalars.lastIndex(where: { !isTrimmed($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    /// CharacterSet.whitespaces as CoreFoundation defines it: tab, the space separators (Unicode
    /// category Zs) and U+200B ZERO WIDTH SPACE.
    static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar == "\u{200B}" || scalar.properties.generalCategory == .spaceSeparator
    }

    /// 127.0.0.0/8, ::1 and localhost.
    static func isLoopback(_ host: String) -> Bool {
        let bare = trimming(host) { $0 == "[" || $0 == "]" }.lowercased()
        if bare == "localhost" || bare == "::1" { return true }
        let octets = bare.split(separator: ".")
        return octets.count == 4 && octets.first == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
