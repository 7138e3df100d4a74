import Foundation
import HTTPForm
import PrivateKeyJWT
import Testing

@testable import OktaAPI

@Suite("Token requests: the form, the assertion, its lifetime (stub transport)")
struct OktaTokenClientTests {
    @Test("token: a percent-encoded form with a fresh RS256 assertion", arguments: [nil, "default"])
    func token(authServer: String?) async throws {
        let stub = StubTransport([
            json(
                200,
                #"{"token_type":"Bearer","expires_in":3600,"access_token":"at.x.y","scope":"okta.users.read okta.users.manage"}"#
            )
        ])
        let tokens = try OktaTokenClient(
            org: org, clientID: "0oa1", key: testKey, kid: "k1", authorizationServer: authServer, http: client(stub))
        let response = try await tokens.token(scopes: ["okta.users.read", "okta.users.manage"])
        #expect(response.accessToken == "at.x.y" && response.expiresIn == 3600)
        let request = try #require(stub.sent.first)
        let path = authServer.map { "/oauth2/\($0)/v1/token" } ?? "/oauth2/v1/token"
        expectCommon(request, .post, path)
        #expect(request.url.query == nil, "nothing in the query string")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(request.header("Authorization") == nil)
        let body = String(decoding: request.body ?? [], as: UTF8.self)
        #expect(body.contains("scope=okta.users.read%20okta.users.manage"))
        #expect(body.contains("client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"))
        let form = FormEncoding.decode(body)
        #expect(form["grant_type"] == "client_credentials")
        let verified = try JWS.verify(try #require(form["client_assertion"]), key: testKey.publicKey)
        #expect(verified.header == ["alg": .string("RS256"), "kid": .string("k1"), "typ": .string("JWT")])
        let claims = try JSONValue.parseObject(verified.payload, what: "claims")
        #expect(claims["iss"] == .string("0oa1") && claims["sub"] == .string("0oa1"))
        #expect(claims["aud"] == .string("https://example.okta.com" + path))
        let iat = try #require(claims["iat"]?.numberValue), exp = try #require(claims["exp"]?.numberValue)
        #expect(exp - iat == 300)
        #expect(iat == 1_700_000_000, "the injected clock of client(stub)")
        #expect(try Base64.urlDecode(try #require(claims["jti"]?.stringValue)).count == 16)
    }

    @Test("assertion lifetime: default 5 minutes, up to Okta's hour less a minute, never the hour itself")
    func lifetime() throws {
        let refusal = OktaAPIError.invalidSetting(.assertionLifetime, .lifetimeOutOfRange(maximum: 3540))
        for seconds in [0.0, -1, 3541, 3600] {
            #expect(throws: refusal) {
                try OktaTokenClient(org: org, clientID: "c", key: testKey, kid: nil, assertionLifetime: seconds)
            }
        }
        for seconds in [1.0, 300, 3540] {
            #expect(
                try OktaTokenClient(org: org, clientID: "c", key: testKey, kid: nil, assertionLifetime: seconds)
                    .assertionLifetime == seconds)
        }
        #expect(OktaTokenClient.maximumAssertionLifetime == 3540)
    }

    /// The iat of the assertion in `request`.
    private func issuedAt(_ request: HTTPRequest) throws -> Double {
        let form = FormEncoding.decode(String(decoding: request.body ?? [], as: UTF8.self))
        let verified = try JWS.verify(try #require(form["client_assertion"]), key: testKey.publicKey)
        return try #require(try JSONValue.parseObject(verified.payload, what: "claims")["iat"]?.numberValue)
    }

    private static let granted = #"{"token_type":"Bearer","expires_in":3600,"access_token":"at.x.y"}"#

    /// Okta's answers for a clock `offset` seconds from the injected one (1,700,000,000).
    private func date(_ offset: Double) -> [String: String] {
        ["Date": HTTPDate.format(Date(timeIntervalSince1970: 1_700_000_000 + offset))]
    }

    @Test(
        "a refusal of the assertion's times is answered once, signed on the Date header's clock",
        arguments: [
            (4000.0, "The client_assertion token is expired."),
            (-4000.0, "The client_assertion token was issued in the future (iat)."),
            (-30.0, "The client_assertion token has an expiration too far into the future."),
        ])
    func clockRetry(offset: Double, description: String) async throws {
        let refusal = #"{"error":"invalid_client","error_description":"\#(description)"}"#
        let stub = StubTransport([
            json(401, refusal, headers: date(offset)), json(200, Self.granted, headers: date(offset)),
        ])
        let tokens = try OktaTokenClient(org: org, clientID: "0oa1", key: testKey, kid: "k1", http: client(stub))
        let response = try await tokens.token(scopes: ["okta.users.read"])
        #expect(response.clockRetryOffset == offset && response.observedClockOffset == offset)
        #expect(stub.sent.count == 2)
        #expect(try issuedAt(stub.sent[0]) == 1_700_000_000 && issuedAt(stub.sent[1]) == 1_700_000_000 + offset)
    }

    @Test("a kept offset signs the first assertion; an answer on time is reported as no offset")
    func keptOffset() async throws {
        let stub = StubTransport([json(200, Self.granted, headers: date(0))])
        let tokens = try OktaTokenClient(
            org: org, clientID: "0oa1", key: testKey, kid: "k1", http: client(stub), clockOffset: -120)
        let response = try await tokens.token(scopes: ["okta.users.read"])
        #expect(try issuedAt(stub.sent[0]) == 1_700_000_000 - 120)
        #expect(response.observedClockOffset == 0 && response.clockRetryOffset == nil)
    }

    @Test(
        "no retry without a readable Date, within two seconds, for another refusal, or a second time",
        arguments: [
            ([String: String](), "The client_assertion token is expired."),
            (["Date": "yesterday"], "The client_assertion token is expired."),
            (
                ["Date": HTTPDate.format(Date(timeIntervalSince1970: 1_700_000_001))],
                "The client_assertion token is expired."
            ),
            (
                ["Date": HTTPDate.format(Date(timeIntervalSince1970: 1_700_009_000))],
                "The client_assertion signature is invalid."
            ),
        ])
    func noClockRetry(headers: [String: String], description: String) async throws {
        let refusal = #"{"error":"invalid_client","error_description":"\#(description)"}"#
        let stub = StubTransport([json(401, refusal, headers: headers), json(200, Self.granted)])
        let tokens = try OktaTokenClient(org: org, clientID: "0oa1", key: testKey, kid: "k1", http: client(stub))
        let answer = oktaAnswer(await failure { _ = try await tokens.token(scopes: ["okta.users.read"]) })
        #expect(answer?.status == 401 && answer?.oauthDescription == description)
        #expect(stub.sent.count == 1)
    }

    @Test("a clock refusal after the retry is the error")
    func secondClockRefusal() async throws {
        let refusal = #"{"error":"invalid_client","error_description":"The client_assertion token is expired."}"#
        let stub = StubTransport([
            json(401, refusal, headers: date(4000)), json(401, refusal, headers: date(9000)),
            json(200, Self.granted),
        ])
        let tokens = try OktaTokenClient(org: org, clientID: "0oa1", key: testKey, kid: "k1", http: client(stub))
        let error = await failure { _ = try await tokens.token(scopes: ["okta.users.read"]) }
        #expect(typedHint(of: error) == .checkClock)
        #expect(stub.sent.count == 2)
    }

    @Test("the Date header is read against the exchange's midpoint, and a slow exchange widens the margin")
    func slowExchange() throws {
        let sent = Date(timeIntervalSince1970: 1_700_000_000), received = sent.addingTimeInterval(3)
        // Stamped as the answer left, three seconds after the request: the clocks agree.
        #expect(OktaTokenClient.clockOffset(serverDate: received, sent: sent, received: received) == 2)
        #expect(
            OktaTokenClient.clockOffset(serverDate: sent.addingTimeInterval(1.5), sent: sent, received: received) == 0)
        var failure = OktaFailure(request: "POST /oauth2/v1/token", status: 401, requestID: nil)
        failure.hint = .checkClock
        failure.serverDate = received
        let tokens = try OktaTokenClient(org: org, clientID: "0oa1", key: testKey, kid: "k1")
        #expect(
            tokens.clockCorrection(for: failure, signedWith: 0, sent: sent, received: received) == nil,
            "two seconds from a three-second exchange are the trip, not the clock")
        #expect(tokens.clockCorrection(for: failure, signedWith: 0, sent: received, received: received) == nil)
        failure.serverDate = received.addingTimeInterval(600)
        #expect(tokens.clockCorrection(for: failure, signedWith: 0, sent: sent, received: received) == 602)
    }
}
