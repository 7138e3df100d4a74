import Foundation
import OktaAPI
import OktaDevServer
import PrivateKeyJWT
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The dev org's rules, exercised through OktaAPI's own clients on an in-process server.
@Suite("the local Okta org's rules", .serialized)
struct DevServerRulesTests {
    static let http = OktaHTTPClient(transport: AsyncHTTPTransport(), retry: .never)

    static func withServer(_ body: (OktaDevServer.Running, OktaManagementClient) async throws -> Void) async throws {
        let server = try await OktaDevServer.start(.init(port: 0))
        let client = try OktaManagementClient(org: OktaOrg(server.url), apiToken: server.apiToken, http: http)
        do { try await body(server, client) } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    static func failure(_ body: () async throws -> Void) async -> String {
        do { try await body(); return "accepted" } catch { return "\(error)" }
    }

    @Test("app keys: kid rules, lifecycle, delete only inactive, never the only active key") func keyLifecycle()
        async throws
    {
        try await Self.withServer { _, client in
            let first = try RSAPrivateKey(generatingBits: 2048), second = try RSAPrivateKey(generatingBits: 2048)
            let app = try await client.createServiceApp(label: "keys", key: JWK(publicKey: first.publicKey, kid: "one"))
            var keys = try await client.listKeys(appID: app.id)
            #expect(keys.count == 1 && keys[0].kid == "one" && keys[0].status == .active && keys[0].id.hasPrefix("pks"))
            #expect(
                await Self.failure { _ = try await client.setKey(appID: app.id, keyID: keys[0].id, active: false) }
                    .contains("only active key"))
            #expect(
                await Self.failure {
                    _ = try await client.addKey(appID: app.id, key: JWK(publicKey: second.publicKey, kid: nil))
                }.contains("kid"))
            #expect(
                await Self.failure {
                    _ = try await client.addKey(appID: app.id, key: JWK(publicKey: second.publicKey, kid: "one"))
                }.contains("already exists"))
            let added = try await client.addKey(appID: app.id, key: JWK(publicKey: second.publicKey, kid: "two"))
            #expect(
                await Self.failure { try await client.deleteKey(appID: app.id, keyID: added.id) }.contains(
                    "only inactive keys"))
            #expect(try await client.setKey(appID: app.id, keyID: keys[0].id, active: false).status == .inactive)
            try await client.deleteKey(appID: app.id, keyID: keys[0].id)
            keys = try await client.listKeys(appID: app.id)
            #expect(keys.map(\.kid) == ["two"])
        }
    }

    @Test("registration refuses what Okta refuses") func registrationRules() async throws {
        try await Self.withServer { server, client in
            let key = try RSAPrivateKey(generatingBits: 2048)
            var padded = JWK(publicKey: key.publicKey, kid: "k")
            padded.n = Base64.encode(key.publicKey.modulus)  // the seed scripts' defect: standard base64, padded
            #expect(
                await Self.failure { _ = try await client.registerServiceApp(name: "x", key: padded) }.contains(
                    "invalid_client_metadata"))
            let small = try RSAPrivateKey(
                derRepresentation: [UInt8](
                    Data(
                        contentsOf: URL(fileURLWithPath: #filePath)
                            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                            .appendingPathComponent("vectors/rsa/pyca-keys/DER_Serialization/unenc-rsa-pkcs8.der"))))
            #expect(
                await Self.failure {
                    _ = try await client.registerServiceApp(name: "x", key: JWK(publicKey: small.publicKey, kid: "k"))
                }.contains("at least 2048 bits"))
            let wrongToken = try OktaManagementClient(org: OktaOrg(server.url), apiToken: "00nope", http: Self.http)
            #expect(
                await Self.failure {
                    _ = try await wrongToken.registerServiceApp(name: "x", key: JWK(publicKey: key.publicKey, kid: "k"))
                }.contains("E0000011"))
            let app = try await client.registerServiceApp(name: "x", key: JWK(publicKey: key.publicKey, kid: "k"))
            _ = try await client.grant(appID: app.client_id, scope: "okta.users.read")
            #expect(
                await Self.failure { _ = try await client.grant(appID: app.client_id, scope: "okta.users.read") }
                    .contains("already granted"))
            _ = try await client.assignRole(clientID: app.client_id, role: "READ_ONLY_ADMIN")
            #expect(
                await Self.failure { _ = try await client.assignRole(clientID: app.client_id, role: "READ_ONLY_ADMIN") }
                    .contains("E0000090"))
            #expect(await Self.failure { _ = try await client.listKeys(appID: "0oaMissing") }.contains("E0000007"))
        }
    }

    /// A new app with one scope granted, and a token client for it.
    static func grantedApp(_ server: OktaDevServer.Running, _ client: OktaManagementClient, scope: String)
        async throws -> (id: String, tokens: OktaTokenClient)
    {
        let key = try RSAPrivateKey(generatingBits: 2048)
        let app = try await client.registerServiceApp(name: "x", key: JWK(publicKey: key.publicKey, kid: "k"))
        _ = try await client.grant(appID: app.client_id, scope: scope)
        let tokens = try OktaTokenClient(
            org: OktaOrg(server.url), clientID: app.client_id, key: key, kid: "k", http: Self.http)
        return (app.client_id, tokens)
    }

    @Test("an app's settings: shown by GET, edited by PUT and lifecycle, and judged at the token endpoint")
    func appSettings() async throws {
        try await Self.withServer { server, client in
            let (appID, tokens) = try await Self.grantedApp(server, client, scope: "okta.users.read")
            let shown = try await client.app(id: appID)
            #expect(shown.status == "ACTIVE" && shown.tokenEndpointAuthMethod == "private_key_jwt")
            #expect(shown.grantTypes == ["client_credentials"] && shown.dpopBoundAccessTokens == false)
            func edit(_ method: HTTPRequest.Method, _ path: String, _ body: String?) async throws {
                let url = try OktaOrg(server.url).url("/api/v1/apps/\(appID)" + path)
                let request = HTTPRequest(
                    method: method, url: url,
                    headers: ["Authorization": "SSWS \(server.apiToken)", "Content-Type": "application/json"],
                    body: body.map { Array($0.utf8) })
                _ = try await Self.http.send { () throws(OktaAPIError) -> HTTPRequest in request }
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
                    await Self.failure { _ = try await tokens.token(scopes: ["okta.users.read"]) }.contains(refusal))
                try await edit(method, undoPath, undoBody)
                _ = try await tokens.token(scopes: ["okta.users.read"])
            }
            #expect(
                await Self.failure {
                    try await edit(.put, "", #"{"credentials":{"oauthClient":{"token_endpoint_auth_method":"magic"}}}"#)
                }.contains("E0000001"))
            #expect(try await client.app(id: appID).tokenEndpointAuthMethod == "private_key_jwt")
        }
    }

    @Test("the management API needs an admin role besides the scope; every standard role can be assigned")
    func adminRoles() async throws {
        try await Self.withServer { server, client in
            let (appID, tokens) = try await Self.grantedApp(server, client, scope: "okta.users.read")
            let token = try await tokens.token(scopes: ["okta.users.read"])
            let bearer = try OktaManagementClient(
                org: OktaOrg(server.url), apiToken: "Bearer " + token.accessToken, http: Self.http)
            #expect(await Self.failure { _ = try await bearer.listUsers(limit: 1) }.contains("E0000006"))
            for role in [
                "WORKFLOWS_ADMIN", "SUPER_ADMIN", "ORG_ADMIN", "APP_ADMIN", "USER_ADMIN", "HELP_DESK_ADMIN",
                "READ_ONLY_ADMIN", "MOBILE_ADMIN", "API_ACCESS_MANAGEMENT_ADMIN", "REPORT_ADMIN",
                "GROUP_MEMBERSHIP_ADMIN",
                "ACCESS_CERTIFICATIONS_ADMIN", "ACCESS_REQUESTS_ADMIN",
            ] {
                #expect(try await client.assignRole(clientID: appID, role: role).type == role)
            }
            #expect(
                await Self.failure { _ = try await client.assignRole(clientID: appID, role: "CUSTOM") }
                    .contains("E0000001"))
            #expect(try await bearer.listUsers(limit: 1).count == 1)
        }
    }

    @Test("access tokens work at /api/v1/users and /oauth2/v1/introspect; discovery and keys are served")
    func tokensInUse() async throws {
        try await Self.withServer { server, client in
            let key = try RSAPrivateKey(generatingBits: 2048)
            let app = try await client.registerServiceApp(name: "x", key: JWK(publicKey: key.publicKey, kid: "k"))
            _ = try await client.grant(appID: app.client_id, scope: "okta.groups.read")
            let org = try OktaOrg(server.url)
            let tokens = try OktaTokenClient(org: org, clientID: app.client_id, key: key, kid: "k", http: Self.http)
            let token = try await tokens.token(scopes: ["okta.groups.read"])
            // The token verifies with the org's published keys.
            let keysJSON = try await Self.get(server.url + "/oauth2/v1/keys")
            let set = try JWKSet(jsonRepresentation: keysJSON)
            let claims = try JSONValue.parseObject(JWS.verify(token.accessToken, keySet: set).payload, what: "c")
            #expect(claims["iss"] == .string(server.url) && claims["cid"] == .string(app.client_id))
            // okta.groups.read does not allow reading users.
            let bearer = try OktaManagementClient(org: org, apiToken: "Bearer " + token.accessToken, http: Self.http)
            #expect(await Self.failure { _ = try await bearer.listUsers(limit: 1) }.contains("E0000006"))
            // Introspection with client authentication.
            var request = try tokens.request(url: org.url("/oauth2/v1/introspect"), scopes: ["x"])
            request.body = Array((String(decoding: request.body!, as: UTF8.self) + "&token=" + token.accessToken).utf8)
            let answer = try await Self.http.send { () throws(OktaAPIError) -> HTTPRequest in request }
            let introspection = try JSONValue.parseObject(answer.body, what: "i")
            #expect(introspection["active"] == .bool(true) && introspection["scope"] == .string("okta.groups.read"))
            let discovery = try JSONValue.parseObject(
                try await Self.get(server.url + "/.well-known/openid-configuration"), what: "d")
            #expect(discovery["token_endpoint"] == .string(server.url + "/oauth2/v1/token"))
        }
    }

    static func get(_ url: String) async throws -> [UInt8] {
        try await http.send { () throws(OktaAPIError) -> HTTPRequest in
            HTTPRequest(method: .get, url: URL(string: url)!)
        }.body
    }
}
