// The JSON shapes of the dev org's management API (ManagementRoutes.swift): DCR, Apps API, app
// keys and grants, with Okta's member names.

import Foundation
import PrivateKeyJWT

struct DCRRequest: Decodable {
    let client_name: String?
    let application_type: String?
    let grant_types: [String]?
    let token_endpoint_auth_method: String?
    let jwks: JWKSet?
    let dpop_bound_access_tokens: Bool?
}

struct DCRResponse: Encodable {
    let client_id: String
    let client_id_issued_at: Int
    let client_name: String
    let application_type = "service"
    let grant_types = ["client_credentials"]
    let response_types = ["token"]
    let token_endpoint_auth_method = "private_key_jwt"
    let jwks: JWKSet
    let dpop_bound_access_tokens: Bool
}

struct AppRequest: Decodable {
    struct Credentials: Decodable {
        struct OAuthClient: Decodable { let token_endpoint_auth_method: String? }
        let oauthClient: OAuthClient?
    }
    struct Settings: Decodable {
        struct OAuthClient: Decodable {
            let application_type: String?
            let grant_types: [String]?
            let jwks: JWKSet?
            let dpop_bound_access_tokens: Bool?
        }
        let oauthClient: OAuthClient?
    }
    let name: String?
    let label: String?
    let signOnMode: String?
    let credentials: Credentials?
    let settings: Settings?
}

/// An app as the Apps API shows it (`GET /api/v1/apps/{appId}` and the answers that create or list apps).
struct AppResponse: Encodable {
    struct Credentials: Encodable {
        struct OAuthClient: Encodable {
            let client_id: String
            let token_endpoint_auth_method: String
        }
        let oauthClient: OAuthClient
    }
    struct Settings: Encodable {
        struct OAuthClient: Encodable {
            let application_type = "service"
            let grant_types: [String]
            let dpop_bound_access_tokens: Bool
        }
        let oauthClient: OAuthClient
    }
    let id: String
    let name = "oidc_client"
    let label: String
    let status: DevStatus
    let signOnMode = "OPENID_CONNECT"
    let created: String
    let credentials: Credentials
    let settings: Settings

    init(_ app: DevApp) {
        id = app.id
        label = app.label
        status = app.status
        created = app.created
        credentials = .init(oauthClient: .init(client_id: app.id, token_endpoint_auth_method: app.authMethod))
        settings = .init(oauthClient: .init(grant_types: app.grantTypes, dpop_bound_access_tokens: app.dpopRequired))
    }
}

struct GrantRequestBody: Decodable {
    let issuer: String
    let scopeId: String
}

extension DevKey {
    var jwk: JWK {
        var jwk = JWK(kty: kty, n: n, e: e, kid: kid, alg: alg, use: use)
        (jwk.crv, jwk.x, jwk.y) = (crv, x, y)
        return jwk
    }
}
