// The client-credentials token request with a private_key_jwt assertion (RFC 7523 §2.2, RFC 6749 §4.4).

import Foundation
import HTTPForm
import PrivateKeyJWT

/// An access token response (RFC 6749 §5.1), with the whole JSON kept for callers that show it.
public struct TokenResponse: Sendable, Equatable {
    public let accessToken: String
    public let tokenType: String
    public let expiresIn: Int?
    public let scope: String?
    public let json: [String: JSONValue]
    /// The thumbprint of the DPoP key the token is bound to (RFC 9449 §6: its `cnf.jkt`), when a
    /// proof went with the request; nil for a Bearer token.
    public let dpopThumbprint: String?
    /// Okta's clock minus this machine's in whole seconds, as the answer's `Date` header showed it; nil
    /// without a readable header.
    public var observedClockOffset: TimeInterval?
    /// The offset the last attempt signed with, when the first was refused for its times and signed
    /// again on Okta's clock; nil when no such retry happened.
    public var clockRetryOffset: TimeInterval?
    /// Half the longest exchange the offsets above were read from: how far they may be off besides
    /// the header's one-second steps (the header is stamped somewhere between request and answer).
    public var clockOffsetUncertainty: TimeInterval = 0

    public init(
        accessToken: String, tokenType: String, expiresIn: Int?, scope: String?, json: [String: JSONValue],
        dpopThumbprint: String? = nil
    ) {
        (self.accessToken, self.tokenType, self.expiresIn, self.scope, self.json) = (
            accessToken, tokenType, expiresIn, scope, json
        )
        self.dpopThumbprint = dpopThumbprint
    }
}

/// Gets access tokens for a service app.
public struct OktaTokenClient: Sendable {
    public let org: OktaOrg
    public let clientID: String
    /// RSA (RS256 assertions) or P-256 (ES256).
    public let key: SigningKey
    public let kid: String?
    /// nil: the org authorization server (the only one that issues okta.* scopes).
    public let authorizationServer: String?
    public let assertionLifetime: TimeInterval
    public let http: OktaHTTPClient
    /// When a DPoP proof goes with the request (RFC 9449 §5).
    public let dpop: DPoPMode
    /// Okta's clock minus this machine's, added to the time every assertion and proof is signed at: 0
    /// unless an earlier answer showed the two clocks apart (a caller may keep it between runs).
    public let clockOffset: TimeInterval

    public init(
        org: OktaOrg, clientID: String, key: SigningKey, kid: String?, authorizationServer: String? = nil,
        assertionLifetime: TimeInterval = ClientAssertion.defaultLifetime, http: OktaHTTPClient = OktaHTTPClient(),
        dpop: DPoPMode = .off, clockOffset: TimeInterval = 0
    ) throws(OktaAPIError) {
        guard !clientID.isEmpty else { throw .missingSetting(.clientID) }
        if let id = authorizationServer,
            id.isEmpty || !id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        {
            throw .invalidSetting(.authorizationServer, .notAnID(id))
        }
        try Self.checkAssertionLifetime(assertionLifetime)
        self.org = org
        self.clientID = clientID
        self.key = key
        self.kid = kid
        self.authorizationServer = authorizationServer
        self.assertionLifetime = assertionLifetime
        self.http = http
        self.dpop = dpop
        self.clockOffset = clockOffset
    }

    /// A client whose assertions are RS256.
    public init(
        org: OktaOrg, clientID: String, key: RSAPrivateKey, kid: String?, authorizationServer: String? = nil,
        assertionLifetime: TimeInterval = ClientAssertion.defaultLifetime, http: OktaHTTPClient = OktaHTTPClient(),
        dpop: DPoPMode = .off, clockOffset: TimeInterval = 0
    ) throws(OktaAPIError) {
        try self.init(
            org: org, clientID: clientID, key: .rsa(key), kid: kid, authorizationServer: authorizationServer,
            assertionLifetime: assertionLifetime, http: http, dpop: dpop, clockOffset: clockOffset)
    }

    /// Okta refuses an assertion whose `exp` is more than an hour ahead of its clock (docs/OKTA.md, "The
    /// token request and the assertion Okta accepts").
    public static let oktaAssertionLifetimeLimit: TimeInterval = 3600
    /// Exactly an hour fails from a client whose clock is a second fast: a minute's margin.
    public static let maximumAssertionLifetime: TimeInterval = oktaAssertionLifetimeLimit - 60

    /// Refuses an assertion lifetime outside (0, maximumAssertionLifetime].
    public static func checkAssertionLifetime(_ lifetime: TimeInterval) throws(OktaAPIError) {
        guard lifetime > 0, lifetime <= maximumAssertionLifetime else {
            throw .invalidSetting(.assertionLifetime, .lifetimeOutOfRange(maximum: Int(maximumAssertionLifetime)))
        }
    }

    /// The token endpoint, which is also the assertion's exact `aud`.
    public var tokenURL: URL { org.tokenURL(authorizationServer: authorizationServer) }

    /// Requests a token for `scopes`. Every attempt signs a new assertion (a new jti) and, with
    /// DPoP, a new proof. Two answers are acted on once each: `use_dpop_nonce` (RFC 9449 §8: the
    /// request again, the proof carrying the server's nonce) and, in `.whenRequired` mode,
    /// `invalid_dpop_proof` to a request that had no proof (the app requires DPoP: Okta's answer
    /// "The DPoP proof JWT header is missing."). A third once too: a refusal of the assertion's or the
    /// proof's times whose `Date` header shows Okta's clock two seconds or more from the one signed
    /// with: the request again, signed on Okta's time (the SDKs' users meet this as "iat in the future"
    /// or "expiration too far into the future" from a host whose clock drifted).
    public func token(scopes: [String]) async throws(OktaAPIError) -> TokenResponse {
        guard !scopes.isEmpty else { throw .missingSetting(.scopes) }
        var session: DPoPSession? = if case .on(let session) = dpop { session } else { nil }
        var answeredNonce = false, switchedToDPoP = false, offset = clockOffset, retriedForClock = false
        var retryUncertainty: TimeInterval = 0
        while true {
            let sent = http.now()
            do {
                var response = try await attempt(scopes: scopes, session: session, clockOffset: offset)
                if retriedForClock {
                    response.clockRetryOffset = offset
                    response.clockOffsetUncertainty = max(response.clockOffsetUncertainty, retryUncertainty)
                }
                return response
            } catch {
                let received = http.now()
                guard case .okta(let failure) = error else { throw error }
                if failure.oauthError == "use_dpop_nonce", let session, let nonce = failure.dpopNonce, !answeredNonce {
                    session.remember(nonce, from: .authorization(tokenURL: tokenURL))
                    answeredNonce = true
                } else if failure.oauthError == "invalid_dpop_proof", session == nil,
                    case .whenRequired(let make) = dpop, !switchedToDPoP
                {
                    session = try make()
                    switchedToDPoP = true
                } else if !retriedForClock,
                    let corrected = clockCorrection(for: failure, signedWith: offset, sent: sent, received: received)
                {
                    offset = corrected
                    retriedForClock = true
                    retryUncertainty = received.timeIntervalSince(sent) / 2
                } else {
                    throw error
                }
            }
        }
    }

    private func attempt(scopes: [String], session: DPoPSession?, clockOffset: TimeInterval)
        async throws(OktaAPIError) -> TokenResponse
    {
        let url = tokenURL
        let http = http
        let sent = http.now()
        let response = try await http.send(
            { () throws(OktaAPIError) -> HTTPRequest in
                // The HTTP client's clock: injected in tests, so iat and exp are exact there.
                try request(url: url, scopes: scopes, now: http.now().addingTimeInterval(clockOffset), dpop: session)
            }, isComplete: { (try? parse($0, session: session)) != nil })
        session?.remember(response, from: .authorization(tokenURL: url))
        let received = http.now()
        var token = try parse(response, session: session)
        token.observedClockOffset = response.header("Date").flatMap(HTTPDate.parse).map {
            Self.clockOffset(serverDate: $0, sent: sent, received: received)
        }
        token.clockOffsetUncertainty = received.timeIntervalSince(sent) / 2
        return token
    }

    /// Okta's clock minus this machine's, when `failure` refused the assertion's or the proof's times
    /// and its `Date` header puts the clocks further apart than `offset` assumed by two seconds and half
    /// the exchange's time (nearer than that, the header's one-second steps and the trip could explain
    /// it: on a loaded host a second's answer would otherwise read as a clock a second off).
    func clockCorrection(for failure: OktaFailure, signedWith offset: TimeInterval, sent: Date, received: Date)
        -> TimeInterval?
    {
        guard failure.hint == .checkClock || failure.hint == .checkClockOrReplaceDPoPKey,
            let date = failure.serverDate
        else { return nil }
        let observed = Self.clockOffset(serverDate: date, sent: sent, received: received)
        return abs(observed - offset) >= 2 + received.timeIntervalSince(sent) / 2 ? observed : nil
    }

    /// In whole seconds, against the moment half-way through the exchange: the header was stamped
    /// somewhere between `sent` and `received`, and counts whole seconds.
    static func clockOffset(serverDate: Date, sent: Date, received: Date) -> TimeInterval {
        serverDate.timeIntervalSince(sent.addingTimeInterval(received.timeIntervalSince(sent) / 2)).rounded()
    }

    /// The form POST of RFC 6749 §4.4.2 with RFC 7523 §2.2 client authentication, and a DPoP
    /// proof (RFC 9449 §5) when `dpop` is given.
    public func request(url: URL, scopes: [String], now: Date = Date(), dpop: DPoPSession? = nil) throws(OktaAPIError)
        -> HTTPRequest
    {
        let assertion: String
        do {
            assertion = try ClientAssertion(
                clientID: clientID, audience: url.absoluteString, kid: kid, lifetime: assertionLifetime
            )
            .signed(with: key, now: now)
        } catch {
            throw .signing(error)
        }
        let form = FormEncoding.encode([
            ("grant_type", "client_credentials"),
            ("scope", scopes.joined(separator: " ")),
            ("client_assertion_type", ClientAssertion.assertionType),
            ("client_assertion", assertion),
        ])
        var headers = ["Content-Type": "application/x-www-form-urlencoded"]
        if let dpop {
            headers["DPoP"] = try dpop.proof(method: .post, url: url, server: .authorization(tokenURL: url), now: now)
        }
        // Idempotent in effect: a repeat carries a new assertion and asks for a new token, so a token
        // call cut mid-answer is retried like a GET.
        return HTTPRequest(method: .post, url: url, headers: headers, body: Array(form.utf8), isIdempotent: true)
    }

    private func parse(_ response: HTTPResponse, session: DPoPSession?) throws(OktaAPIError) -> TokenResponse {
        let summary = "POST \(tokenURL.path)"
        let json = try http.decode([String: JSONValue].self, from: response, request: summary)
        guard let token = json["access_token"]?.stringValue, !token.isEmpty, let type = json["token_type"]?.stringValue
        else {
            throw .invalidResponse(
                OktaFailure(request: summary, status: response.status, requestID: response.requestID),
                .noAccessToken)
        }
        let expiresIn = json["expires_in"]?.numberValue.flatMap { $0.isFinite && abs($0) < 1e15 ? Int($0) : nil }
        return TokenResponse(
            accessToken: token, tokenType: type, expiresIn: expiresIn, scope: json["scope"]?.stringValue, json: json,
            dpopThumbprint: type.lowercased() == "dpop" ? session?.thumbprint : nil)
    }
}
