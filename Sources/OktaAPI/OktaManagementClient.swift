// Okta management calls pkjwt makes with an API token: registration, app keys, grants, roles.

import Foundation
import PrivateKeyJWT

/// Management API client, authenticated with an Okta API token (`Authorization: SSWS <token>`).
public struct OktaManagementClient: Sendable {
    public let org: OktaOrg
    private let authorization: String
    public let http: OktaHTTPClient

    public init(org: OktaOrg, apiToken: String, http: OktaHTTPClient = OktaHTTPClient()) throws(OktaAPIError) {
        // A line break pasted at either end is dropped; one inside cannot go into a header.
        let token = apiToken.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw .missingSetting(.apiToken) }
        guard HTTPRequest.isValidHeaderValue(token) else {
            throw .invalidSetting(.apiToken, .controlCharacter)
        }
        self.org = org
        // A token given with its scheme ("SSWS x" or "Bearer x") is sent as is.
        authorization = token.hasPrefix("SSWS ") || token.hasPrefix("Bearer ") ? token : "SSWS " + token
        self.http = http
    }

    /// Creates an OAuth service app by Dynamic Client Registration (`POST /oauth2/v1/clients`).
    /// With `requireDPoP`, the app accepts only token requests that carry a DPoP proof.
    public func registerServiceApp(name: String, key: JWK, requireDPoP: Bool = false) async throws(OktaAPIError)
        -> RegisteredClient
    {
        let body = ClientRegistrationRequest(
            client_name: name, jwks: JWKSet(keys: [key]), dpop_bound_access_tokens: requireDPoP ? true : nil)
        return try await call(.post, "/oauth2/v1/clients", body: body, as: RegisteredClient.self)
    }

    /// Creates an OAuth service app through the Apps API (`POST /api/v1/apps`).
    public func createServiceApp(label: String, key: JWK, requireDPoP: Bool = false) async throws(OktaAPIError)
        -> OktaApp
    {
        let settings = AppCreationRequest.Settings(
            oauthClient: .init(jwks: JWKSet(keys: [key]), dpop_bound_access_tokens: requireDPoP ? true : nil))
        return try await call(
            .post, "/api/v1/apps", body: AppCreationRequest(label: label, settings: settings), as: OktaApp.self)
    }

    /// Apps whose label starts with `label` (Okta's `q` search), at most 200.
    public func listApps(labelPrefix label: String) async throws(OktaAPIError) -> [OktaApp] {
        var query = URLComponents()
        query.queryItems = [URLQueryItem(name: "q", value: label), URLQueryItem(name: "limit", value: "200")]
        return try await call(.get, "/api/v1/apps?" + (query.percentEncodedQuery ?? ""), as: [OktaApp].self)
    }

    /// One app, with its OAuth settings (`GET /api/v1/apps/{appId}`).
    public func app(id: String) async throws(OktaAPIError) -> OktaApp {
        try await call(.get, "/api/v1/apps/\(try Self.segment(id))", as: OktaApp.self)
    }

    /// The app's JWKS keys.
    public func listKeys(appID: String) async throws(OktaAPIError) -> [AppKey] {
        try await call(.get, "/api/v1/apps/\(try Self.segment(appID))/credentials/jwks", as: [AppKey].self)
    }

    /// Adds a key to the app's JWKS.
    public func addKey(appID: String, key: JWK) async throws(OktaAPIError) -> AppKey {
        try await call(.post, "/api/v1/apps/\(try Self.segment(appID))/credentials/jwks", body: key, as: AppKey.self)
    }

    /// Activates or deactivates a key, addressed by Okta's key id (`pks...`), not the kid.
    public func setKey(appID: String, keyID: String, active: Bool) async throws(OktaAPIError) -> AppKey {
        let key = "/api/v1/apps/\(try Self.segment(appID))/credentials/jwks/\(try Self.segment(keyID))"
        let path = key + "/lifecycle/" + (active ? "activate" : "deactivate")
        return try await call(.post, path, as: AppKey.self)
    }

    /// Deletes an inactive key.
    public func deleteKey(appID: String, keyID: String) async throws(OktaAPIError) {
        _ = try await send(
            .delete, "/api/v1/apps/\(try Self.segment(appID))/credentials/jwks/\(try Self.segment(keyID))",
            body: Optional<String>.none)
    }

    /// The app's Okta API scope grants.
    public func listGrants(appID: String) async throws(OktaAPIError) -> [AppGrant] {
        try await call(.get, "/api/v1/apps/\(try Self.segment(appID))/grants", as: [AppGrant].self)
    }

    /// Grants one scope; the issuer is the org URL exactly.
    public func grant(appID: String, scope: String) async throws(OktaAPIError) -> AppGrant {
        try await call(
            .post, "/api/v1/apps/\(try Self.segment(appID))/grants",
            body: GrantRequest(issuer: org.issuer, scopeId: scope), as: AppGrant.self)
    }

    /// The admin roles assigned to the service app.
    public func listRoles(clientID: String) async throws(OktaAPIError) -> [AdminRole] {
        try await call(.get, "/oauth2/v1/clients/\(try Self.segment(clientID))/roles", as: [AdminRole].self)
    }

    /// Assigns an admin role (e.g. SUPER_ADMIN, ORG_ADMIN, READ_ONLY_ADMIN) to the service app.
    public func assignRole(clientID: String, role: String) async throws(OktaAPIError) -> AdminRole {
        try await call(
            .post, "/oauth2/v1/clients/\(try Self.segment(clientID))/roles", body: RoleRequest(type: role),
            as: AdminRole.self)
    }

    /// Users (`GET /api/v1/users?limit=N`), as JSON objects: the call quickstart makes with an
    /// access token (pass `apiToken: "Bearer <token>"`).
    public func listUsers(limit: Int) async throws(OktaAPIError) -> [[String: JSONValue]] {
        try await call(.get, "/api/v1/users?limit=\(max(1, limit))", as: [[String: JSONValue]].self)
    }

    private func call<T: Decodable>(
        _ method: HTTPRequest.Method, _ path: String, body: (some Encodable)? = Optional<String>.none, as type: T.Type
    ) async throws(OktaAPIError) -> T {
        let http = http
        let response = try await send(method, path, body: body) {
            (try? http.decode(T.self, from: $0, request: "")) != nil
        }
        return try http.decode(T.self, from: response, request: "\(method.rawValue) \(path)")
    }

    private func send(
        _ method: HTTPRequest.Method, _ path: String, body: (some Encodable)?,
        isComplete: (HTTPResponse) -> Bool = { _ in true }
    ) async throws(OktaAPIError) -> HTTPResponse {
        let url = org.url(path)
        let authorization = authorization
        return try await http.send(
            { () throws(OktaAPIError) -> HTTPRequest in
                if let body { return .json(method, url, body: body, authorization: authorization) }
                return HTTPRequest(method: method, url: url, headers: ["Authorization": authorization])
            }, isComplete: isComplete)
    }

    /// Ids go into paths: refuse anything that could change the path.
    private static func segment(_ id: String) throws(OktaAPIError) -> String {
        guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw .configuration(.notAnOktaID(id))
        }
        return id
    }
}
