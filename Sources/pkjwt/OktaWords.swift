// OktaAPI's failures in pkjwt's words: its typed hints and settings named by the commands, flags
// and .env keys a pkjwt user has. OktaAPI itself names none of them.

import OktaAPI

enum OktaWords {
    /// The whole error as pkjwt prints it.
    static func describe(_ error: OktaAPIError) -> String {
        switch error {
        case .missingSetting(let setting): missing(setting)
        case .invalidSetting(let setting, let problem): "\(name(setting)) \(problem)"
        case .untrustedCertificate(let url, let host):
            "cannot reach \(url): TLS: the certificate of \(host) is not signed by a CA pkjwt trusts. Hint: "
                + "\(hint(.trustCA))"
        case .okta(let failure): failure.description(hint: failure.hint.map(hint))
        default: error.description
        }
    }

    static func name(_ setting: OktaSetting) -> String {
        switch setting {
        case .orgURL: "OKTA_URL"
        case .apiToken: "API_KEY"
        case .clientID: "CLIENT_ID"
        case .scopes: "SCOPES"
        case .authorizationServer: "--auth-server"
        case .caFile: "the CA file (--cacert or SSL_CERT_FILE)"
        case .caDirectory: "the CA directory (SSL_CERT_DIR)"
        case .assertionLifetime: "--lifetime"
        }
    }

    static func missing(_ setting: OktaSetting) -> String {
        switch setting {
        case .apiToken: "API_KEY (an Okta API token) is not set"
        case .clientID: "CLIENT_ID is not set: run 'pkjwt register' first"
        case .scopes: "no scopes: set SCOPES (space-separated, e.g. 'okta.users.read')"
        default: "\(name(setting)) is not set"
        }
    }

    // Exhaustive on purpose: a new hint in OktaAPI does not build until pkjwt has words for it.
    static func hint(_ hint: OktaHint) -> String {
        switch hint {
        case .turnOnDPoP:
            "this app requires DPoP-bound tokens: pkjwt sends DPoP proofs when Okta asks for them unless DPOP=false is "
                + "set; remove it, or set DPOP=true"
        case .checkClockOrReplaceDPoPKey:
            "Okta refused the DPoP proof: check this machine's clock (NTP); if it persists, remove the DPoP key file "
                + "to make a new one"
        case .presentTokenWithDPoP:
            "the token is DPoP-bound: send it as 'Authorization: DPoP <token>' with a DPoP proof ('pkjwt proof METHOD "
                + "URL' prints both headers)"
        case .replaceAPIToken:
            "API_KEY is not a valid Okta API token for this org: create one in the Admin Console (Security > API > "
                + "Tokens) and set API_KEY"
        case .grantAdminRole:
            "the caller lacks an admin role or scope for this call: give the API token's admin (or the service app, "
                + "with --admin-role) the right role"
        case .rateLimited: "rate limited; pkjwt waited for X-Rate-Limit-Reset and retried. Try again later"
        case .allowScopes: "\(hint) (drop --auth-server)"
        case .grantScopes:
            "the scope is not granted to this app (or is not an Okta API scope): run 'pkjwt register' to grant SCOPES, "
                + "or grant it in the Admin Console (Okta API Scopes)"
        case .registerKey: "\(hint): check KEY_ID, or register the key with 'pkjwt register'"
        case .assertionReplayed:
            "the assertion's jti was used before; pkjwt makes a new one per request, so something replayed it"
        case .checkAudience: "\(hint): check OKTA_URL and --auth-server"
        case .registerServiceApp: "\(hint): register it with 'pkjwt register'"
        case .checkClientCredentials:
            "check CLIENT_ID, KEY_ID and that the private key matches the key registered for the app"
        case .checkAPIToken: "check API_KEY (an Okta API token, sent as 'SSWS <token>')"
        case .noSuchAuthorizationServer(let id):
            "this org has no authorization server '\(id)': check --auth-server (the org authorization server needs "
                + "none)"
        case .keyRemoved: "\(hint) and run 'pkjwt register' again"
        case .noSuchApp: "\(hint): check CLIENT_ID (and that OKTA_URL is the org it was registered in)"
        case .noSuchEndpoint:
            "this org has no such endpoint: check OKTA_URL (the org URL alone, like https://example.okta.com)"
        case .trustCA:
            "a proxy that inspects TLS, or a private CA? pass its CA certificate with --cacert FILE or SSL_CERT_FILE"
        case .checkClock, .useServiceApp: hint.description
        }
    }
}
