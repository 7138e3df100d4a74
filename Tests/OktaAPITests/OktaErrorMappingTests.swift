import Foundation
import PrivateKeyJWT
import Testing

@testable import OktaAPI

@Suite("Okta's error answers: both shapes, and a typed hint for each known failure")
struct OktaErrorMappingTests {
    @Test("the management error shape: code, summary, causes, request id") func managementShape() async throws {
        let error = try #require(
            await managementFailure(
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
        let error = try #require(await managementFailure(json(status, body)))
        #expect(typedHint(of: error) == hint, "\(error)")
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
        #expect(typedHint(of: error) == hint, "\(error)")
        #expect(error.description.contains("POST /oauth2/v1/token failed with HTTP"), "\(error)")
        #expect(error.description.hasSuffix("Hint: \(hint)"), "\(error)")
        #expect(!error.description.contains("eyJ"), "no assertion in the message")
    }

    @Test("a 401 from the management API with no body: check the API token") func bareUnauthorized() async throws {
        let error = try #require(await managementFailure(.respond(HTTPResponse(status: 401))))
        #expect(typedHint(of: error) == .checkAPIToken, "\(error)")
    }

    @Test("a non-JSON error body still gives the status and request id") func plainError() async throws {
        let error = try #require(
            await managementFailure(
                .respond(HTTPResponse(status: 500, headers: ["X-Okta-Request-Id": "r9"], body: Array("oops".utf8)))))
        #expect(error.description.contains("HTTP 500") && error.description.contains("r9"))
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
            #expect(typedHint(of: error) == .allowScopes(authorizationServer: "default"), "\(error)")
            #expect(
                error.description.contains("authorization server 'default' does not allow these scopes"), "\(error)")
        }
    }
}
