import Foundation
import OktaAPI
import OktaDevServer
import PrivateKeyJWT
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The dev org's management API (ManagementRoutes.swift): DCR, the Apps API, keys, grants and roles, with
/// Okta's rules.
@Suite("the local Okta org's management API", .serialized)
struct ManagementRoutesTests {
    @Test("app keys: kid rules, lifecycle, delete only inactive, never the only active key") func keyLifecycle()
        async throws
    {
        try await TestOrg.withServer { _, client in
            let first = try RSAPrivateKey(generatingBits: 2048), second = try RSAPrivateKey(generatingBits: 2048)
            let app = try await client.createServiceApp(label: "keys", key: JWK(publicKey: first.publicKey, kid: "one"))
            var keys = try await client.listKeys(appID: app.id)
            #expect(keys.count == 1 && keys[0].kid == "one" && keys[0].status == .active && keys[0].id.hasPrefix("pks"))
            #expect(
                await TestOrg.failure { _ = try await client.setKey(appID: app.id, keyID: keys[0].id, active: false) }
                    .contains("only active key"))
            #expect(
                await TestOrg.failure {
                    _ = try await client.addKey(appID: app.id, key: JWK(publicKey: second.publicKey, kid: nil))
                }.contains("kid"))
            #expect(
                await TestOrg.failure {
                    _ = try await client.addKey(appID: app.id, key: JWK(publicKey: second.publicKey, kid: "one"))
                }.contains("already exists"))
            let added = try await client.addKey(appID: app.id, key: JWK(publicKey: second.publicKey, kid: "two"))
            #expect(
                await TestOrg.failure { try await client.deleteKey(appID: app.id, keyID: added.id) }.contains(
                    "only inactive keys"))
            #expect(try await client.setKey(appID: app.id, keyID: keys[0].id, active: false).status == .inactive)
            try await client.deleteKey(appID: app.id, keyID: keys[0].id)
            keys = try await client.listKeys(appID: app.id)
            #expect(keys.map(\.kid) == ["two"])
        }
    }

    @Test("registration refuses what Okta refuses") func registrationRules() async throws {
        try await TestOrg.withServer { server, client in
            let key = try RSAPrivateKey(generatingBits: 2048)
            var padded = JWK(publicKey: key.publicKey, kid: "k")
            padded.n = Base64.encode(key.publicKey.modulus)  // the seed scripts' defect: standard base64, padded
            #expect(
                await TestOrg.failure { _ = try await client.registerServiceApp(name: "x", key: padded) }.contains(
                    "invalid_client_metadata"))
            let small = try RSAPrivateKey(
                derRepresentation: [UInt8](
                    Data(
                        contentsOf: URL(fileURLWithPath: #filePath)
                            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                            .appendingPathComponent("vectors/rsa/pyca-keys/DER_Serialization/unenc-rsa-pkcs8.der"))))
            #expect(
                await TestOrg.failure {
                    _ = try await client.registerServiceApp(name: "x", key: JWK(publicKey: small.publicKey, kid: "k"))
                }.contains("at least 2048 bits"))
            let wrongToken = try OktaManagementClient(org: OktaOrg(server.url), apiToken: "00nope", http: TestOrg.http)
            #expect(
                await TestOrg.failure {
                    _ = try await wrongToken.registerServiceApp(name: "x", key: JWK(publicKey: key.publicKey, kid: "k"))
                }.contains("E0000011"))
            let app = try await client.registerServiceApp(name: "x", key: JWK(publicKey: key.publicKey, kid: "k"))
            _ = try await client.grant(appID: app.client_id, scope: "okta.users.read")
            #expect(
                await TestOrg.failure { _ = try await client.grant(appID: app.client_id, scope: "okta.users.read") }
                    .contains("already granted"))
            _ = try await client.assignRole(clientID: app.client_id, role: "READ_ONLY_ADMIN")
            #expect(
                await TestOrg.failure {
                    _ = try await client.assignRole(clientID: app.client_id, role: "READ_ONLY_ADMIN")
                }
                .contains("E0000090"))
            #expect(await TestOrg.failure { _ = try await client.listKeys(appID: "0oaMissing") }.contains("E0000007"))
        }
    }

    @Test("an app's settings: shown by GET, edited by PUT and lifecycle, and judged at the token endpoint")
    func appSettings() async throws {
        try await TestOrg.withServer { server, client in
            let (appID, tokens) = try await TestOrg.grantedApp(server, client, scope: "okta.users.read")
            let shown = try await client.app(id: appID)
            #expect(shown.status == "ACTIVE" && shown.tokenEndpointAuthMethod == "private_key_jwt")
            #expect(shown.grantTypes == ["client_credentials"] && shown.dpopBoundAccessTokens == false)
            func edit(_ method: HTTPRequest.Method, _ path: String, _ body: String?) async throws {
                let url = try OktaOrg(server.url).url("/api/v1/apps/\(appID)" + path)
                let request = HTTPRequest(
                    method: method, url: url,
                    headers: ["Authorization": "SSWS \(server.apiToken)", "Content-Type": "application/json"],
                    body: body.map { Array($0.utf8) })
                _ = try await TestOrg.http.send { () throws(OktaAPIError) -> HTTPRequest in request }
            }
            // Each edit is refused at the token endpoint as Okta refuses it, then undone.
            let pkjwt = #"{"credentials":{"oauthClient":{"token_endpoint_auth_method":"private_key_jwt"}}}"#
            let secret = #"{"credentials":{"oauthClient":{"token_endpoint_auth_method":"client_secret_post"}}}"#
            let code = #"{"settings":{"oauthClient":{"grant_types":["authorization_code"]}}}"#
            let service = #"{"settings":{"oauthClient":{"grant_types":["client_credentials"]}}}"#
            let edits: [(HTTPRequest.Method, String, String?, String, String, String?)] = [
                (.post, "/lifecycle/deactivate", nil, "invalid_client", "/lifecycle/activate", nil),
                (.put, "", secret, "invalid_client", "", pkjwt),
                (.put, "", code, "unauthorized_client", "", service),
            ]
            for (method, path, body, refusal, undoPath, undoBody) in edits {
                try await edit(method, path, body)
                #expect(
                    await TestOrg.failure { _ = try await tokens.token(scopes: ["okta.users.read"]) }.contains(refusal))
                try await edit(method, undoPath, undoBody)
                _ = try await tokens.token(scopes: ["okta.users.read"])
            }
            #expect(
                await TestOrg.failure {
                    try await edit(.put, "", #"{"credentials":{"oauthClient":{"token_endpoint_auth_method":"magic"}}}"#)
                }.contains("E0000001"))
            #expect(try await client.app(id: appID).tokenEndpointAuthMethod == "private_key_jwt")
        }
    }

    @Test("the management API needs an admin role besides the scope; every standard role can be assigned")
    func adminRoles() async throws {
        try await TestOrg.withServer { server, client in
            let (appID, tokens) = try await TestOrg.grantedApp(server, client, scope: "okta.users.read")
            let token = try await tokens.token(scopes: ["okta.users.read"])
            let bearer = try OktaManagementClient(
                org: OktaOrg(server.url), apiToken: "Bearer " + token.accessToken, http: TestOrg.http)
            #expect(await TestOrg.failure { _ = try await bearer.listUsers(limit: 1) }.contains("E0000006"))
            for role in [
                "WORKFLOWS_ADMIN", "SUPER_ADMIN", "ORG_ADMIN", "APP_ADMIN", "USER_ADMIN", "HELP_DESK_ADMIN",
                "READ_ONLY_ADMIN", "MOBILE_ADMIN", "API_ACCESS_MANAGEMENT_ADMIN", "REPORT_ADMIN",
                "GROUP_MEMBERSHIP_ADMIN",
                "ACCESS_CERTIFICATIONS_ADMIN", "ACCESS_REQUESTS_ADMIN",
            ] {
                #expect(try await client.assignRole(clientID: appID, role: role).type == role)
            }
            #expect(
                await TestOrg.failure { _ = try await client.assignRole(clientID: appID, role: "CUSTOM") }
                    .contains("E0000001"))
            #expect(try await bearer.listUsers(limit: 1).count == 1)
        }
    }

    @Test(
        "management: a DCR service app with authorization_code is refused; a role answers 200; edge 503s are HTML"
    ) func management() async throws {
        try await TokenEndpointTests.withOrg { org in
            let ssws = ["Content-Type": "application/json", "Authorization": "SSWS \(org.server.apiToken)"]
            let jwk = String(
                decoding: JWK(publicKey: TokenEndpointTests.key.publicKey, kid: "x").jsonRepresentation, as: UTF8.self)
            let dcr =
                "{\"client_name\":\"c\",\"application_type\":\"service\",\"grant_types\":[\"client_credentials\",\"authorization_code\"],"
                + "\"response_types\":[\"token\"],\"token_endpoint_auth_method\":\"private_key_jwt\",\"jwks\":{\"keys\":[\(jwk)]}}"
            let refused = try await TokenEndpointTests.post(
                org.server.url + "/oauth2/v1/clients", Array(dcr.utf8), headers: ssws)
            #expect(
                TokenEndpointTests.error(refused).hasPrefix("400 invalid_client_metadata"),
                "\(TokenEndpointTests.error(refused))")
            let role = try await TokenEndpointTests.post(
                org.server.url + "/oauth2/v1/clients/\(org.clientID)/roles",
                Array("{\"type\":\"READ_ONLY_ADMIN\"}".utf8), headers: ssws)
            #expect(role.status == 200)
            let faults = "{\"path\":\"/oauth2/v1/token\",\"faults\":[\"503\"]}"
            #expect(
                try await TokenEndpointTests.post(org.server.url + "/__dev/faults", Array(faults.utf8), headers: ssws)
                    .status == 204)
            let edge = try await TokenEndpointTests.post(
                org.tokenURL, TokenEndpointTests.encode(TokenEndpointTests.form(TokenEndpointTests.assertion(org))))
            #expect(edge.status == 503 && edge.header("Content-Type") == "text/html")
        }
    }
}
