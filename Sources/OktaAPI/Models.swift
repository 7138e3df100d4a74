// The JSON shapes pkjwt sends to and reads from Okta (docs/OKTA.md), with Okta's member names.

import PrivateKeyJWT

/// DCR registration request (RFC 7591; Okta `POST /oauth2/v1/clients`).
struct ClientRegistrationRequest: Encodable {
    let client_name: String
    let application_type = "service"
    let grant_types = ["client_credentials"]
    let response_types = ["token"]
    let token_endpoint_auth_method = "private_key_jwt"
    let jwks: JWKSet
    /// RFC 9449 §5.2 client metadata (Okta's "Require DPoP header in token requests"); sent only when true.
    let dpop_bound_access_tokens: Bool?
}

/// The registration answer; `client_id` is also the app id.
public struct RegisteredClient: Decodable, Sendable, Equatable {
    public let client_id: String
    public let client_name: String?
}

/// Apps API request (`POST /api/v1/apps`) for an OAuth service app.
struct AppCreationRequest: Encodable {
    struct Credentials: Encodable { let oauthClient = ["token_endpoint_auth_method": "private_key_jwt"] }
    struct Settings: Encodable {
        struct OAuthClient: Encodable {
            let application_type = "service"
            let grant_types = ["client_credentials"]
            let response_types = ["token"]
            let jwks: JWKSet
            let dpop_bound_access_tokens: Bool?
        }
        let oauthClient: OAuthClient
    }
    let name = "oidc_client"
    let label: String
    let signOnMode = "OPENID_CONNECT"
    let credentials = Credentials()
    let settings: Settings
}

/// An app as the Apps API returns it (the fields pkjwt reads); the settings are nil where the
/// answer leaves them out (the list call shows less than `GET /api/v1/apps/{appId}`).
public struct OktaApp: Decodable, Sendable, Equatable {
    public let id: String
    public let label: String?
    /// ACTIVE or INACTIVE: a deactivated app gets no tokens.
    public let status: String?
    /// credentials.oauthClient.token_endpoint_auth_method: `private_key_jwt` for an assertion.
    public let tokenEndpointAuthMethod: String?
    /// settings.oauthClient.grant_types: `client_credentials` for a service app's tokens.
    public let grantTypes: [String]?
    /// settings.oauthClient.dpop_bound_access_tokens: token requests need a DPoP proof.
    public let dpopBoundAccessTokens: Bool?

    private enum Keys: String, CodingKey {
        case id, label, status, credentials, settings, oauthClient
        case token_endpoint_auth_method, grant_types, dpop_bound_access_tokens
    }

    public init(from decoder: Decoder) throws {
        let top = try decoder.container(keyedBy: Keys.self)
        id = try top.decode(String.self, forKey: .id)
        label = try top.decodeIfPresent(String.self, forKey: .label)
        status = try top.decodeIfPresent(String.self, forKey: .status)
        let credentials = try? top.nestedContainer(keyedBy: Keys.self, forKey: .credentials)
            .nestedContainer(keyedBy: Keys.self, forKey: .oauthClient)
        tokenEndpointAuthMethod = try credentials?.decodeIfPresent(String.self, forKey: .token_endpoint_auth_method)
        let settings = try? top.nestedContainer(keyedBy: Keys.self, forKey: .settings)
            .nestedContainer(keyedBy: Keys.self, forKey: .oauthClient)
        grantTypes = try settings?.decodeIfPresent([String].self, forKey: .grant_types)
        dpopBoundAccessTokens = try settings?.decodeIfPresent(Bool.self, forKey: .dpop_bound_access_tokens)
    }
}

/// An app key's lifecycle state (Okta: ACTIVE or INACTIVE; only an inactive key can be deleted).
public enum KeyStatus: Codable, Sendable, Equatable, CustomStringConvertible {
    case active, inactive
    /// A state this code does not know, kept as Okta wrote it.
    case other(String)

    public init(from decoder: Decoder) throws {
        switch try decoder.singleValueContainer().decode(String.self) {
        case "ACTIVE": self = .active
        case "INACTIVE": self = .inactive
        case let text: self = .other(text)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public var description: String {
        switch self {
        case .active: "ACTIVE"
        case .inactive: "INACTIVE"
        case .other(let text): text
        }
    }
}

/// A key of an app's JWKS (`/api/v1/apps/{appId}/credentials/jwks`); `id` is Okta's, not the kid.
public struct AppKey: Codable, Sendable, Equatable {
    public let id: String
    public let status: KeyStatus
    public let kid: String?
    public let kty: String?
    public let n: String?
    public let e: String?
    /// An EC key's curve and coordinates (RFC 7518 §6.2.1).
    public let crv: String?
    public let x: String?
    public let y: String?
}

/// A scope grant (`/api/v1/apps/{appId}/grants`).
public struct AppGrant: Decodable, Sendable, Equatable {
    public let id: String?
    public let scopeId: String
    public let issuer: String?
    public let status: String?
}

struct GrantRequest: Encodable {
    let issuer: String
    let scopeId: String
}

/// An admin role assignment (`/oauth2/v1/clients/{clientId}/roles`).
public struct AdminRole: Decodable, Sendable, Equatable {
    public let id: String?
    public let type: String
    public let status: String?
}

struct RoleRequest: Encodable { let type: String }
