// The reading of the app in Okta with API_KEY: the app's settings, its keys against the local one,
// its scope grants and admin roles.

import Foundation
import OktaAPI
import OktaConfig
import PrivateKeyJWT

extension DoctorRun {
    /// The app and grants checks, which share the management client and the app.
    mutating func appChecks() async -> (DoctorCheck, DoctorCheck) {
        guard let configuration, let org, let apiKey = configuration[.apiKey] else {
            let why =
                configuration?[.apiKey] == nil
                ? "API_KEY is not set: the app's settings cannot be read (the token check traces what it can)"
                : "no org to ask (see network)"
            return (.skip(.app, why), .skip(.grants, why))
        }
        guard let clientID = configuration[.clientID] else {
            return (.skip(.app, "no CLIENT_ID (see configuration)"), .skip(.grants, "no CLIENT_ID (see configuration)"))
        }
        let client: OktaManagementClient
        do { client = try OktaManagementClient(org: org, apiToken: apiKey, http: http) } catch {
            return (
                .fail(.app, words(error), fix: .okta(.replaceAPIToken)),
                .skip(.grants, "API_KEY cannot be used (see app)")
            )
        }
        let start = Date()
        let app = Self.timed(await appCheck(client, clientID: clientID), since: start)
        guard self.app != nil else { return (app, .skip(.grants, "the app could not be read (see app)")) }
        let grantsStart = Date()
        let grants = await grantsCheck(client, clientID: clientID, scopes: configuration.scopes)
        return (app, Self.timed(grants, since: grantsStart))
    }

    /// Active, private_key_jwt, client_credentials, the local key among its keys and active, DPoP.
    private mutating func appCheck(_ client: OktaManagementClient, clientID: String) async -> DoctorCheck {
        let found: OktaApp
        let keys: [AppKey]
        do {
            found = try await client.app(id: clientID)
            keys = try await client.listKeys(appID: clientID)
        } catch {
            return .fail(.app, words(error), fix: Self.managementFix(error))
        }
        app = found
        var details = keys.map { "key \($0.kid ?? "(no kid)") \($0.status)" + (isLocal($0) ? " (this key)" : "") }
        details.append("DPoP " + (found.dpopBoundAccessTokens == true ? "required" : "not required"))
        if let problem = Self.settingsProblem(found) {
            return .fail(.app, problem.saw, fix: problem.fix, details: details)
        }
        guard let local = keys.first(where: isLocal) else {
            return .fail(
                .app, "this key is not among the app's \(keys.count) key\(keys.count == 1 ? "" : "s")",
                fix: .addKeyToApp, details: details)
        }
        guard local.status == .active else {
            return .fail(
                .app, "this key is on the app but \(local.status)", fix: .activateKey(appID: clientID, keyID: local.id),
                details: details)
        }
        let sent = configuration?[.keyID] ?? key?.thumbprint
        if let kid = local.kid, kid != sent {
            return .fail(
                .app, "the app holds this key under kid \(kid); the assertion's kid is \(sent ?? "none")",
                fix: .useRegisteredKID(kid), details: details)
        }
        if found.dpopBoundAccessTokens == true, let configuration,
            (try? DPoPKeyFile.Preference(configuration, flag: false)) == .never
        {
            return .fail(.app, "the app requires DPoP, and DPOP=false turns it off", fix: .allowDPoP, details: details)
        }
        return .pass(.app, "\(found.label ?? clientID) is ACTIVE, private_key_jwt, this key ACTIVE", details: details)
    }

    private func isLocal(_ registered: AppKey) -> Bool {
        switch key {
        case .rsa(let rsa)?:
            guard let n = registered.n, let modulus = try? Base64.urlDecode(n) else { return false }
            return Array(modulus.drop { $0 == 0 }) == rsa.publicKey.modulus
        case .p256(let p256)?:
            return registered.x == Base64.urlEncode(p256.publicKey.xBytes)
                && registered.y == Base64.urlEncode(p256.publicKey.yBytes)
        case nil: return false
        }
    }

    private static func settingsProblem(_ app: OktaApp) -> (saw: String, fix: DoctorFix)? {
        if let status = app.status, status != "ACTIVE" { return ("the app is \(status)", .activateApp(appID: app.id)) }
        if let method = app.tokenEndpointAuthMethod, method != "private_key_jwt" {
            return ("the app authenticates with \(method), not private_key_jwt", .usePrivateKeyJWT)
        }
        if let grants = app.grantTypes, !grants.contains("client_credentials") {
            return (
                "the app's grant types are \(grants.joined(separator: ", ")): no client_credentials",
                .allowClientCredentials
            )
        }
        return nil
    }

    /// Each of SCOPES granted, and an admin role where a management scope needs one.
    private func grantsCheck(_ client: OktaManagementClient, clientID: String, scopes: [String]) async -> DoctorCheck {
        let grants: [AppGrant]
        let roles: [AdminRole]
        do {
            grants = try await client.listGrants(appID: clientID)
            roles = try await client.listRoles(clientID: clientID)
        } catch {
            return .fail(.grants, words(error), fix: Self.managementFix(error))
        }
        let granted = Set(grants.filter { $0.status == nil || $0.status == "ACTIVE" }.map(\.scopeId))
        let active = roles.filter { $0.status == nil || $0.status == "ACTIVE" }.map(\.type)
        let details = [
            "granted: " + (granted.isEmpty ? "none" : granted.sorted().joined(separator: " ")),
            "admin roles: " + (active.isEmpty ? "none" : active.joined(separator: ", ")),
        ]
        let missing = scopes.filter { !granted.contains($0) }
        if !missing.isEmpty {
            return .fail(
                .grants, "not granted to the app: \(missing.joined(separator: " "))", fix: .grantScopes,
                details: details)
        }
        if active.isEmpty, scopes.contains(where: { $0.hasPrefix("okta.") }) {
            return .fail(
                .grants, "the scopes are granted, but the app has no admin role: Okta's management API answers 403",
                fix: .assignAdminRole, details: details)
        }
        return .pass(
            .grants, "every scope in SCOPES is granted; admin role \(active.first ?? "not needed")", details: details)
    }
}
