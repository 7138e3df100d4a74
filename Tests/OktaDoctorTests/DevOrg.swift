import Foundation
import OktaAPI
import OktaConfig
import OktaDevServer
import PrivateKeyJWT

@testable import OktaDoctor

/// An in-process dev org and a folder with a key and an app registered on it, for a doctor run.
struct DevOrg {
    static let http = OktaHTTPClient(transport: AsyncHTTPTransport(), retry: .never)
    static let key = Result { try RSAPrivateKey(generatingBits: 2048) }

    let server: OktaDevServer.Running
    let folder: String
    let clientID: String

    /// A started org with an app that holds the key, `granted` scopes and, with `role`, READ_ONLY_ADMIN.
    static func start(granted: [String] = ["okta.users.read"], role: Bool = true) async throws -> DevOrg {
        let server = try await OktaDevServer.start(.init(port: 0))
        let folder = NSTemporaryDirectory() + "okta-doctor-" + UUID().uuidString
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let key = try Self.key.get()
            try key.pemRepresentation.write(toFile: folder + "/key.pem", atomically: false, encoding: .utf8)
            chmod(folder + "/key.pem", 0o600)
            let client = try OktaManagementClient(org: OktaOrg(server.url), apiToken: server.apiToken, http: http)
            let app = try await client.registerServiceApp(
                name: "doctor", key: JWK(publicKey: key.publicKey, kid: key.publicKey.thumbprint))
            for scope in granted { _ = try await client.grant(appID: app.client_id, scope: scope) }
            if role { _ = try await client.assignRole(clientID: app.client_id, role: "READ_ONLY_ADMIN") }
            return DevOrg(server: server, folder: folder, clientID: app.client_id)
        } catch {
            await server.stop()
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
    }

    /// The settings of a working client, with `changes` applied (a nil value removes the setting).
    func dotEnv(_ changes: [String: String?] = [:]) -> String {
        var settings: [String: String?] = [
            "OKTA_URL": server.url, "CLIENT_ID": clientID, "SCOPES": "okta.users.read",
            "PRIVATE_KEY_FILE": folder + "/key.pem", "API_KEY": server.apiToken,
        ]
        settings.merge(changes) { $1 }
        return settings.compactMap { name, value in value.map { "\(name)=\($0)\n" } }.sorted().joined()
    }

    /// Every check's outcome with `changes` to the settings, by name.
    func doctor(_ changes: [String: String?] = [:]) async throws -> [DoctorCheck.Name: DoctorCheck] {
        let envFile = folder + "/.env"
        try dotEnv(changes).write(toFile: envFile, atomically: false, encoding: .utf8)
        let environment = ["HOME": folder]
        var run = DoctorRun(
            .init(
                load: { try OktaConfiguration(envFile: envFile, environment: environment) },
                tokens: { TokenSource($0, http: Self.http, cacheDirectory: folder + "/cache") }, http: Self.http,
                caFile: nil, callPath: "/api/v1/users?limit=1", environment: environment))
        return Dictionary(uniqueKeysWithValues: await run.all().map { ($0.name, $0) })
    }

    func stop() async {
        await server.stop()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Runs `body` with a started org, which is stopped also when `body` fails.
    static func with(
        granted: [String] = ["okta.users.read"], role: Bool = true, _ body: (DevOrg) async throws -> Void
    ) async throws {
        let org = try await start(granted: granted, role: role)
        do { try await body(org) } catch {
            await org.stop()
            throw error
        }
        await org.stop()
    }
}
