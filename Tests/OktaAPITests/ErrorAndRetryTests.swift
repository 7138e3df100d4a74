import Foundation
import PrivateKeyJWT
import Testing

@testable import OktaAPI

@Suite("OktaAPI errors and retries (stub transport)")
struct ErrorAndRetryTests {
    func failure(_ outcome: StubTransport.Outcome) async -> OktaAPIError? {
        let stub = StubTransport([outcome])
        do {
            _ = try await OktaManagementClient(org: org, apiToken: "t", http: client(stub)).listGrants(appID: "0oa1")
            return nil
        } catch {
            return error
        }
    }

    func tokenFailure(_ body: String, status: Int = 400) async -> OktaAPIError? {
        let stub = StubTransport([json(status, body)])
        do {
            _ = try await OktaTokenClient(org: org, clientID: "0oa1", key: testKey, kid: "k1", http: client(stub))
                .token(scopes: ["okta.users.read"])
            return nil
        } catch {
            return error
        }
    }

    /// The typed hint of an Okta error answer, nil for anything else.
    static func hint(of error: OktaAPIError?) -> OktaHint? {
        guard case .okta(let failure) = error else { return nil }
        return failure.hint
    }

    @Test("the management error shape: code, summary, causes, request id") func managementShape() async throws {
        let error = try #require(
            await failure(
                json(
                    400,
                    #"{"errorCode":"E0000001","errorSummary":"Api validation failed: scopeId","errorLink":"E0000001","errorId":"oae1","errorCauses":[{"errorSummary":"scopeId: bad"}]}"#
                )))
        guard case .okta(let f) = error else { Issue.record("\(error)"); return }
        #expect(f.status == 400 && f.errorCode == "E0000001" && f.errorSummary == "Api validation failed: scopeId")
        #expect(f.errorCauses == ["scopeId: bad"] && f.requestID == "req-123")
        #expect(
            error.description.contains(
                "GET /api/v1/apps/0oa1/grants failed with HTTP 400: E0000001 Api validation failed: scopeId (causes: "
                    + "scopeId: bad) (X-Okta-Request-Id: req-123)"
            ))
    }

    @Test(
        "known failures carry a hint",
        arguments: [
            (401, #"{"errorCode":"E0000011","errorSummary":"Invalid token provided"}"#, OktaHint.replaceAPIToken),
            (403, #"{"errorCode":"E0000006","errorSummary":"You do not have permission"}"#, .grantAdminRole),
            (404, #"{"errorCode":"E0000007","errorSummary":"Not found"}"#, .noSuchApp),
        ])
    func managementHints(status: Int, body: String, hint: OktaHint) async throws {
        let error = try #require(await failure(json(status, body)))
        #expect(Self.hint(of: error) == hint, "\(error)")
        #expect(error.description.hasSuffix("Hint: \(hint)"), "\(error)")
    }

    @Test(
        "OAuth errors map to a hint for each known failure",
        arguments: [
            (
                #"{"error":"invalid_client","error_description":"The client_assertion JWT kid is invalid."}"#,
                OktaHint.registerKey
            ),
            (
                #"{"error":"invalid_client","error_description":"The client_assertion token has an expiration too far into the future."}"#,
                .checkClock
            ),
            (
                #"{"error":"invalid_client","error_description":"The client_assertion token was issued in the future (iat)."}"#,
                .checkClock
            ),
            (
                #"{"error":"invalid_client","error_description":"The audience claim for client_assertion must be the endpoint invoked for the request."}"#,
                .checkAudience
            ),
            (
                #"{"error":"invalid_client","error_description":"The client_assertion token has already been used."}"#,
                .assertionReplayed
            ),
            (
                #"{"error":"invalid_client","error_description":"Client authentication method private_key_jwt is not allowed"}"#,
                .registerServiceApp
            ),
            (
                #"{"error":"invalid_client","error_description":"Invalid value for 'client_id' parameter."}"#,
                .checkClientCredentials
            ),
            (#"{"error":"invalid_scope","error_description":"The following scopes are not granted"}"#, .grantScopes),
            (
                #"{"error":"use_dpop_nonce","error_description":"Authorization server requires nonce in DPoP proof."}"#,
                .checkClockOrReplaceDPoPKey
            ),
            (
                #"{"error":"invalid_dpop_proof","error_description":"The DPoP proof JWT header is missing."}"#,
                .turnOnDPoP
            ),
            (
                #"{"error":"unauthorized_client","error_description":"The client is not authorized to use the provided grant type."}"#,
                .useServiceApp
            ),
        ])
    func oauthHints(body: String, hint: OktaHint) async throws {
        let error = try #require(await tokenFailure(body, status: body.contains("invalid_client") ? 401 : 400))
        #expect(Self.hint(of: error) == hint, "\(error)")
        #expect(error.description.contains("POST /oauth2/v1/token failed with HTTP"), "\(error)")
        #expect(error.description.hasSuffix("Hint: \(hint)"), "\(error)")
        #expect(!error.description.contains("eyJ"), "no assertion in the message")
    }

    @Test("a 401 from the management API with no body: check the API token") func bareUnauthorized() async throws {
        let error = try #require(await failure(.respond(HTTPResponse(status: 401))))
        #expect(Self.hint(of: error) == .checkAPIToken, "\(error)")
    }

    @Test("a non-JSON error body still gives the status and request id") func plainError() async throws {
        let error = try #require(
            await failure(
                .respond(HTTPResponse(status: 500, headers: ["X-Okta-Request-Id": "r9"], body: Array("oops".utf8)))))
        #expect(error.description.contains("HTTP 500") && error.description.contains("r9"))
    }

    @Test("a truncated success body is retried like a cut answer, then a clear error, not a crash") func truncatedBody()
        async
    {
        let stub = StubTransport(Array(repeating: json(200, #"{"token_type":"Bearer","access_tok"#), count: 10))
        do {
            _ = try await OktaTokenClient(org: org, clientID: "0oa1", key: testKey, kid: "k1", http: client(stub))
                .token(scopes: ["okta.users.read"])
            Issue.record("no error")
        } catch {
            #expect(error.description.contains("cannot be read") && error.description.contains("truncated"), "\(error)")
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
        let error = await failure(json(502, "{}"))
        #expect(error != nil)
        await #expect(throws: OktaAPIError.self) {
            _ = try await OktaManagementClient(org: org, apiToken: "t", http: client(stub)).listGrants(appID: "a")
        }
        #expect(stub.sent.count == RetryPolicy().maxAttempts)
    }

    @Test("total waiting time is bounded") func totalWait() async {
        let stub = StubTransport(
            Array(repeating: json(429, "{}", headers: ["X-Rate-Limit-Reset": "1700000025"]), count: 10))
        let waits = WaitRecorder()
        await #expect(throws: OktaAPIError.self) {
            _ = try await OktaManagementClient(org: org, apiToken: "t", http: client(stub, waits: waits)).listGrants(
                appID: "a")
        }
        #expect(waits.recorded.reduce(0, +) <= RetryPolicy().maxTotalWait)
    }

    @Test("other 4xx are never retried", arguments: [400, 401, 403, 404, 409])
    func noRetry(status: Int) async {
        let stub = StubTransport([json(status, "{}"), json(200, "[]")])
        await #expect(throws: OktaAPIError.self) {
            _ = try await OktaManagementClient(org: org, apiToken: "t", http: client(stub)).listGrants(appID: "a")
        }
        #expect(stub.sent.count == 1)
    }

    @Test("a dropped connection is retried; one that keeps failing is a clear error") func droppedConnection()
        async throws
    {
        let dropped = OktaAPIError.interrupted(
            url: "https://example.okta.com/api/v1/apps/a/grants",
            reason: "the connection was reset or dropped mid-response", timedOut: false)
        let stub = StubTransport([.fail(dropped), json(200, "[]")])
        _ = try await OktaManagementClient(org: org, apiToken: "t", http: client(stub)).listGrants(appID: "a")
        #expect(stub.sent.count == 2)
        let error = await failure(
            .fail(.connection(url: "https://x", reason: "the host name does not resolve", retryable: false)))
        #expect(
            error?.description
                == "cannot reach https://x: the host name does not resolve. Check the URL, your network and "
                + "HTTPS_PROXY/NO_PROXY."
        )
    }

    // The network-faults issue: no blind repeat of a create, retries said, hints per endpoint.

    @Test("a create whose answer was cut is not sent again, and the error says it may have been processed")
    func createNotRepeated() async {
        let cut = OktaAPIError.interrupted(
            url: "https://example.okta.com/oauth2/v1/clients",
            reason: "the connection was reset or dropped mid-response", timedOut: false)
        let stub = StubTransport([.fail(cut), json(201, #"{"client_id":"0oa2"}"#)])
        let jwk = JWK(publicKey: testKey.publicKey, kid: "k1")
        do {
            _ = try await OktaManagementClient(org: org, apiToken: "t", http: client(stub)).registerServiceApp(
                name: "n", key: jwk)
            Issue.record("the create was repeated")
        } catch {
            #expect(error.mayHaveBeenProcessed)
            #expect(error.description.contains("may have been processed"))
        }
        #expect(stub.sent.count == 1)
    }

    @Test("a token call cut mid-answer is retried with a fresh assertion") func tokenRetriedAfterCut() async throws {
        let cut = OktaAPIError.interrupted(
            url: "https://example.okta.com/oauth2/v1/token", reason: "dropped", timedOut: false)
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
        let refused = OktaAPIError.connection(
            url: "https://example.okta.com/oauth2/v1/clients", reason: "the connection was refused", retryable: true)
        let stub = StubTransport([.fail(refused), json(201, #"{"client_id":"0oa2"}"#)])
        let jwk = JWK(publicKey: testKey.publicKey, kid: "k1")
        _ = try await OktaManagementClient(org: org, apiToken: "t", http: client(stub)).registerServiceApp(
            name: "n", key: jwk)
        #expect(stub.sent.count == 2)
    }

    @Test("a timeout is not retried (each attempt would take as long)") func timeoutNotRetried() async {
        let error = await failure(
            .fail(.interrupted(url: "https://x", reason: "no complete answer within 30 s (timed out)", timedOut: true)))
        #expect(error?.description.contains("after") == false)
    }

    @Test("the final error after retries says how many attempts and how long was waited") func retriesSaid()
        async throws
    {
        let stub = StubTransport(
            Array(repeating: json(503, #"{"errorCode":"E0000009","errorSummary":"Internal Server Error"}"#), count: 10))
        do {
            _ = try await OktaManagementClient(org: org, apiToken: "t", http: client(stub)).listGrants(appID: "0oa1")
        } catch {
            // Waits of 0.25, 0.5 and 1.0 s: base 0.5 s doubling, times jitter 0.5.
            #expect(error.description.contains("after 4 attempts, waiting 1.8 s in all between them"), "\(error)")
        }
    }

    @Test(
        "E0000007 and invalid_scope hints follow the endpoint",
        arguments: [
            ("/oauth2/aus9/v1/token", OktaHint.noSuchAuthorizationServer("aus9")),
            ("/api/v1/apps/0oa1/grants", .noSuchApp),
            ("/oauth2/v1/clients/0oa1", .noSuchApp),
            ("/api/v1/apps/0oa1/credentials/jwks/pks1", .keyRemoved),
            ("/api/v1/nothing", .noSuchEndpoint),
        ])
    func endpointHints(path: String, hint: OktaHint) {
        var failure = OktaFailure(request: "GET \(path)", status: 404, requestID: nil)
        failure.errorCode = "E0000007"
        let found = OktaErrorMapping.hint(for: failure, response: HTTPResponse(status: 404))
        #expect(found == hint, "\(String(describing: found))")
    }

    @Test("invalid_scope from a custom authorization server does not send the user to register")
    func customServerScope() async {
        let stub = StubTransport([
            json(400, #"{"error":"invalid_scope","error_description":"The requested scope is invalid"}"#)
        ])
        do {
            _ = try await OktaTokenClient(
                org: org, clientID: "0oa1", key: testKey, kid: "k1", authorizationServer: "default", http: client(stub)
            )
            .token(scopes: ["api.read"])
        } catch {
            #expect(Self.hint(of: error) == .allowScopes(authorizationServer: "default"), "\(error)")
            #expect(
                error.description.contains("authorization server 'default' does not allow these scopes"), "\(error)")
        }
    }
}

/// An error whose description reads like swift-nio-ssl's, source path included.
private struct FakeTLSError: Error, CustomStringConvertible {
    let description: String
}

@Suite("TLS failures in words")
struct TLSWordsTests {
    @Test(
        "each kind of TLS failure is a sentence naming the host, never BoringSSL's text",
        arguments: [
            (
                "handshakeFailed(sslError: [Error: 268435581 error:1000007d:SSL "
                    + "routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED at /build/ssl/handshake.cc:298])",
                "not signed by a trusted CA"
            ),
            ("unableToValidateCertificate: hostname mismatch", "does not name example.okta.com"),
            ("certificate has EXPIRED", "has expired"),
            (
                "handshakeFailed(sslError: [WRONG_VERSION_NUMBER at /build/ssl/tls_record.cc:231])",
                "the handshake with example.okta.com failed"
            ),
        ])
    func words(raw: String, expected: String) {
        let reason = AsyncHTTPTransport.tlsFailure(
            FakeTLSError(description: raw), url: "https://example.okta.com/", host: "example.okta.com"
        ).description
        #expect(reason.contains(expected), "\(reason)")
        #expect(!reason.contains("/build/") && !reason.contains("error:"), "\(reason)")
    }
}
