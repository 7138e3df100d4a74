// pkjwt register: the service app with the key, the granted scopes, and an optional admin role —
// idempotent: a second run changes nothing and says so.

import ArgumentParser
import Foundation
import OktaAPI
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

    @Flag(name: .long, help: "Print the result as JSON.")
    var json = false

    func run() async throws {
        // The lock spans create-and-record: a second register waits, then finds CLIENT_ID.
        var configuration = try options.load(locked: true)
        let report = try await Self.register(&configuration, via: via, name: name, adminRole: adminRole, http: options.http)
        if json { Output.json(report) } else { report.print() }
    }

    struct Report: Encodable {
        var client_id = ""
        var kid = ""
        var app_created = false
        var key_added = false
        var scopes_granted_now: [String] = []
        var scopes_granted_before: [String] = []
        var admin_role_assigned_now: String?

        var changedNothing: Bool { !app_created && !key_added && scopes_granted_now.isEmpty && admin_role_assigned_now == nil }

        func print() {
            Swift.print("client_id: \(client_id)")
            Swift.print("kid: \(kid)")
            Swift.print("scopes granted now: \(scopes_granted_now.isEmpty ? "none" : scopes_granted_now.joined(separator: " "))")
            Swift.print("scopes granted before: \(scopes_granted_before.isEmpty ? "none" : scopes_granted_before.joined(separator: " "))")
            if let role = admin_role_assigned_now { Swift.print("admin role assigned now: \(role)") }
            if changedNothing { Output.diagnostic("pkjwt: already registered with this key and these scopes; nothing changed") }
        }
    }

    static func register(_ configuration: inout Configuration, via: Via, name: String, adminRole: String?, http: OktaHTTPClient) async throws -> Report {
        let org = try configuration.org()
        let client = try OktaManagementClient(org: org, apiToken: configuration.required(.apiKey, "set API_KEY to an Okta API token (Admin Console > Security > API > Tokens)"), http: http)
        let key = try configuration.privateKey()
        var report = Report()
        report.kid = configuration[.keyID] ?? key.publicKey.thumbprint
        // Always with a kid (Okta refuses a second key while any key lacks one), alg and use.
        let jwk = JWK(publicKey: key.publicKey, kid: report.kid, alg: "RS256", use: "sig")
        if let clientID = configuration[.clientID] {
            report.client_id = clientID
            report.key_added = try await ensureKey(jwk, on: clientID, client: client)
        } else {
            report.client_id = try await via == .dcr
                ? client.registerServiceApp(name: name, key: jwk).client_id
                : client.createServiceApp(label: name, key: jwk).id
            report.app_created = true
            try configuration.record([(.clientID, report.client_id), (.keyID, report.kid)])
        }
        // Grants: list first, add only what is missing (granting twice is an error at Okta).
        let before = Set(try await client.listGrants(appID: report.client_id).map(\.scopeId))
        report.scopes_granted_before = before.sorted()
        for scope in configuration.scopes where !before.contains(scope) {
            _ = try await client.grant(appID: report.client_id, scope: scope)
            report.scopes_granted_now.append(scope)
        }
        if let adminRole {
            let roles = try await client.listRoles(clientID: report.client_id)
            if !roles.contains(where: { $0.type == adminRole }) {
                _ = try await client.assignRole(clientID: report.client_id, role: adminRole)
                report.admin_role_assigned_now = adminRole
            }
        }
        return report
    }

    /// Adds the key to an existing app unless a key with the same kid and modulus is there.
    private static func ensureKey(_ jwk: JWK, on appID: String, client: OktaManagementClient) async throws -> Bool {
        let keys = try await client.listKeys(appID: appID)
        if let existing = keys.first(where: { $0.kid == jwk.kid }) {
            guard existing.n == jwk.n else { throw CLIError("app \(appID) has a different key with kid \(jwk.kid ?? ""): set KEY_ID to a new id, or use that key") }
            guard existing.status == "ACTIVE" else { throw CLIError("key \(jwk.kid ?? "") of app \(appID) is \(existing.status): activate it in the Admin Console") }
            return false
        }
        _ = try await client.addKey(appID: appID, key: jwk)
        return true
    }
}
