// The one error type of OktaAPI: what failed, what Okta said, and what to do next.

import Foundation
import PrivateKeyJWT

/// Everything the HTTP layer can fail at.
public enum OktaAPIError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A URL that is not HTTPS (and not loopback), or not a URL at all.
    case insecureURL(String)
    /// A setting the call needs was not given.
    case missingSetting(OktaSetting)
    /// A setting that cannot be used, and why (the reason never repeats a secret).
    case invalidSetting(OktaSetting, reason: String)
    /// An argument or combination that cannot be used; the words name no setting.
    case configuration(String)
    /// The request never reached the server: refused, unresolvable, no route, proxy refused.
    case connection(url: String, reason: String, retryable: Bool)
    /// The server's certificate is not signed by a trusted CA; never retried, never bypassed.
    case untrustedCertificate(url: String, host: String)
    /// The request was sent but no complete answer came back (reset, cut mid-body, timed out): the
    /// server may have processed it. `timedOut` answers are not retried (each would take as long).
    case interrupted(url: String, reason: String, timedOut: Bool)
    /// A response that cannot be understood (truncated or not the JSON expected).
    case invalidResponse(OktaFailure, reason: String)
    /// Okta answered with an error status.
    case okta(OktaFailure)
    /// Signing the assertion failed.
    case signing(PrivateKeyJWTError)

    /// True when the server may have acted on the request though no usable answer came back: an
    /// interrupted exchange, or a 2xx whose body cannot be read. A create must not be blindly
    /// repeated after one of these; look for what it made first.
    public var mayHaveBeenProcessed: Bool {
        switch self {
        case .interrupted: true
        case .invalidResponse(let failure, _): (200..<300).contains(failure.status)
        default: false
        }
    }

    /// The same error, saying that it is the last of `attempts` tries with `waited` seconds between.
    func afterRetries(attempts: Int, waited: TimeInterval) -> OktaAPIError {
        guard attempts > 1 else { return self }
        let note = "after \(attempts) attempts, waiting \(String(format: "%.1f", waited)) s in all between them"
        switch self {
        case .connection(let url, let reason, let retryable):
            return .connection(url: url, reason: "\(reason) (\(note))", retryable: retryable)
        case .interrupted(let url, let reason, let timedOut):
            return .interrupted(url: url, reason: "\(reason) (\(note))", timedOut: timedOut)
        case .okta(var failure):
            failure.retryNote = note
            return .okta(failure)
        case .invalidResponse(var failure, let reason):
            failure.retryNote = note
            return .invalidResponse(failure, reason: reason)
        default: return self
        }
    }

    public var description: String {
        switch self {
        case .insecureURL(let why): why
        case .missingSetting(let setting): "\(setting) is not set"
        case .invalidSetting(let setting, let reason): "\(setting) \(reason)"
        case .configuration(let why): why
        case .untrustedCertificate(let url, let host):
            "cannot reach \(url): TLS: the certificate of \(host) is not signed by a trusted CA. Hint: "
                + "\(OktaHint.trustCA)"
        case .connection(let url, let reason, _):
            "cannot reach \(url): \(reason). Check the URL, your network and HTTPS_PROXY/NO_PROXY."
        case .interrupted(let url, let reason, _):
            "no complete answer from \(url): \(reason). The request may have been processed."
        case .invalidResponse(let failure, let reason):
            "\(failure.request) answered \(failure.status) with a response that cannot be read "
                + "(\(reason))\(failure.requestIDSuffix)"
                + (failure.retryNote.map { ", \($0)" } ?? "")
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
    /// The `DPoP-Nonce` header of the answer (RFC 9449 §8.1, §9), for a `use_dpop_nonce` error.
    public var dpopNonce: String?
    /// The answer's `Date` header (RFC 9110 §6.6.1): Okta's clock, for a refusal of the assertion's times.
    public var serverDate: Date?
    /// What to do next, for the failures users meet most.
    public var hint: OktaHint?
    /// "after N attempts, ...", when the error is the last of several tries.
    public var retryNote: String?

    public init(request: String, status: Int, requestID: String?) {
        self.request = request
        self.status = status
        self.requestID = requestID
    }

    var requestIDSuffix: String { requestID.map { " (X-Okta-Request-Id: \($0))" } ?? "" }

    public var description: String { description(hint: hint?.description) }

    /// The failure, ending with `hint` in the caller's own words (a program names its flags there).
    public func description(hint: String?) -> String {
        var text = "\(request) failed with HTTP \(status)"
        if let errorCode { text += ": \(errorCode)" }
        if let errorSummary { text += " \(errorSummary)" }
        if !errorCauses.isEmpty { text += " (causes: \(errorCauses.joined(separator: "; ")))" }
        if let oauthError { text += ": \(oauthError)" }
        if let oauthDescription { text += " — \(oauthDescription)" }
        text += requestIDSuffix
        if let retryNote { text += ", \(retryNote)" }
        if let hint { text += ". Hint: \(hint)" }
        return text
    }
}
