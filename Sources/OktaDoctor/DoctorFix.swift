// The steps that fix what a doctor check found, as cases: the caller says each in its own words (a
// command of its own where it has one, else the setting or the Admin Console step).

import OktaAPI

/// What to do about a failed or warned check.
public enum DoctorFix: Equatable, Sendable {
    // configuration
    /// The .env or okta.yaml named in `saw` cannot be read.
    case fixSettingsFile
    case setOktaURL
    /// No private key is configured: make one.
    case makeKey
    /// No CLIENT_ID: register an app (which needs API_KEY), or set the app's id.
    case registerApp
    case setScopes
    /// Some .env keys look like misspelled settings (listed in details).
    case renameSettings
    // key
    /// PRIVATE_KEY_FILE names nothing reachable.
    case makeOrPointAtKey
    /// The key file can be read by others than its owner.
    case restrictKeyFile(path: String)
    /// The key cannot be used: make a new one or fix the file.
    case replaceKey
    /// The key is smaller than RS256 allows: make a larger one and add it to the app.
    case largerKey
    /// KEY_ID is not the key's thumbprint.
    case setKeyID(thumbprint: String, current: String)
    // network
    /// OKTA_URL is refused by the URL policy.
    case fixOrgURL
    case fixProxy
    case checkDNS
    /// OKTA_URL answered, but not as an org: it must be the org URL alone.
    case useOrgURLAlone
    /// The server names itself otherwise: OKTA_URL should be its issuer.
    case useIssuer(String?)
    case checkNetwork
    case raiseTimeout
    // clock
    case setClock
    // app and grants
    /// Okta's own hint for the refusal.
    case okta(OktaHint)
    case checkAPIKeyAndClientID
    /// The local key is not on the app.
    case addKeyToApp
    case activateKey(appID: String, keyID: String)
    /// The app holds this key under another kid.
    case useRegisteredKID(String)
    /// The app requires DPoP and DPOP=false turns it off.
    case allowDPoP
    case activateApp(appID: String)
    case usePrivateKeyJWT
    case allowClientCredentials
    case grantScopes
    case assignAdminRole
    // token
    case fixDPoPSetting
    case grantMissingScopes
    /// Okta failed without a hint: its request id is for Okta support.
    case askOktaSupport
    /// A setting or file named in `saw` is wrong.
    case fixNamedSetting
    /// Not read without API_KEY, but the token request's refusal points at this check.
    case readWithAPIKey(DoctorCheck.Name, refusal: OktaHint)
}
