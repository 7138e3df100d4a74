// pkjwt quickstart: the whole flow offline — a local org, keygen, register, token, and an API call.

import ArgumentParser
import Foundation
import OktaAPI
import OktaConfig
import OktaDevServer
import PKJWTConfig
import PrivateKeyJWT

struct Quickstart: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quickstart",
        abstract: "Run keygen → register → token against a local Okta org, and call /api/v1/users with the token.",
        discussion: "Everything happens in a temporary folder, offline; nothing in the current folder is touched.")

    func run() async throws {
        let server = try await OktaDevServer.start(.init(port: 0))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pkjwt-quickstart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try await walkThrough(server: server, folder: folder.path)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    private func walkThrough(server: OktaDevServer.Running, folder: String) async throws {
        let http = OktaHTTPClient(
            transport: AsyncHTTPTransport(connectTimeout: 10, totalTimeout: 30), userAgent: "pkjwt/\(PKJWT.version)")
        step(0, "A local Okta org is listening on \(server.url); working in \(folder).")
        let env = """
            OKTA_URL=\(server.url)
            API_KEY=\(server.apiToken)
            SCOPES='okta.users.read'
            PRIVATE_KEY_FILE=\(folder)/private_key.pem

            """
        try SecretFiles.writeSecret(Array(env.utf8), to: folder + "/.env", overwrite: false)
        var configuration = try Configuration.load(envFile: folder + "/.env", environment: [:])

        let (key, path) = try Keygen.recordNewKey(in: &configuration, force: false)
        step(
            1,
            "pkjwt keygen: 2048-bit RSA key in \(path) (mode 0600), kid \(key.thumbprint), recorded in .env.")

        let report = try await Register.register(
            &configuration, via: .dcr, name: "pkjwt quickstart", adminRole: "READ_ONLY_ADMIN", http: http)
        step(
            2,
            "pkjwt register: service app \(report.client_id) created with the public JWK; granted "
                + "\(report.scopes_granted_now.joined(separator: " ")); admin role READ_ONLY_ADMIN."
        )

        let again = try await Register.register(
            &configuration, via: .dcr, name: "pkjwt quickstart", adminRole: "READ_ONLY_ADMIN", http: http)
        step(
            3, "pkjwt register again: \(again.changedNothing ? "nothing to change (idempotent)" : "UNEXPECTED CHANGE")")

        let token = try await configuration.tokens(http: http).fetch(authServer: nil)
        step(
            4,
            "pkjwt token: signed an RS256 client assertion (aud \(server.url)/oauth2/v1/token, 5-minute exp, fresh "
                + "jti) and got a \(token.tokenType) token for '\(token.scope ?? "")', valid \(token.expiresIn ?? 0) "
                + "s: \(token.accessToken.prefix(24))…"
        )

        let users = try await OktaManagementClient(
            org: configuration.org(), apiToken: "Bearer " + token.accessToken, http: http
        ).listUsers(limit: 1)
        let login = users.first.flatMap { user in
            if case .object(let profile)? = user["profile"] { profile["login"]?.stringValue } else { nil }
        }
        step(5, "GET /api/v1/users?limit=1 with the token: \(users.count) user (\(login ?? "?")).")
        print(
            "Done. Against a real org: put OKTA_URL, API_KEY and SCOPES in .env, then run pkjwt keygen, pkjwt "
                + "register, pkjwt token."
        )
    }

    private func step(_ number: Int, _ text: String) {
        print(number == 0 ? text : "\(number). \(text)")
    }
}
