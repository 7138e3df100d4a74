// The one error type of OktaAPI: what failed, what Okta said, and what to do next.

import Foundation
import PrivateKeyJWT

/// Everything the HTTP layer can fail at; each reason is a case (OktaAPIProblems.swift).
public enum OktaAPIError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A URL that is not HTTPS and not loopback.
    case insecureURL(scheme: String, host: String)
    /// A setting the call needs was not given.
    case missingSetting(OktaSetting)
    /// A setting that cannot be used, and why (the reason never repeats a secret).
    case invalidSetting(OktaSetting, SettingProblem)
    /// An argument or combination that cannot be used; the words name no setting.
    case configuration(Misuse)
    /// The request never reached the server. `proxy` ("host:port") when it went through one;
    /// `retries` when this is the last of several tries.
    case connection(url: String, ConnectionProblem, proxy: String? = nil, retries: Retries? = nil)
    /// The server's certificate is not signed by a trusted CA; never retried, never bypassed.
    case untrustedCertificate(url: String, host: String)
    /// The request was sent but no complete answer came back (reset, cut mid-body, timed out): the
    /// server may have processed it.
    case interrupted(url: String, Interruption, proxy: String? = nil, retries: Retries? = nil)
    /// A response that cannot be understood (truncated or not the JSON expected).
    case invalidResponse(OktaFailure, ResponseProblem)
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
        let retries = Retries(attempts: attempts, waited: waited)
        switch self {
        case .connection(let url, let problem, let proxy, _):
            return .connection(url: url, problem, proxy: proxy, retries: retries)
        case .interrupted(let url, let problem, let proxy, _):
            return .interrupted(url: url, problem, proxy: proxy, retries: retries)
        case .okta(var failure):
            failure.retries = retries
            return .okta(failure)
        case .invalidResponse(var failure, let problem):
            failure.retries = retries
            return .invalidResponse(failure, problem)
        default: return self
        }
    }

    public var description: String {
        switch self {
        case .insecureURL(let scheme, let host):
            "refusing \(scheme):// to \(host): Okta calls carry secrets and need https:// (plain http is allowed to "
                + "loopback addresses only)"
        case .missingSetting(let setting): "\(setting) is not set"
        case .invalidSetting(let setting, let problem): "\(setting) \(problem)"
        case .configuration(let misuse): misuse.description
        case .untrustedCertificate(let url, let host):
            "cannot reach \(url): TLS: the certificate of \(host) is not signed by a trusted CA. Hint: "
                + "\(OktaHint.trustCA)"
        case .connection(let url, let problem, let proxy, let retries):
            "cannot reach \(url): \(problem)\(Self.route(proxy, retries)). Check the URL, your network and "
                + "HTTPS_PROXY/NO_PROXY."
        case .interrupted(let url, let problem, let proxy, let retries):
            "no complete answer from \(url): \(problem)\(Self.route(proxy, retries)). The request may have been "
                + "processed."
        case .invalidResponse(let failure, let problem):
            "\(failure.request) answered \(failure.status) with a response that cannot be read "
                + "(\(problem))\(failure.requestIDSuffix)"
                + (failure.retries.map { ", \($0)" } ?? "")
        case .okta(let failure): failure.description
        case .signing(let error): "cannot sign the client assertion: \(error)"
        }
    }

    /// " (through the proxy host:port)" and " (after N attempts, ...)", as they apply.
    private static func route(_ proxy: String?, _ retries: Retries?) -> String {
        (proxy.map { " (through the proxy \($0))" } ?? "") + (retries.map { " (\($0))" } ?? "")
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
    /// When the error is the last of several tries.
    public var retries: OktaAPIError.Retries?

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
        if let retries { text += ", \(retries)" }
        if let hint { text += ". Hint: \(hint)" }
        return text
    }
}
