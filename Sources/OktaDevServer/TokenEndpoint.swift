// The dev org's token endpoint: client_credentials with a private_key_jwt assertion, checked as
// Okta checks it (RFC 7523 §3; docs/OKTA.md "The token request and the assertion Okta accepts").

import Foundation
import HTTPForm
import PrivateKeyJWT

extension DevOrg {
    /// The longest assertion lifetime Okta accepts: `exp` at most an hour ahead (docs/OKTA.md).
    static let maximumAssertionLifetime: TimeInterval = 3600
    /// Clock skew allowed on iat and nbf. Okta tolerates a client clock a little ahead of its own
    /// (its docs speak of clock skew without a figure); 60 s is the usual JWT leeway and the default
    /// of `pkjwt verify`, so a client whose clock is up to a minute fast is served as Okta serves it.
    static let clockSkew: TimeInterval = 60

    /// POST /oauth2/v1/token or /oauth2/{authServerId}/v1/token.
    func token(path: String, authorizationServer: String?, request: DevTokenRequest) async -> DevReply {
        await state.countTokenRequest()
        if let reset = await state.admitTokenRequest(now: now.timeIntervalSince1970) {
            return .rateLimited(reset: reset, limit: state.tokenRateLimit ?? 0)
        }
        if let id = authorizationServer, id != "default" { return .notFound("\(id) (AuthorizationServer)") }
        if let refusal = request.refusal { return refusal }
        let form = request.form
        guard form["grant_type"] == "client_credentials" else {
            return .oauth(
                .badRequest, "unsupported_grant_type",
                "The authorization grant type is not supported by the authorization server.")
        }
        let client: DevApp
        switch await authenticate(form: form, endpoint: path) {
        case .failure(let refusal): return refusal.reply
        case .success(let app): client = app
        }
        guard client.grantTypes.contains("client_credentials") else {
            return .oauth(
                .badRequest, "unauthorized_client",
                "The client is not authorized to use the provided grant type. Configured grant types: "
                    + "[\(client.grantTypes.joined(separator: ", "))].")
        }
        guard let scope = form["scope"], !scope.trimmingCharacters(in: .whitespaces).isEmpty else {
            return .oauth(.badRequest, "invalid_scope", "The client must request at least one scope.")
        }
        // RFC 6749 §3.3: scope-token *( SP scope-token ) — one space between tokens, none around.
        let scopes = scope.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard !scopes.contains("") else {
            return .oauth(.badRequest, "invalid_scope", "The scope parameter is malformed.")
        }
        if scopes.contains("openid") {
            return .oauth(
                .badRequest, "invalid_scope", "The 'openid' scope is not allowed for the client_credentials grant.")
        }
        if authorizationServer == nil {
            let granted = Set(client.grants.filter { $0.status == .active }.map(\.scopeId))
            let missing = scopes.filter { !granted.contains($0) }
            guard missing.isEmpty else {
                return .oauth(
                    .badRequest, "invalid_scope",
                    "One or more scopes are not configured for the authorization server resource: "
                        + "\(missing.joined(separator: " ")) is not granted to this client."
                )
            }
        } else if scopes.contains(where: { $0.hasPrefix("okta.") }) {
            return .oauth(
                .badRequest, "invalid_scope", "Okta API scopes are issued by the org authorization server only.")
        }
        let orgURL = await state.orgURL
        let jkt: String?
        switch await tokenBinding(proofs: request.dpopProofs, app: client, url: orgURL + path) {
        case .refused(let reply): return reply
        case .bearer: jkt = nil
        case .bound(let thumbprint): jkt = thumbprint
        }
        let issuer = authorizationServer.map { "\(orgURL)/oauth2/\($0)" } ?? orgURL
        guard let accessToken = issueAccessToken(issuer: issuer, clientID: client.id, scopes: scopes, jkt: jkt) else {
            return .oauth(.internalServerError, "server_error", "The access token could not be signed.")
        }
        var reply = DevReply.json(
            .ok,
            TokenReply(
                token_type: jkt == nil ? "Bearer" : "DPoP", access_token: accessToken,
                expires_in: Int(state.tokenLifetime), scope: scopes.joined(separator: " ")))
        reply.headers.append((.cacheControl, "no-store"))
        return reply
    }

    struct TokenReply: Encodable {
        let token_type: String
        let access_token: String
        let expires_in: Int
        let scope: String
    }

    /// Client authentication by private_key_jwt (RFC 7523 §2.2): the app the assertion names, if
    /// every check Okta makes holds.
    func authenticate(form: [String: String], endpoint path: String) async -> Result<DevApp, DevServerError> {
        guard let assertion = form["client_assertion"] else {
            return .failure(
                .clientAuthentication(
                    "Client authentication failed. Either the client or the client credentials are invalid."))
        }
        guard form["client_assertion_type"] == ClientAssertion.assertionType else {
            return .failure(
                .clientAuthentication(
                    "The client_assertion_type is invalid; it must be \(ClientAssertion.assertionType)."))
        }
        // The claims are read before the signature only to find the client and its key.
        guard let peeked = try? JWS.peek(assertion),
            let unverified = try? JSONValue.parseObject(peeked.payload, what: "claims")
        else {
            return .failure(.clientAuthentication("The client_assertion token is malformed."))
        }
        guard let clientID = unverified["iss"]?.stringValue, let app = await state.app(clientID) else {
            return .failure(.clientAuthentication("The client_id is invalid."))
        }
        // A deactivated app, or one that authenticates otherwise, takes no assertion: Okta answers as
        // for a bad credential, so only the app's settings (pkjwt doctor reads them) say which it is.
        guard app.status == .active, app.authMethod == "private_key_jwt" else {
            return .failure(
                .clientAuthentication(
                    "Client authentication failed. Either the client or the client credentials are invalid."))
        }
        if let formClientID = form["client_id"], formClientID != clientID {
            return .failure(.clientAuthentication("The client_id does not match the client_assertion issuer."))
        }
        // The key: by kid, which Okta requires once an app has more than one key.
        let active = app.keys.filter { $0.status == .active }
        let candidates =
            peeked.header["kid"]?.stringValue.map { kid in active.filter { $0.kid == kid } }
            ?? (active.count == 1 ? active : [])
        guard let registered = candidates.first else {
            return .failure(.clientAuthentication("The client_assertion JWT kid is invalid."))
        }
        let claims: [String: JSONValue]
        do {
            claims = try JSONValue.parseObject(Self.verify(assertion, with: registered.jwk).payload, what: "claims")
        } catch {
            return .failure(.clientAuthentication("The client_assertion signature is invalid."))
        }
        return await checkClaims(claims, app: app, endpoint: path).map { app }
    }

    /// The assertion verified with the registered key by its kind: ES256 under a P-256 key, RS256 under
    /// an RSA one (each verifier refuses the other's alg, so a key signs only its own algorithm).
    static func verify(_ assertion: String, with jwk: JWK) throws(PrivateKeyJWTError) -> VerifiedJWS {
        jwk.kty == "EC"
            ? try JWS.verify(assertion, key: jwk.p256PublicKey()) : try JWS.verify(assertion, key: jwk.rsaPublicKey())
    }

    /// iss/sub, exact aud, exp present and at most an hour ahead, iat not in the future, jti single use.
    private func checkClaims(_ claims: [String: JSONValue], app: DevApp, endpoint path: String) async -> Result<
        Void, DevServerError
    > {
        let now = self.now.timeIntervalSince1970
        guard claims["iss"]?.stringValue == app.id, claims["sub"]?.stringValue == app.id else {
            return .failure(
                .clientAuthentication("The client_assertion iss and sub claims must both be the client_id."))
        }
        let endpoint = await state.orgURL + path
        guard claims["aud"]?.stringValue == endpoint else {
            return .failure(
                .clientAuthentication(
                    "The audience claim for client_assertion must be the endpoint invoked for the request."
                ))
        }
        guard let exp = claims["exp"]?.numberValue else {
            return .failure(.clientAuthentication("The client_assertion token must have an exp claim."))
        }
        guard exp > now else { return .failure(.clientAuthentication("The client_assertion token is expired.")) }
        guard exp <= now + Self.maximumAssertionLifetime else {
            return .failure(
                .clientAuthentication("The client_assertion token has an expiration too far into the future."))
        }
        if let iat = claims["iat"] {
            guard let issued = iat.numberValue, issued <= now + Self.clockSkew else {
                return .failure(.clientAuthentication("The client_assertion token was issued in the future (iat)."))
            }
            // The lifetime counts from iat too: exp − iat over an hour is refused even when exp is near.
            guard exp - issued <= Self.maximumAssertionLifetime else {
                return .failure(
                    .clientAuthentication("The client_assertion token has an expiration too far into the future."))
            }
        }
        if let nbf = claims["nbf"] {
            guard let notBefore = nbf.numberValue, notBefore <= now + Self.clockSkew else {
                return .failure(.clientAuthentication("The client_assertion token is not valid yet (nbf)."))
            }
        }
        if let jti = claims["jti"] {
            guard let id = jti.stringValue, await state.useAssertionID(id, expiresAt: exp, now: now) else {
                return .failure(.clientAuthentication("The client_assertion token has already been used."))
            }
        }
        return .success(())
    }

    /// An RS256 access token signed with the dev org's own key, as Okta's org server issues them.
    /// With `jkt`, the token is bound to that DPoP key (RFC 9449 §6.1: `cnf.jkt`).
    private func issueAccessToken(issuer: String, clientID: String, scopes: [String], jkt: String?) -> String? {
        let now = self.now.timeIntervalSince1970.rounded(.down)
        var claims: [String: JSONValue] = [
            "ver": .number(1), "jti": .string("AT." + DevIDs.make("")), "iss": .string(issuer), "aud": .string(issuer),
            "iat": .number(now), "exp": .number(now + state.tokenLifetime), "cid": .string(clientID),
            "sub": .string(clientID), "scp": .array(scopes.map(JSONValue.string)),
        ]
        if let jkt { claims["cnf"] = .object(["jkt": .string(jkt)]) }
        return try? JWS.sign(
            payload: JSONValue.object(claims).compactJSON, key: signingKey, kid: signingKeyID,
            typ: "application/okta-internal-at+jwt")
    }
}

/// What the token endpoint checks before the form's values: the transport of the request.
struct DevTokenRequest: Sendable {
    let form: [String: String]
    /// The answer Okta gives to a request malformed before its parameters are read.
    let refusal: DevReply?
    /// Every `DPoP` header field of the request (RFC 9449 §4.3 step 1 allows one).
    let dpopProofs: [String]

    init(body: [UInt8], contentType: String?, query: String?, authorization: String?, dpopProofs: [String] = []) {
        let decoded = FormEncoding.decodeStrictly(body)
        form = decoded ?? [:]
        self.dpopProofs = dpopProofs
        refusal = Self.refusal(decoded: decoded, contentType: contentType, query: query, authorization: authorization)
    }

    private static func refusal(
        decoded: [String: String]?, contentType: String?, query: String?, authorization: String?
    ) -> DevReply? {
        // RFC 6749 §3.2: a POST with application/x-www-form-urlencoded parameters.
        guard contentType?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true else {
            return .oauth(
                .badRequest, "invalid_request",
                "The request must use the content type application/x-www-form-urlencoded.")
        }
        // Parameters belong in the body; Okta refuses them in the query string of the token URL.
        guard query == nil || query == "" else {
            return .oauth(
                .badRequest, "invalid_request", "Parameters must be sent in the request body, not the URL query.")
        }
        // RFC 6749 §3.1: "Request and response parameters MUST NOT be included more than once."
        guard let form = decoded else {
            return .oauth(.badRequest, "invalid_request", "A request parameter is repeated.")
        }
        // RFC 6749 §2.3: "The client MUST NOT use more than one authentication method in each request."
        if authorization != nil, form["client_assertion"] != nil {
            return .oauth(
                .badRequest, "invalid_request",
                "Cannot supply multiple client credentials: use either the Authorization header or a client_assertion.")
        }
        return nil
    }
}
