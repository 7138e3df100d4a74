// What a token is for: /api/v1/users with the access token, introspection, discovery and keys.

import Foundation
import HTTPTypes
import PrivateKeyJWT

extension DevOrg {
    /// GET /api/v1/users?limit=N&after=ID with `Authorization: Bearer <access token>` or `DPoP
    /// <access token>` and a proof (okta.users.read or okta.users.manage), or the SSWS API token.
    /// Pages as Okta does: `Link: <…?after=ID&limit=N>; rel="next"` while users remain.
    func users(authorization: String?, proofs: [String], limit: Int?, after: String?) async -> DevReply {
        guard let authorization else { return .invalidAPIToken }
        let orgURL = await state.orgURL
        if authorization != "SSWS \(apiToken)" {
            guard authorization.hasPrefix("Bearer ") || authorization.hasPrefix("DPoP ") else {
                return .invalidAPIToken
            }
            let claims: [String: JSONValue]
            switch await resourceClaims(
                authorization: authorization, proofs: proofs, method: "GET", url: orgURL + "/api/v1/users")
            {
            case .refused(let refusal): return refusal
            case .granted(let valid): claims = valid
            }
            let scopes = claims["scp"]?.stringArray ?? []
            guard scopes.contains("okta.users.read") || scopes.contains("okta.users.manage") else {
                var reply = DevReply.okta(
                    .forbidden, "E0000006", "You do not have permission to perform the requested action")
                reply.headers.append(
                    (.wwwAuthenticate, "Bearer error=\"insufficient_scope\", scope=\"okta.users.read\""))
                return reply
            }
            // The scope is not enough: the service app needs an admin role too (docs/OKTA.md, "Calls").
            let clientID = claims["cid"]?.stringValue ?? ""
            guard await state.app(clientID)?.hasAdminRole == true else {
                return .okta(.forbidden, "E0000006", "You do not have permission to perform the requested action")
            }
        }
        let size = max(1, min(limit ?? 200, 200))
        let remaining = after.map { id in Array(Self.users.drop { $0.id != id }.dropFirst()) } ?? Self.users
        let page = Array(remaining.prefix(size))
        var reply = DevReply.json(.ok, page)
        if remaining.count > size, let last = page.last {
            reply.headers.append(
                (HTTPField.Name("Link")!, "<\(orgURL)/api/v1/users?after=\(last.id)&limit=\(size)>; rel=\"next\""))
        }
        return reply
    }

    /// POST /oauth2/v1/introspect (RFC 7662), with client authentication as at the token endpoint.
    func introspect(form: [String: String]) async -> DevReply {
        if case .failure(let refusal) = await authenticate(form: form, endpoint: "/oauth2/v1/introspect") {
            return refusal.reply
        }
        guard let token = form["token"], let claims = await activeClaims(of: token) else {
            return .json(.ok, ["active": false])
        }
        var answer = claims
        answer["active"] = .bool(true)
        answer["token_type"] = .string("Bearer")
        answer["client_id"] = claims["cid"]
        answer["scope"] = claims["scp"]?.stringArray.map { .string($0.joined(separator: " ")) }
        return .json(.ok, JSONValue.object(answer))
    }

    /// The claims of an access token this org issued, if it verifies and has not expired.
    func activeClaims(of token: String) async -> [String: JSONValue]? {
        guard let verified = try? JWS.verify(token, key: signingKey.publicKey),
            let claims = try? JWTClaimsValidator(now: now, leeway: 0).validate(payload: verified.payload)
        else { return nil }
        let orgURL = await state.orgURL
        guard let issuer = claims["iss"]?.stringValue, issuer == orgURL || issuer.hasPrefix(orgURL + "/oauth2/") else {
            return nil
        }
        return claims
    }

    /// GET /.well-known/openid-configuration for the org authorization server.
    func discovery() async -> DevReply {
        let org = await state.orgURL
        let document: [String: JSONValue] = [
            "issuer": .string(org), "token_endpoint": .string(org + "/oauth2/v1/token"),
            "jwks_uri": .string(org + "/oauth2/v1/keys"),
            "introspection_endpoint": .string(org + "/oauth2/v1/introspect"),
            "registration_endpoint": .string(org + "/oauth2/v1/clients"),
            "grant_types_supported": .array([.string("client_credentials")]),
            "token_endpoint_auth_methods_supported": .array([.string("private_key_jwt")]),
            "token_endpoint_auth_signing_alg_values_supported": .array([.string("RS256"), .string("ES256")]),
            // The proof algorithms DevDPoP's checker verifies (RFC 9449 §5.1).
            "dpop_signing_alg_values_supported": .array([.string("RS256"), .string("ES256")]),
            "scopes_supported": .array(Self.oktaScopes.sorted().map(JSONValue.string)),
        ]
        return .json(.ok, JSONValue.object(document))
    }

    /// GET /oauth2/v1/keys: the public key access tokens are signed with.
    func keys() -> DevReply {
        .json(.ok, JWKSet(keys: [JWK(publicKey: signingKey.publicKey, kid: signingKeyID)]))
    }

    struct DevUser: Encodable {
        struct Profile: Encodable { let login: String, email: String, firstName: String, lastName: String }
        let id: String
        let status = DevStatus.active
        let profile: Profile
    }

    static let users = [
        DevUser(
            id: "00u1dev0000000000",
            profile: .init(login: "ada@example.com", email: "ada@example.com", firstName: "Ada", lastName: "Lovelace")),
        DevUser(
            id: "00u2dev0000000000",
            profile: .init(
                login: "alan@example.com", email: "alan@example.com", firstName: "Alan", lastName: "Turing")),
        DevUser(
            id: "00u3dev0000000000",
            profile: .init(
                login: "grace@example.com", email: "grace@example.com", firstName: "Grace", lastName: "Hopper")),
    ]
}
