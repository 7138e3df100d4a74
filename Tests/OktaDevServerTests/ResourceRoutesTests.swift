import Foundation
import OktaAPI
import OktaDevServer
import PrivateKeyJWT
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What a token is for on the dev org (ResourceRoutes.swift): the users endpoint, introspection,
/// discovery and the org's keys.
@Suite("the local Okta org's resource endpoints", .serialized)
struct ResourceRoutesTests {
    @Test("access tokens work at /api/v1/users and /oauth2/v1/introspect; discovery and keys are served")
    func tokensInUse() async throws {
        try await TestOrg.withServer { server, client in
            let key = try RSAPrivateKey(generatingBits: 2048)
            let app = try await client.registerServiceApp(name: "x", key: JWK(publicKey: key.publicKey, kid: "k"))
            _ = try await client.grant(appID: app.client_id, scope: "okta.groups.read")
            let org = try OktaOrg(server.url)
            let tokens = try OktaTokenClient(org: org, clientID: app.client_id, key: key, kid: "k", http: TestOrg.http)
            let token = try await tokens.token(scopes: ["okta.groups.read"])
            // The token verifies with the org's published keys.
            let keysJSON = try await TestOrg.get(server.url + "/oauth2/v1/keys")
            let set = try JWKSet(jsonRepresentation: keysJSON)
            let claims = try JSONValue.parseObject(JWS.verify(token.accessToken, keySet: set).payload, what: "c")
            #expect(claims["iss"] == .string(server.url) && claims["cid"] == .string(app.client_id))
            // okta.groups.read does not allow reading users.
            let bearer = try OktaManagementClient(org: org, apiToken: "Bearer " + token.accessToken, http: TestOrg.http)
            #expect(await TestOrg.failure { _ = try await bearer.listUsers(limit: 1) }.contains("E0000006"))
            // Introspection with client authentication.
            var request = try tokens.request(url: org.url("/oauth2/v1/introspect"), scopes: ["x"])
            request.body = Array((String(decoding: request.body!, as: UTF8.self) + "&token=" + token.accessToken).utf8)
            let answer = try await TestOrg.http.send { () throws(OktaAPIError) -> HTTPRequest in request }
            let introspection = try JSONValue.parseObject(answer.body, what: "i")
            #expect(introspection["active"] == .bool(true) && introspection["scope"] == .string("okta.groups.read"))
            let discovery = try JSONValue.parseObject(
                try await TestOrg.get(server.url + "/.well-known/openid-configuration"), what: "d")
            #expect(discovery["token_endpoint"] == .string(server.url + "/oauth2/v1/token"))
            #expect(discovery["dpop_signing_alg_values_supported"] == .array([.string("RS256"), .string("ES256")]))
        }
    }
}
