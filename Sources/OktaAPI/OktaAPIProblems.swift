// Why an OktaAPI call could not be made or completed, as data: the reasons `OktaAPIError` carries
// besides Okta's own answers. Each case's text is derived here; callers and tests match the case.

import Foundation

extension OktaAPIError {
    /// What is wrong with a setting the caller supplied.
    public enum SettingProblem: Equatable, Sendable, CustomStringConvertible {
        /// `shown` is the value as a message may show it (a token pasted there is withheld).
        case notAURL(shown: String)
        case notOrgURLAlone(shown: String)
        /// A line break or control character: the value cannot go into a header.
        case controlCharacter
        case noPEMCertificate(path: String)
        case notADirectory(path: String)
        case notAnID(String)
        case lifetimeOutOfRange(maximum: Int)

        public var description: String {
            switch self {
            case .notAURL(let shown): "\(shown) is not a URL like https://example.okta.com"
            case .notOrgURLAlone(let shown):
                "\(shown) must be the org URL alone (like https://example.okta.com), without a path"
            case .controlCharacter:
                "holds a line break or another control character, so it cannot be sent; paste the token again (its "
                    + "value is not shown)"
            case .noPEMCertificate(let path): "'\(path)' holds no PEM certificate, or cannot be read"
            case .notADirectory(let path): "'\(path)' is not a directory"
            case .notAnID(let id): "'\(id)' is not an id (letters, digits, - and _ only)"
            case .lifetimeOutOfRange(let maximum):
                "must be between 1 and \(maximum) seconds: Okta refuses an exp more than an hour ahead"
            }
        }
    }

    /// An argument or combination that cannot be used; the words name no setting.
    public enum Misuse: Equatable, Sendable, CustomStringConvertible {
        case notAnOktaID(String)
        /// A header value with a line break or control character (never shown).
        case unsendableHeader(name: String, request: String)
        case smallDPoPKey(minimum: Int)
        case boundTokenWithoutKey
        case unusableAccessToken
        case notAPathOnOrg(String)
        case notTheOrgsURL(issuer: String)
        /// The app requires DPoP and the caller's DPoP key could not be had; `reason` is the caller's.
        case dpopKeyUnavailable(reason: String)

        public var description: String {
            switch self {
            case .notAnOktaID(let id): "'\(id)' is not an Okta id (letters, digits, - and _ only)"
            case .unsendableHeader(let name, let request):
                "the \(name) header of \(request) would hold a line break or control character; its value is not shown"
            case .smallDPoPKey(let minimum): "the DPoP key must have at least \(minimum) bits"
            case .boundTokenWithoutKey: "the access token is DPoP-bound, and no DPoP key was given to prove it"
            case .unusableAccessToken: "the access token is empty or holds a control character; its value is not shown"
            case .notAPathOnOrg(let target): "'\(target)' is not a path on the org"
            case .notTheOrgsURL(let issuer):
                "only the org's own URLs (\(issuer)/...) are called with its token; give a path like /api/v1/users"
            case .dpopKeyUnavailable(let reason): "the app requires DPoP, and the DPoP key cannot be used: \(reason)"
            }
        }
    }

    /// Why a request never reached the server.
    public enum ConnectionProblem: Equatable, Sendable, CustomStringConvertible {
        /// Nothing listens there (yet): worth another try.
        case refused
        case timeout
        case doesNotResolve
        case proxyRefused
        case tlsHandshakeTimeout(host: String)
        case certificateNamesAnotherHost(host: String)
        case certificateExpired(host: String)
        case tlsHandshakeFailed(host: String)
        /// The HTTP library's error type (its text may quote a header, so it is not kept).
        case exchangeFailed(kind: String)
        /// A proxy variable's value that is no proxy URL.
        case unusableProxy(variable: String, reason: String)

        /// True when another attempt may get through.
        public var isRetryable: Bool { self == .refused }

        public var description: String {
            switch self {
            case .refused: "the connection was refused"
            case .timeout: "no connection within the timeout"
            case .doesNotResolve: "the host name does not resolve"
            case .proxyRefused: "the proxy refused or failed the CONNECT"
            case .tlsHandshakeTimeout(let host): "the TLS handshake with \(host) timed out"
            case .certificateNamesAnotherHost(let host):
                "TLS: the certificate presented does not name \(host) (check the org URL)"
            case .certificateExpired(let host):
                "TLS: the certificate of \(host) has expired or is not yet valid (check this machine's clock)"
            case .tlsHandshakeFailed(let host):
                "TLS: the handshake with \(host) failed (is it an HTTPS server? is a proxy in the way?)"
            case .exchangeFailed(let kind): "the HTTP exchange failed (\(kind))"
            case .unusableProxy(let variable, let reason): "\(variable) is not a usable proxy (\(reason))"
            }
        }
    }

    /// Why an answer did not arrive whole, after the request was sent.
    public enum Interruption: Equatable, Sendable, CustomStringConvertible {
        case timedOut(seconds: Int)
        case reset
        case brokeOff
        case tooLarge(mebibytes: Int)
        /// A 2xx whose body is incomplete.
        case incompleteBody

        /// Timed-out answers are not retried: each attempt would take as long.
        public var isTimeout: Bool {
            if case .timedOut = self { return true }
            return false
        }

        public var description: String {
            switch self {
            case .timedOut(let seconds): "no complete answer within \(seconds) s (timed out)"
            case .reset: "the connection was reset or dropped mid-response"
            case .brokeOff: "the answer broke off or was malformed mid-response"
            case .tooLarge(let mebibytes): "the response is over \(mebibytes) MiB"
            case .incompleteBody: "the answer's body is incomplete"
            }
        }
    }

    /// Why an answer could not be read.
    public enum ResponseProblem: Equatable, Sendable, CustomStringConvertible {
        case emptyBody
        case unexpectedJSON
        case malformedErrorBody
        case noAccessToken

        public var description: String {
            switch self {
            case .emptyBody: "empty body"
            case .unexpectedJSON: "the body is not the JSON expected, or is truncated"
            case .malformedErrorBody: "truncated or malformed JSON error body"
            case .noAccessToken: "no access_token or token_type in the answer"
            }
        }
    }

    /// How many times a request was tried, and how long was waited between the tries.
    public struct Retries: Equatable, Sendable, CustomStringConvertible {
        public let attempts: Int
        public let waited: TimeInterval

        public init(attempts: Int, waited: TimeInterval) {
            self.attempts = attempts
            self.waited = waited
        }

        public var description: String {
            "after \(attempts) attempts, waiting \(String(format: "%.1f", waited)) s in all between them"
        }
    }
}
