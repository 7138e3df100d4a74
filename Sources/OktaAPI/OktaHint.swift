// What to do after a failure, and which setting a failure is about, as data. OktaAPI names no flag,
// file or variable of the program that uses it: each case has plain words here (`description`),
// and a program puts it into its own vocabulary (pkjwt: `OktaWords` in the CLI).

/// The next step after a known Okta failure.
public enum OktaHint: Equatable, Sendable, CustomStringConvertible {
    /// The app requires DPoP-bound tokens (RFC 9449) and the caller turned DPoP off.
    case turnOnDPoP
    /// Okta refused the DPoP proof itself: the clock, else the DPoP key.
    case checkClockOrReplaceDPoPKey
    /// A DPoP-bound access token was presented as a Bearer token (RFC 9449 §7.1).
    case presentTokenWithDPoP
    /// E0000011: the API token is not one of this org's.
    case replaceAPIToken
    /// E0000006: the caller has no admin role or scope for the call.
    case grantAdminRole
    /// E0000047, after the client waited for X-Rate-Limit-Reset and retried.
    case rateLimited
    /// invalid_scope at a custom authorization server (okta.* scopes come only from the org's).
    case allowScopes(authorizationServer: String)
    /// invalid_scope at the org authorization server: the app lacks an Okta API scope grant.
    case grantScopes
    /// The assertion's kid is not among the app's keys.
    case registerKey
    /// The assertion's iat or exp look wrong to Okta.
    case checkClock
    /// The assertion's jti was seen before.
    case assertionReplayed
    /// The assertion's aud is not the token URL called.
    case checkAudience
    /// The app does not authenticate with private_key_jwt.
    case registerServiceApp
    /// invalid_client with no more detail: client id, kid or key.
    case checkClientCredentials
    /// unauthorized_client: the app may not use the client_credentials grant.
    case useServiceApp
    /// A 401 from the management API with no Okta error code.
    case checkAPIToken
    /// E0000007 at `/oauth2/{id}/...`.
    case noSuchAuthorizationServer(String)
    /// E0000007 at an app's key.
    case keyRemoved
    /// E0000007 at an app.
    case noSuchApp
    /// E0000007 anywhere else: most often an org URL with a stray path.
    case noSuchEndpoint
    /// A server certificate no trusted CA signed: a TLS-inspecting proxy or a private CA.
    case trustCA

    public var description: String {
        switch self {
        case .turnOnDPoP: "this app requires DPoP-bound tokens: turn DPoP on"
        case .checkClockOrReplaceDPoPKey:
            "Okta refused the DPoP proof: check this machine's clock (NTP); if it persists, use a new DPoP key"
        case .presentTokenWithDPoP:
            "the token is DPoP-bound: send it as 'Authorization: DPoP <token>' with a DPoP proof"
        case .replaceAPIToken:
            "the API token is not valid for this org: create one in the Admin Console (Security > API > Tokens)"
        case .grantAdminRole:
            "the caller lacks an admin role or scope for this call: give the API token's admin (or the service app) "
                + "the right role"
        case .rateLimited: "rate limited; the client waited for X-Rate-Limit-Reset and retried. Try again later"
        case .allowScopes(let id):
            "the authorization server '\(id)' does not allow these scopes for this app: add them to its Scopes and an "
                + "access policy rule (Admin Console > Security > API > Authorization Servers); okta.* scopes come "
                + "only from the org authorization server"
        case .grantScopes:
            "the scope is not granted to this app (or is not an Okta API scope): grant it (Admin Console: the app's "
                + "Okta API Scopes)"
        case .registerKey: "the assertion's kid is not a key registered for this app"
        case .checkClock: "check this machine's clock (NTP): the assertion's iat/exp look wrong to Okta"
        case .assertionReplayed:
            "the assertion's jti was used before; a new assertion is made per request, so something replayed it"
        case .checkAudience: "the assertion's aud must be the exact token URL called"
        case .registerServiceApp: "the app is not a service app using private_key_jwt"
        case .checkClientCredentials:
            "check the client id, the kid and that the private key matches the key registered for the app"
        case .useServiceApp:
            "the app may not use the client_credentials grant: it must be a service app (application_type service)"
        case .checkAPIToken: "check the API token (sent as 'SSWS <token>')"
        case .noSuchAuthorizationServer(let id):
            "this org has no authorization server '\(id)' (the org authorization server needs none)"
        case .keyRemoved: "that key is no longer on the app: list the app's keys"
        case .noSuchApp: "this org has no app with that id"
        case .noSuchEndpoint:
            "this org has no such endpoint: the org URL is the org URL alone, like https://example.okta.com"
        case .trustCA: "a proxy that inspects TLS, or a private CA? trust its CA certificate (SSL_CERT_FILE)"
        }
    }
}

/// The settings an OktaAPI caller supplies, for errors that are about one of them.
public enum OktaSetting: Equatable, Sendable, CustomStringConvertible {
    case orgURL, apiToken, clientID, scopes, authorizationServer, caFile, caDirectory, assertionLifetime

    public var description: String {
        switch self {
        case .orgURL: "the org URL"
        case .apiToken: "the API token"
        case .clientID: "the client id"
        case .scopes: "the scopes"
        case .authorizationServer: "the authorization server id"
        case .caFile: "the CA file"
        case .caDirectory: "the CA directory"
        case .assertionLifetime: "the assertion lifetime"
        }
    }
}
