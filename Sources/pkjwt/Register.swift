// pkjwt register: the service app with the key, the granted scopes, and an optional admin role —
// idempotent: a second run changes nothing and says so.

import ArgumentParser
import Foundation
import OktaAPI
import OktaConfig
import PrivateKeyJWT

struct Register: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Create the Okta service app with your public key and grant it SCOPES.",
        discussion: """
            Needs OKTA_URL, API_KEY (an Okta API token), SCOPES and a private key (pkjwt keygen). \
            Writes CLIENT_ID to the .env file. With CLIENT_ID already set, it adds the key to that app \
            if it is missing, and grants only the scopes not yet granted.
            """)

    enum Via: String, ExpressibleByArgument, CaseIterable { case dcr, apps }

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: "dcr (Dynamic Client Registration) or apps (the Apps API).")
    var via: Via = .dcr

    @Option(name: .long, help: "Also assign this admin role to the app (e.g. SUPER_ADMIN, ORG_ADMIN, READ_ONLY_ADMIN).")
    var adminRole: String?

    @Option(name: .long, help: "The app's name in Okta.")
    var name: String = "pkjwt service app"

    @OptionGroup var output: JSONOption

    @Flag(name: .long, help: "Create the app with DPoP required (Okta: 'Require DPoP header in token requests').")
    var dpop = false

    func run() async throws {
        // The lock spans create-and-record: a second register waits, then finds CLIENT_ID.
        var configuration = try options.load(locked: true)
        let report = try await Self.register(
            &configuration, via: via, name: name, adminRole: adminRole, requireDPoP: dpop, http: options.http)
        if output.json { Output.json(report) } else { report.print() }
    }

    struct Report: Encodable {
        var client_id = ""
        var kid = ""
        var app_created = false
        /// An app this configuration made earlier (same name and key), found instead of made again.
        var app_adopted = false
        var key_added = false
        var scopes_granted_now: [String] = []
        var scopes_granted_before: [String] = []
        var admin_role_assigned_now: String?
        /// The app was created with DPoP required.
        var dpop_required = false

        var changedNothing: Bool {
            !app_created && !app_adopted && !key_added && scopes_granted_now.isEmpty && admin_role_assigned_now == nil
        }

        func print() {
            Swift.print("client_id: \(client_id)")
            Swift.print("kid: \(kid)")
            if app_adopted {
                Swift.print("app: found the app an earlier run created (its answer was lost) and kept it")
            }
            Swift.print(
                "scopes granted now: \(scopes_granted_now.isEmpty ? "none" : scopes_granted_now.joined(separator: " "))"
            )
            Swift.print(
                "scopes granted before: "
                    + "\(scopes_granted_before.isEmpty ? "none" : scopes_granted_before.joined(separator: " "))"
            )
            if let role = admin_role_assigned_now { Swift.print("admin role assigned now: \(role)") }
            if dpop_required { Swift.print("dpop: required (pkjwt token sends DPoP proofs for this app on its own)") }
            if changedNothing {
                Output.diagnostic("pkjwt: already registered with this key and these scopes; nothing changed")
            }
        }
    }

    static func register(
        _ configuration: inout Configuration, via: Via, name: String, adminRole: String?, requireDPoP: Bool = false,
        http: OktaHTTPClient
    ) async throws -> Report {
        let org = try configuration.org()
        let client = try OktaManagementClient(
            org: org,
            apiToken: configuration.required(.apiKey), http: http)
        let key = try configuration.signingKey()
        var report = Report()
        report.kid = configuration.keyID(for: key)
        // Always with a kid (Okta refuses a second key while any key lacks one), alg and use.
        let jwk = key.publicJWK(kid: report.kid)
        if let clientID = configuration[.clientID] {
            report.client_id = clientID
            report.key_added = try await ensureKey(jwk, on: clientID, client: client)
        } else {
            if requireDPoP { report.dpop_required = true }
            try await createOrAdopt(&report, name: name, jwk: jwk, via: via, requireDPoP: requireDPoP, client: client)
            // Recorded the moment it is known, before any further call can fail.
            try configuration.record([(.clientID, report.client_id), (.keyID, report.kid)])
        }
        // Grants: list first, add only what is missing (granting twice is an error at Okta).
        let before = Set(try await client.listGrants(appID: report.client_id).map(\.scopeId))
        report.scopes_granted_before = before.sorted()
        for scope in configuration.scopes where !before.contains(scope) {
            try await confirmingLostAnswer({ _ = try await client.grant(appID: report.client_id, scope: scope) }) {
                try await client.listGrants(appID: report.client_id).contains { $0.scopeId == scope }
            }
            report.scopes_granted_now.append(scope)
        }
        if let adminRole {
            let roles = try await client.listRoles(clientID: report.client_id)
            if !roles.contains(where: { $0.type == adminRole }) {
                try await confirmingLostAnswer({
                    _ = try await client.assignRole(clientID: report.client_id, role: adminRole)
                }) {
                    try await client.listRoles(clientID: report.client_id).contains { $0.type == adminRole }
                }
                report.admin_role_assigned_now = adminRole
            }
        }
        return report
    }

    /// Creates the app, unless this configuration made it before (a run whose answer was lost):
    /// looked for first, and again after a create whose answer may have been lost on the way back.
    private static func createOrAdopt(
        _ report: inout Report, name: String, jwk: JWK, via: Via, requireDPoP: Bool, client: OktaManagementClient
    ) async throws {
        if let existing = try await ownApp(name: name, jwk: jwk, client: client) {
            (report.client_id, report.app_adopted) = (existing, true)
            return
        }
        do {
            report.client_id =
                try await via == .dcr
                ? client.registerServiceApp(name: name, key: jwk, requireDPoP: requireDPoP).client_id
                : client.createServiceApp(label: name, key: jwk, requireDPoP: requireDPoP).id
            report.app_created = true
        } catch  where error.mayHaveBeenProcessed {
            guard let made = try await ownApp(name: name, jwk: jwk, client: client) else { throw error }
            (report.client_id, report.app_created) = (made, true)
        }
    }

    /// The app named `name` that holds this key (same kid and modulus), if there is one.
    private static func ownApp(name: String, jwk: JWK, client: OktaManagementClient) async throws -> String? {
        for app in try await client.listApps(labelPrefix: name) where app.label == name {
            if try await client.listKeys(appID: app.id).contains(where: { $0.kid == jwk.kid && same($0, jwk) }) {
                return app.id
            }
        }
        return nil
    }

    /// Whether the app's key is `jwk`'s public key: the same modulus, or the same point.
    private static func same(_ registered: AppKey, _ jwk: JWK) -> Bool {
        registered.n == jwk.n && registered.x == jwk.x && registered.y == jwk.y
    }

    /// Adds the key to an existing app unless a key with the same kid and modulus is there.
    private static func ensureKey(_ jwk: JWK, on appID: String, client: OktaManagementClient) async throws -> Bool {
        let keys = try await client.listKeys(appID: appID)
        if let existing = keys.first(where: { $0.kid == jwk.kid }) {
            guard same(existing, jwk) else {
                throw CLIError(
                    "app \(appID) has a different key with kid \(jwk.kid ?? ""): set KEY_ID to a new id, or use that "
                        + "key"
                )
            }
            guard existing.status == .active else {
                throw CLIError(
                    "key \(jwk.kid ?? "") of app \(appID) is \(existing.status): activate it in the Admin Console")
            }
            return false
        }
        try await confirmingLostAnswer({ _ = try await client.addKey(appID: appID, key: jwk) }) {
            try await client.listKeys(appID: appID).contains { $0.kid == jwk.kid && same($0, jwk) }
        }
        return true
    }

    /// Runs a create; when its answer was lost on the way back (it may have been processed), asks
    /// `madeIt` instead of sending it again, and fails only if the create did not happen.
    private static func confirmingLostAnswer(_ create: () async throws -> Void, madeIt: () async throws -> Bool)
        async throws
    {
        do {
            try await create()
        } catch let error as OktaAPIError where error.mayHaveBeenProcessed {
            guard try await madeIt() else { throw error }
        }
    }
}
