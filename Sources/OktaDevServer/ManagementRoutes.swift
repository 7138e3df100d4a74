// The dev org's management API: DCR, Apps API, app keys, grants and admin roles, with Okta's
// validation rules (docs/OKTA.md).

import Foundation
import PrivateKeyJWT

extension DevOrg {
    /// Okta API scopes the dev org knows (a subset of Okta's list).
    static let oktaScopes: Set<String> = [
        "okta.users.read", "okta.users.manage", "okta.groups.read", "okta.groups.manage", "okta.apps.read",
        "okta.apps.manage", "okta.logs.read", "okta.clients.read", "okta.clients.manage", "okta.roles.read",
        "okta.roles.manage", "okta.appGrants.read", "okta.appGrants.manage", "okta.policies.read", "okta.schemas.read",
    ]
    static let adminRoles: Set<String> = [
        "SUPER_ADMIN", "ORG_ADMIN", "APP_ADMIN", "USER_ADMIN", "HELP_DESK_ADMIN", "READ_ONLY_ADMIN", "MOBILE_ADMIN",
        "API_ACCESS_MANAGEMENT_ADMIN", "REPORT_ADMIN", "GROUP_MEMBERSHIP_ADMIN",
        // The IAM-based standard roles, assignable by type like the others (Okta's role-assignment docs
        // and the role types of Okta's management OpenAPI spec, docs/OKTA.md).
        "ACCESS_CERTIFICATIONS_ADMIN", "ACCESS_REQUESTS_ADMIN", "WORKFLOWS_ADMIN",
    ]
    static let maximumKeysPerApp = 50

    // MARK: DCR and Apps API

    /// POST /oauth2/v1/clients (RFC 7591 as Okta speaks it; errors in the OAuth shape).
    func registerClient(_ body: [UInt8]) async -> DevReply {
        guard let request = try? JSONDecoder().decode(DCRRequest.self, from: Data(body)) else {
            return .oauth(.badRequest, "invalid_client_metadata", "The request body is not valid client metadata JSON.")
        }
        guard request.application_type == "service" else {
            return .oauth(
                .badRequest, "invalid_client_metadata", "application_type must be 'service' for client_credentials.")
        }
        guard request.token_endpoint_auth_method == "private_key_jwt" else {
            return .oauth(
                .badRequest, "invalid_client_metadata",
                "token_endpoint_auth_method must be private_key_jwt for this client.")
        }
        guard request.grant_types?.contains("client_credentials") == true else {
            return .oauth(.badRequest, "invalid_client_metadata", "grant_types must include client_credentials.")
        }
        // A service app has no user: Okta refuses user-facing grants for it.
        guard request.grant_types?.allSatisfy({ $0 == "client_credentials" }) == true else {
            return .oauth(
                .badRequest, "invalid_client_metadata",
                "A service application may only use the client_credentials grant type.")
        }
        let keys: [DevKey]
        switch Self.validatedKeys(request.jwks?.keys ?? []) {
        case .failure(let why): return .oauth(.badRequest, "invalid_client_metadata", why.description)
        case .success(let valid): keys = valid
        }
        let app = DevApp(
            id: DevIDs.make("0oa"), label: request.client_name ?? "service app", created: DevIDs.timestamp(),
            keys: keys,
            dpopRequired: request.dpop_bound_access_tokens ?? false)
        await state.save(app)
        return .json(
            .created,
            DCRResponse(
                client_id: app.id, client_id_issued_at: Int(Date().timeIntervalSince1970),
                client_name: app.label, jwks: JWKSet(keys: keys.map(\.jwk)), dpop_bound_access_tokens: app.dpopRequired)
        )
    }

    /// POST /api/v1/apps for an OIDC service app (errors in the management shape).
    func createApp(_ body: [UInt8]) async -> DevReply {
        guard let request = try? JSONDecoder().decode(AppRequest.self, from: Data(body)) else {
            return .validation("the body is not an app definition")
        }
        guard request.name == "oidc_client", request.signOnMode == "OPENID_CONNECT" else {
            return .validation("name must be oidc_client with signOnMode OPENID_CONNECT")
        }
        guard request.credentials?.oauthClient?.token_endpoint_auth_method == "private_key_jwt" else {
            return .validation("credentials.oauthClient.token_endpoint_auth_method: must be private_key_jwt")
        }
        let settings = request.settings?.oauthClient
        guard settings?.application_type == "service", settings?.grant_types?.contains("client_credentials") == true
        else {
            return .validation(
                "settings.oauthClient: application_type must be service with the client_credentials grant")
        }
        switch Self.validatedKeys(settings?.jwks?.keys ?? []) {
        case .failure(let why): return .validation(why.description)
        case .success(let keys):
            let app = DevApp(
                id: DevIDs.make("0oa"), label: request.label ?? "service app", created: DevIDs.timestamp(), keys: keys,
                dpopRequired: settings?.dpop_bound_access_tokens ?? false)
            await state.save(app)
            return .json(.ok, AppResponse(app))
        }
    }

    /// GET /api/v1/apps/{appId}.
    func getApp(appID: String) async -> DevReply {
        guard let app = await state.app(appID) else { return .notFound("\(appID) (App)") }
        return .json(.ok, AppResponse(app))
    }

    /// PUT /api/v1/apps/{appId}: replaces the app's OAuth settings (auth method, grant types, DPoP,
    /// and the keys when the body has a JWKS), as an admin editing the app in the console would.
    func replaceApp(appID: String, _ body: [UInt8]) async -> DevReply {
        guard var app = await state.app(appID) else { return .notFound("\(appID) (App)") }
        guard let request = try? JSONDecoder().decode(AppRequest.self, from: Data(body)) else {
            return .validation("the body is not an app definition")
        }
        let method = request.credentials?.oauthClient?.token_endpoint_auth_method ?? app.authMethod
        guard Self.authMethods.contains(method) else {
            return .validation("credentials.oauthClient.token_endpoint_auth_method: '\(method)' is not a method")
        }
        let settings = request.settings?.oauthClient
        let grants = settings?.grant_types ?? app.grantTypes
        guard !grants.isEmpty, grants.allSatisfy(Self.grantTypes.contains) else {
            return .validation("settings.oauthClient.grant_types: not grant types a service app can have")
        }
        if let jwks = settings?.jwks?.keys {
            switch Self.validatedKeys(jwks) {
            case .failure(let why): return .validation(why.description)
            case .success(let keys): app.keys = keys
            }
        }
        (app.authMethod, app.grantTypes) = (method, grants)
        app.dpopRequired = settings?.dpop_bound_access_tokens ?? app.dpopRequired
        app.label = request.label ?? app.label
        await state.save(app)
        return .json(.ok, AppResponse(app))
    }

    /// POST /api/v1/apps/{appId}/lifecycle/activate or deactivate.
    func setApp(appID: String, active: Bool) async -> DevReply {
        guard var app = await state.app(appID) else { return .notFound("\(appID) (App)") }
        app.status = active ? .active : .inactive
        await state.save(app)
        return .json(.ok, [String: String]())
    }

    /// The token_endpoint_auth_method values Okta's Apps API takes for an OAuth client.
    static let authMethods: Set<String> = [
        "private_key_jwt", "client_secret_basic", "client_secret_post", "client_secret_jwt", "none",
    ]
    /// Grant types an admin can set on an app (Okta refuses user grants on a service app at creation;
    /// an edited app may still carry them, which is one of the faults doctor looks for).
    static let grantTypes: Set<String> = [
        "client_credentials", "authorization_code", "refresh_token", "implicit", "password",
        "urn:ietf:params:oauth:grant-type:token-exchange",
    ]

    /// GET /api/v1/apps?q=PREFIX: apps whose label starts with the prefix.
    func listApps(query: String?) async -> DevReply {
        let apps = await state.apps(labelStartingWith: query ?? "")
        return .json(.ok, apps.map(AppResponse.init))
    }

    // MARK: Keys

    func listKeys(appID: String) async -> DevReply {
        guard let app = await state.app(appID) else { return .notFound("\(appID) (App)") }
        return .json(.ok, app.keys)
    }

    func addKey(appID: String, _ body: [UInt8]) async -> DevReply {
        guard var app = await state.app(appID) else { return .notFound("\(appID) (App)") }
        guard let jwk = try? JWK(jsonRepresentation: body) else { return .validation("the body is not a JWK") }
        guard app.keys.count < Self.maximumKeysPerApp else {
            return .validation("an app can have at most \(Self.maximumKeysPerApp) keys")
        }
        // Okta refuses a second key while any key lacks a kid.
        guard jwk.kid != nil, app.keys.allSatisfy({ $0.kid != nil }) else {
            return .validation("kid: every key needs a kid once an app has more than one key")
        }
        guard !app.keys.contains(where: { $0.kid == jwk.kid }) else {
            return .validation("kid: a key with kid \(jwk.kid!) already exists")
        }
        switch Self.validatedKeys([jwk]) {
        case .failure(let why): return .validation(why.description)
        case .success(let keys):
            app.keys.append(keys[0])
            await state.save(app)
            return .json(.created, keys[0])
        }
    }

    func setKey(appID: String, keyID: String, active: Bool) async -> DevReply {
        guard var app = await state.app(appID) else { return .notFound("\(appID) (App)") }
        guard let index = app.keys.firstIndex(where: { $0.id == keyID }) else {
            return .notFound("\(keyID) (JsonWebKey)")
        }
        if !active && app.keys[index].status == .active && app.keys.filter({ $0.status == .active }).count == 1 {
            return .validation("status: the only active key of an app cannot be deactivated")
        }
        app.keys[index].status = active ? .active : .inactive
        app.keys[index].lastUpdated = DevIDs.timestamp()
        await state.save(app)
        return .json(.ok, app.keys[index])
    }

    func deleteKey(appID: String, keyID: String) async -> DevReply {
        guard var app = await state.app(appID) else { return .notFound("\(appID) (App)") }
        guard let index = app.keys.firstIndex(where: { $0.id == keyID }) else {
            return .notFound("\(keyID) (JsonWebKey)")
        }
        guard app.keys[index].status == .inactive else {
            return .validation("status: only inactive keys can be deleted; deactivate it first")
        }
        app.keys.remove(at: index)
        await state.save(app)
        return DevReply(status: .noContent, body: [])
    }

    // MARK: Grants and roles

    func listGrants(appID: String) async -> DevReply {
        guard let app = await state.app(appID) else { return .notFound("\(appID) (App)") }
        return .json(.ok, app.grants)
    }

    func addGrant(appID: String, _ body: [UInt8]) async -> DevReply {
        guard var app = await state.app(appID) else { return .notFound("\(appID) (App)") }
        guard let request = try? JSONDecoder().decode(GrantRequestBody.self, from: Data(body)) else {
            return .validation("the body needs issuer and scopeId")
        }
        let orgURL = await state.orgURL
        guard request.issuer == orgURL else { return .validation("issuer: must be the org URL \(orgURL) exactly") }
        guard Self.oktaScopes.contains(request.scopeId) else {
            return .okta(
                .badRequest, "E0000001", "Api validation failed: scopeId",
                causes: ["scopeId: The scope \(request.scopeId) is not an Okta API scope"])
        }
        guard !app.grants.contains(where: { $0.scopeId == request.scopeId }) else {
            return .validation("scopeId: the scope \(request.scopeId) is already granted to this app")
        }
        let grant = DevGrant(
            id: DevIDs.make("oag"), scopeId: request.scopeId, issuer: orgURL, clientID: appID,
            created: DevIDs.timestamp())
        app.grants.append(grant)
        await state.save(app)
        return .json(.created, grant)
    }

    func listRoles(clientID: String) async -> DevReply {
        guard let app = await state.app(clientID) else { return .notFound("\(clientID) (Client)") }
        return .json(.ok, app.roles)
    }

    func assignRole(clientID: String, _ body: [UInt8]) async -> DevReply {
        guard var app = await state.app(clientID) else { return .notFound("\(clientID) (Client)") }
        guard let request = try? JSONDecoder().decode([String: String].self, from: Data(body)),
            let type = request["type"],
            Self.adminRoles.contains(type)
        else { return .validation("type: not a standard admin role") }
        guard !app.roles.contains(where: { $0.type == type }) else {
            return .okta(.conflict, "E0000090", "Duplicate role assignment exception")
        }
        let role = DevRole(id: DevIDs.make("ra1"), type: type, created: DevIDs.timestamp())
        app.roles.append(role)
        await state.save(app)
        // Okta answers a role assignment with 200, not 201.
        return .json(.ok, role)
    }

    // MARK: Key validation shared by DCR, the Apps API and key addition

    /// Okta's JWK rules: RSA, strict base64url n and e, at least 2048 bits, unique kids, a kid on
    /// every key when there are several.
    static func validatedKeys(_ jwks: [JWK]) -> Result<[DevKey], DevServerError> {
        guard !jwks.isEmpty else { return .failure(.invalidKeys("jwks: at least one key is required")) }
        if jwks.count > 1, jwks.contains(where: { $0.kid == nil }) {
            return .failure(.invalidKeys("jwks: every key needs a kid when there are several"))
        }
        guard Set(jwks.compactMap(\.kid)).count == jwks.compactMap(\.kid).count else {
            return .failure(.invalidKeys("jwks: kids must be unique"))
        }
        var keys = [DevKey]()
        for jwk in jwks {
            guard !jwk.isPrivate else {
                return .failure(.invalidKeys("jwks: a private key was sent; send the public key only"))
            }
            // Okta takes RSA keys of 2048 bits or more and EC keys (docs/OKTA.md, "Registration and keys").
            do {
                if jwk.kty == "EC" {
                    _ = try jwk.p256PublicKey()
                } else if try jwk.rsaPublicKey().modulusBitCount < 2048 {
                    return .failure(.invalidKeys("jwks: RSA keys must be at least 2048 bits"))
                }
            } catch { return .failure(.invalidKeys("jwks: \(error)")) }
            let now = DevIDs.timestamp()
            keys.append(
                DevKey(
                    id: DevIDs.make("pks"), status: .active, kid: jwk.kid, kty: jwk.kty, n: jwk.n, e: jwk.e,
                    crv: jwk.crv, x: jwk.x, y: jwk.y, alg: jwk.alg, use: jwk.use, created: now, lastUpdated: now))
        }
        return .success(keys)
    }
}
