// OktaDoctor's fixes in pkjwt's words: the command that fixes a finding where pkjwt has one, else the
// setting or the Admin Console step.

import OktaDoctor
import PKJWTConfig

enum DoctorWords {
    static func fix(_ fix: DoctorFix) -> String {
        switch fix {
        case .fixSettingsFile: "fix or move the file named above"
        case .setOktaURL: "set OKTA_URL=https://YOUR-ORG.okta.com in .env (the org URL alone)"
        case .makeKey: "run 'pkjwt keygen'"
        case .registerApp: "run 'pkjwt register' (it needs API_KEY), or set CLIENT_ID to the app's id"
        case .setScopes: "set SCOPES in .env, e.g. SCOPES='okta.users.read'"
        case .renameSettings: "rename them as shown"
        case .makeOrPointAtKey: "run 'pkjwt keygen', or point PRIVATE_KEY_FILE at the key"
        case .restrictKeyFile(let path): "chmod 600 \(DisplayedPath(path))"
        case .replaceKey: "run 'pkjwt keygen' for a new key, or fix the file"
        case .largerKey: "run 'pkjwt keygen --force', then 'pkjwt register' to add the new key to the app"
        case .setKeyID(let thumbprint, let current):
            "set KEY_ID=\(thumbprint) (pkjwt register records it), unless the app holds this key under \(current): "
                + "the app check shows which"
        case .fixOrgURL: "set OKTA_URL to the org URL, like https://example.okta.com"
        case .fixProxy: "fix HTTPS_PROXY (http://HOST:PORT) or unset it"
        case .checkDNS: "check OKTA_URL's host name and this machine's DNS"
        case .useOrgURLAlone: "set OKTA_URL to the org URL alone, like https://example.okta.com"
        case .useIssuer(let issuer): "set OKTA_URL=\(issuer ?? "the org URL") (the assertion's aud is made from it)"
        case .checkNetwork: "check OKTA_URL, this machine's network, and HTTPS_PROXY/NO_PROXY"
        case .raiseTimeout: "the org did not answer in time: check the network, the proxy, or raise --timeout"
        case .setClock:
            "set the clock with NTP (timedatectl set-ntp true); pkjwt token signs again on Okta's time after one "
                + "refusal, other clients do not"
        case .okta(let hint): OktaWords.hint(hint)
        case .checkAPIKeyAndClientID: "check API_KEY and CLIENT_ID"
        case .addKeyToApp: "run 'pkjwt register' (it adds the key to the app)"
        case .activateKey(let appID, let keyID):
            "activate it: Admin Console, the app's General tab, Public Keys, Activate (or POST "
                + "/api/v1/apps/\(appID)/credentials/jwks/\(keyID)/lifecycle/activate)"
        case .useRegisteredKID(let kid): "set KEY_ID=\(kid) in .env"
        case .allowDPoP: "remove DPOP=false (or set DPOP=true)"
        case .activateApp(let appID):
            "activate it: Admin Console, Applications, the app, Activate (or POST "
                + "/api/v1/apps/\(appID)/lifecycle/activate)"
        case .usePrivateKeyJWT:
            "Admin Console, the app's General tab, Client Credentials: choose 'Public key / Private key'"
        case .allowClientCredentials:
            "Admin Console, the app's General tab: allow the Client Credentials grant (a service app)"
        case .grantScopes: "run 'pkjwt register' (it grants SCOPES), or grant them on the app's Okta API Scopes tab"
        case .assignAdminRole:
            "run 'pkjwt register --admin-role READ_ONLY_ADMIN' (or the role the calls need), or assign one on the "
                + "app's Admin roles tab"
        case .fixDPoPSetting: "set DPOP=true or DPOP=false, or remove it"
        case .grantMissingScopes: "grant the missing scopes to the app ('pkjwt register')"
        case .askOktaSupport: "give Okta's request id above to Okta support, or run pkjwt doctor again later"
        case .fixNamedSetting: "fix the setting or file the message names, then run pkjwt doctor again"
        case .readWithAPIKey(let check, let refusal):
            OktaWords.hint(refusal) + "; to see the app's settings, set API_KEY and run pkjwt doctor again; "
                + (consoleStep[check] ?? "")
        }
    }

    static let consoleStep: [DoctorCheck.Name: String] = [
        .app:
            "in the Admin Console open the app (Applications > Applications): it must be Active, its client "
            + "authentication 'Public key / Private key', with this key Active among its public keys",
        .grants:
            "in the Admin Console open the app: grant the scopes on its 'Okta API Scopes' tab and an admin role on "
            + "its 'Admin roles' tab",
    ]
}
