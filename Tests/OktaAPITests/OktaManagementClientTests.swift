import Foundation
import PrivateKeyJWT
import Testing

@testable import OktaAPI

@Suite("Management calls: request shapes (stub transport)")
struct OktaManagementClientTests {
    func management(_ stub: StubTransport) throws -> OktaManagementClient {
        try OktaManagementClient(org: org, apiToken: "00secret", http: client(stub))
    }

    @Test("DCR: POST /oauth2/v1/clients with the service-app metadata and the JWK") func dcr() async throws {
        let stub = StubTransport([json(201, #"{"client_id":"0oa1","client_name":"svc"}"#)])
        let jwk = JWK(publicKey: testKey.publicKey, kid: "k1")
        let registered = try await management(stub).registerServiceApp(name: "svc", key: jwk)
        #expect(registered.client_id == "0oa1")
        let request = try #require(stub.sent.first)
        expectCommon(request, .post, "/oauth2/v1/clients")
        #expect(request.header("Authorization") == "SSWS 00secret")
        #expect(request.header("Content-Type") == "application/json")
        let body = try bodyJSON(request)
        #expect(body["application_type"] as? String == "service")
        #expect(body["grant_types"] as? [String] == ["client_credentials"])
        #expect(body["response_types"] as? [String] == ["token"])
        #expect(body["token_endpoint_auth_method"] as? String == "private_key_jwt")
        let key = try #require(((body["jwks"] as? [String: Any])?["keys"] as? [[String: Any]])?.first)
        #expect(key["kid"] as? String == "k1" && key["alg"] as? String == "RS256" && key["use"] as? String == "sig")
        #expect(key["n"] as? String == Base64.urlEncode(testKey.publicKey.modulus))
        #expect(key["d"] == nil)
    }

    @Test("Apps API: POST /api/v1/apps with an OIDC service app") func apps() async throws {
        let stub = StubTransport([json(200, #"{"id":"0oa2","label":"svc"}"#)])
        _ = try await management(stub).createServiceApp(label: "svc", key: JWK(publicKey: testKey.publicKey, kid: "k1"))
        let request = try #require(stub.sent.first)
        expectCommon(request, .post, "/api/v1/apps")
        let body = try bodyJSON(request)
        #expect(body["name"] as? String == "oidc_client" && body["signOnMode"] as? String == "OPENID_CONNECT")
        #expect(
            ((body["credentials"] as? [String: Any])?["oauthClient"] as? [String: String])?[
                "token_endpoint_auth_method"] == "private_key_jwt")
        let settings = try #require((body["settings"] as? [String: Any])?["oauthClient"] as? [String: Any])
        #expect(settings["application_type"] as? String == "service")
        #expect(((settings["jwks"] as? [String: Any])?["keys"] as? [Any])?.count == 1)
    }

    @Test("keys: list, add, activate, deactivate, delete") func keys() async throws {
        let key = #"{"id":"pks1","status":"ACTIVE","kid":"k1","kty":"RSA","n":"AQAB","e":"AQAB"}"#
        let stub = StubTransport([
            json(200, "[\(key)]"), json(201, key), json(200, key),
            json(200, key.replacingOccurrences(of: "ACTIVE", with: "INACTIVE")),
            .respond(HTTPResponse(status: 204)),
        ])
        let m = try management(stub)
        #expect(try await m.listKeys(appID: "0oa1").first?.id == "pks1")
        _ = try await m.addKey(appID: "0oa1", key: JWK(publicKey: testKey.publicKey, kid: "k2"))
        _ = try await m.setKey(appID: "0oa1", keyID: "pks1", active: true)
        #expect(try await m.setKey(appID: "0oa1", keyID: "pks1", active: false).status == .inactive)
        try await m.deleteKey(appID: "0oa1", keyID: "pks1")
        let sent = stub.sent
        expectCommon(sent[0], .get, "/api/v1/apps/0oa1/credentials/jwks")
        #expect(sent[0].body == nil)
        expectCommon(sent[1], .post, "/api/v1/apps/0oa1/credentials/jwks")
        #expect(try bodyJSON(sent[1])["kid"] as? String == "k2")
        expectCommon(sent[2], .post, "/api/v1/apps/0oa1/credentials/jwks/pks1/lifecycle/activate")
        expectCommon(sent[3], .post, "/api/v1/apps/0oa1/credentials/jwks/pks1/lifecycle/deactivate")
        expectCommon(sent[4], .delete, "/api/v1/apps/0oa1/credentials/jwks/pks1")
        #expect(sent.allSatisfy { $0.header("Authorization") == "SSWS 00secret" })
    }

    @Test("grants and roles") func grantsAndRoles() async throws {
        let stub = StubTransport([
            json(200, "[]"),
            json(
                201, #"{"id":"oag1","scopeId":"okta.users.read","issuer":"https://example.okta.com","status":"ACTIVE"}"#
            ),
            json(200, "[]"), json(201, #"{"id":"ra1","type":"READ_ONLY_ADMIN","status":"ACTIVE"}"#),
        ])
        let m = try management(stub)
        #expect(try await m.listGrants(appID: "0oa1").isEmpty)
        _ = try await m.grant(appID: "0oa1", scope: "okta.users.read")
        #expect(try await m.listRoles(clientID: "0oa1").isEmpty)
        _ = try await m.assignRole(clientID: "0oa1", role: "READ_ONLY_ADMIN")
        let sent = stub.sent
        expectCommon(sent[0], .get, "/api/v1/apps/0oa1/grants")
        expectCommon(sent[1], .post, "/api/v1/apps/0oa1/grants")
        #expect(
            try bodyJSON(sent[1]) as? [String: String] == [
                "issuer": "https://example.okta.com", "scopeId": "okta.users.read",
            ])
        expectCommon(sent[2], .get, "/oauth2/v1/clients/0oa1/roles")
        expectCommon(sent[3], .post, "/oauth2/v1/clients/0oa1/roles")
        #expect(try bodyJSON(sent[3]) as? [String: String] == ["type": "READ_ONLY_ADMIN"])
    }

    @Test("users with an access token: GET /api/v1/users?limit=1, Bearer") func users() async throws {
        let stub = StubTransport([json(200, #"[{"id":"00u1","profile":{"login":"a@b.c"}}]"#)])
        let users = try await OktaManagementClient(org: org, apiToken: "Bearer at.x.y", http: client(stub)).listUsers(
            limit: 1)
        #expect(users.count == 1)
        let request = try #require(stub.sent.first)
        expectCommon(request, .get, "/api/v1/users?limit=1")
        #expect(request.header("Authorization") == "Bearer at.x.y" && request.body == nil)
    }

    @Test("one app: GET /api/v1/apps/{id}") func app() async throws {
        let stub = StubTransport([json(200, #"{"id":"0oa1","status":"ACTIVE"}"#)])
        let app = try await management(stub).app(id: "0oa1")
        #expect(app.id == "0oa1" && app.status == "ACTIVE")
        expectCommon(try #require(stub.sent.first), .get, "/api/v1/apps/0oa1")
        await #expect(
            throws: OktaAPIError.configuration(.notAnOktaID("0oa1/keys"))
        ) {
            _ = try await management(stub).app(id: "0oa1/keys")
        }
    }

    @Test("ids that could change the path are refused before sending") func pathInjection() async throws {
        let stub = StubTransport([])
        await #expect(throws: OktaAPIError.configuration(.notAnOktaID("../users"))) {
            _ = try await management(stub).listKeys(appID: "../users")
        }
        #expect(stub.sent.isEmpty)
    }
}
