import Foundation
import HTTPForm
import PrivateKeyJWT
import Testing

@testable import OktaAPI

@Suite("Retries: what is retried, how long it waits, what is never sent twice")
struct RetryPolicyTests {
    @Test("a truncated success body is retried like a cut answer, then a clear error, not a crash") func truncatedBody()
        async
    {
        let stub = StubTransport(Array(repeating: json(200, #"{"token_type":"Bearer","access_tok"#), count: 10))
        let failure = OktaFailure(request: "POST /oauth2/v1/token", status: 200, requestID: "req-123")
        await #expect(throws: OktaAPIError.invalidResponse(failure, .unexpectedJSON)) {
            _ = try await OktaTokenClient(org: org, clientID: "0oa1", key: testKey, kid: "k1", http: client(stub))
                .token(scopes: ["okta.users.read"])
        }
        #expect(stub.sent.count == RetryPolicy().maxAttempts)
    }

    @Test("429 waits until X-Rate-Limit-Reset, then the token is obtained with a fresh jti") func rateLimit()
        async throws
    {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let stub = StubTransport([
            json(
                429, #"{"errorCode":"E0000047","errorSummary":"API call exceeded rate limit"}"#,
                headers: ["X-Rate-Limit-Reset": "1700000003"]),
            json(200, #"{"token_type":"Bearer","access_token":"a","expires_in":3600}"#),
        ])
        let waits = WaitRecorder()
        let tokens = try OktaTokenClient(
            org: org, clientID: "0oa1", key: testKey, kid: "k1", http: client(stub, waits: waits, now: now))
        #expect(try await tokens.token(scopes: ["okta.users.read"]).accessToken == "a")
        #expect(waits.recorded == [3.25])
        let jtis = try stub.sent.map { request in
            let assertion = FormEncoding.decode(String(decoding: request.body!, as: UTF8.self))["client_assertion"]!
            return try JSONValue.parseObject(JWS.verify(assertion, key: testKey.publicKey).payload, what: "c")["jti"]!
        }
        #expect(jtis.count == 2 && jtis[0] != jtis[1], "a retried token request is never re-sent with the same jti")
    }

    @Test("a far-off rate-limit reset is capped") func rateLimitCap() async throws {
        let stub = StubTransport([json(429, "{}", headers: ["X-Rate-Limit-Reset": "1800000000"]), json(200, "[]")])
        let waits = WaitRecorder()
        _ = try await OktaManagementClient(org: org, apiToken: "t", http: client(stub, waits: waits)).listGrants(
            appID: "a")
        #expect(waits.recorded == [RetryPolicy().maxRateLimitWait])
    }

    @Test("503 twice then 200: exponential backoff with jitter") func serviceUnavailable() async throws {
        let stub = StubTransport([json(503, "{}"), json(503, "{}"), json(200, "[]")])
        let waits = WaitRecorder()
        _ = try await OktaManagementClient(org: org, apiToken: "t", http: client(stub, waits: waits)).listGrants(
            appID: "a")
        #expect(waits.recorded == [0.25, 0.5], "base 0.5 s doubling, times jitter 0.5")
        #expect(stub.sent.count == 3)
    }

    @Test("attempts are bounded") func bounded() async {
        let stub = StubTransport(Array(repeating: json(502, "{}"), count: 10))
        let error = await managementFailure(json(502, "{}"))
        #expect(error != nil)
        let last = await failure {
            _ = try await OktaManagementClient(org: org, apiToken: "t", http: client(stub)).listGrants(appID: "a")
        }
        let answer = malformedAnswer(last)
        #expect(answer?.status == 502 && answer?.retries?.attempts == RetryPolicy().maxAttempts)
        #expect(stub.sent.count == RetryPolicy().maxAttempts)
    }

    @Test("total waiting time is bounded") func totalWait() async {
        let stub = StubTransport(
            Array(repeating: json(429, "{}", headers: ["X-Rate-Limit-Reset": "1700000025"]), count: 10))
        let waits = WaitRecorder()
        let last = await failure {
            _ = try await OktaManagementClient(org: org, apiToken: "t", http: client(stub, waits: waits)).listGrants(
                appID: "a")
        }
        #expect(malformedAnswer(last)?.status == 429)
        #expect(waits.recorded.reduce(0, +) <= RetryPolicy().maxTotalWait)
    }

    @Test("other 4xx are never retried", arguments: [400, 401, 403, 404, 409])
    func noRetry(status: Int) async {
        let stub = StubTransport([json(status, "{}"), json(200, "[]")])
        let answer = malformedAnswer(
            await failure {
                _ = try await OktaManagementClient(org: org, apiToken: "t", http: client(stub)).listGrants(appID: "a")
            })
        #expect(answer?.status == status && answer?.retries == nil)
        #expect(stub.sent.count == 1)
    }

    @Test("a dropped connection is retried; one that keeps failing is a clear error") func droppedConnection()
        async throws
    {
        let dropped = OktaAPIError.interrupted(url: "https://example.okta.com/api/v1/apps/a/grants", .reset)
        let stub = StubTransport([.fail(dropped), json(200, "[]")])
        _ = try await OktaManagementClient(org: org, apiToken: "t", http: client(stub)).listGrants(appID: "a")
        #expect(stub.sent.count == 2)
        let error = await managementFailure(.fail(.connection(url: "https://x", .doesNotResolve)))
        #expect(error == .connection(url: "https://x", .doesNotResolve), "not retried: the name will not resolve")
        #expect(
            error?.description
                == "cannot reach https://x: the host name does not resolve. Check the URL, your network and "
                + "HTTPS_PROXY/NO_PROXY."
        )
    }

    // The network-faults issue: no blind repeat of a create, retries said, hints per endpoint.

    @Test("a create whose answer was cut is not sent again, and the error says it may have been processed")
    func createNotRepeated() async {
        let cut = OktaAPIError.interrupted(url: "https://example.okta.com/oauth2/v1/clients", .reset)
        let stub = StubTransport([.fail(cut), json(201, #"{"client_id":"0oa2"}"#)])
        let jwk = JWK(publicKey: testKey.publicKey, kid: "k1")
        await #expect(throws: cut) {
            _ = try await OktaManagementClient(org: org, apiToken: "t", http: client(stub)).registerServiceApp(
                name: "n", key: jwk)
        }
        #expect(cut.mayHaveBeenProcessed)
        #expect(stub.sent.count == 1)
    }

    @Test("a token call cut mid-answer is retried with a fresh assertion") func tokenRetriedAfterCut() async throws {
        let cut = OktaAPIError.interrupted(url: "https://example.okta.com/oauth2/v1/token", .brokeOff)
        let stub = StubTransport([
            .fail(cut), json(200, #"{"token_type":"Bearer","access_token":"a.b.c","expires_in":3600}"#),
        ])
        _ = try await OktaTokenClient(org: org, clientID: "0oa1", key: testKey, kid: "k1", http: client(stub)).token(
            scopes: ["okta.users.read"])
        #expect(stub.sent.count == 2)
        #expect(stub.sent[0].body != stub.sent[1].body, "a new assertion (new jti) on the retry")
    }

    @Test("a refused connection is retried even for a create: nothing reached the server") func refusedCreateRetried()
        async throws
    {
        let refused = OktaAPIError.connection(url: "https://example.okta.com/oauth2/v1/clients", .refused)
        let stub = StubTransport([.fail(refused), json(201, #"{"client_id":"0oa2"}"#)])
        let jwk = JWK(publicKey: testKey.publicKey, kid: "k1")
        _ = try await OktaManagementClient(org: org, apiToken: "t", http: client(stub)).registerServiceApp(
            name: "n", key: jwk)
        #expect(stub.sent.count == 2)
    }

    @Test("a timeout is not retried (each attempt would take as long)") func timeoutNotRetried() async {
        let timedOut = OktaAPIError.interrupted(url: "https://x", .timedOut(seconds: 30))
        #expect(await managementFailure(.fail(timedOut)) == timedOut, "the first error, no retries noted")
    }

    @Test("the final error after retries says how many attempts and how long was waited") func retriesSaid()
        async throws
    {
        let stub = StubTransport(
            Array(repeating: json(503, #"{"errorCode":"E0000009","errorSummary":"Internal Server Error"}"#), count: 10))
        // Waits of 0.25, 0.5 and 1.0 s: base 0.5 s doubling, times jitter 0.5.
        let error = await failure {
            _ = try await OktaManagementClient(org: org, apiToken: "t", http: client(stub)).listGrants(appID: "0oa1")
        }
        guard case .okta(let failure) = error else {
            Issue.record("not Okta's answer: \(String(describing: error))")
            return
        }
        #expect(failure.retries == .init(attempts: 4, waited: 1.75) && failure.errorCode == "E0000009")
        #expect(failure.description.contains("after 4 attempts, waiting 1.8 s in all between them"))
    }
}
