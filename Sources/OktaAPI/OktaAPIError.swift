// The one error type of OktaAPI: what failed, what Okta said, and what to do next.

import PrivateKeyJWT

/// Everything the HTTP layer can fail at.
public enum OktaAPIError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A URL that is not HTTPS (and not loopback), or not a URL at all.
    case insecureURL(String)
    /// Missing or malformed configuration (org URL, client id, token).
    case configuration(String)
    /// No complete HTTP response: refused, reset, dropped, timed out, unresolvable.
    case connection(url: String, reason: String, retryable: Bool)
    /// A response that cannot be understood (truncated or not the JSON expected).
    case invalidResponse(OktaFailure, reason: String)
    /// Okta answered with an error status.
    case okta(OktaFailure)
    /// Signing the assertion failed.
    case signing(PrivateKeyJWTError)

    public var description: String {
        switch self {
        case .insecureURL(let why): why
        case .configuration(let why): why
        case .connection(let url, let reason, _): "cannot reach \(url): \(reason). Check the URL, your network and HTTPS_PROXY/NO_PROXY."
        case .invalidResponse(let failure, let reason): "\(failure.request) answered \(failure.status) with a response pkjwt cannot read (\(reason))\(failure.requestIDSuffix)"
        case .okta(let failure): failure.description
        case .signing(let error): "cannot sign the client assertion: \(error)"
        }
    }
}

/// An error answer from Okta, in either of its two shapes.
public struct OktaFailure: Equatable, Sendable, CustomStringConvertible {
    /// "POST /oauth2/v1/token".
    public var request: String
    public var status: Int
    /// Management API shape: errorCode, errorSummary, errorCauses[].errorSummary.
    public var errorCode: String?
    public var errorSummary: String?
    public var errorCauses: [String] = []
    /// OAuth shape (RFC 6749 §5.2): error, error_description.
    public var oauthError: String?
    public var oauthDescription: String?
    /// X-Okta-Request-Id.
    public var requestID: String?
    /// What to do next, for the failures users meet most.
    public var hint: String?

    public init(request: String, status: Int, requestID: String?) {
        self.request = request
        self.status = status
        self.requestID = requestID
    }

    var requestIDSuffix: String { requestID.map { " (X-Okta-Request-Id: \($0))" } ?? "" }

    public var description: String {
        var text = "\(request) failed with HTTP \(status)"
        if let errorCode { text += ": \(errorCode)" }
        if let errorSummary { text += " \(errorSummary)" }
        if !errorCauses.isEmpty { text += " (causes: \(errorCauses.joined(separator: "; ")))" }
        if let oauthError { text += ": \(oauthError)" }
        if let oauthDescription { text += " — \(oauthDescription)" }
        text += requestIDSuffix
        if let hint { text += ". Hint: \(hint)" }
        return text
    }
}
