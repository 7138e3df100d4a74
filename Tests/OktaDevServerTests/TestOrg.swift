import Foundation
import OktaAPI
import OktaDevServer
import PrivateKeyJWT
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// An in-process dev org for each test, driven through OktaAPI's own clients.
enum TestOrg {
    static let http = OktaHTTPClient(transport: AsyncHTTPTransport(), retry: .never)

    static func withServer(_ body: (OktaDevServer.Running, OktaManagementClient) async throws -> Void) async throws {
        let server = try await OktaDevServer.start(.init(port: 0))
        let client = try OktaManagementClient(org: OktaOrg(server.url), apiToken: server.apiToken, http: http)
        do { try await body(server, client) } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// The error a call ends in, as text; "accepted" when it succeeds.
    static func failure(_ body: () async throws -> Void) async -> String {
        do { try await body(); return "accepted" } catch { return "\(error)" }
    }

    /// A new app with one scope granted, and a token client for it.
    static func grantedApp(_ server: OktaDevServer.Running, _ client: OktaManagementClient, scope: String)
        async throws -> (id: String, tokens: OktaTokenClient)
    {
        let key = try RSAPrivateKey(generatingBits: 2048)
        let app = try await client.registerServiceApp(name: "x", key: JWK(publicKey: key.publicKey, kid: "k"))
        _ = try await client.grant(appID: app.client_id, scope: scope)
        let tokens = try OktaTokenClient(
            org: OktaOrg(server.url), clientID: app.client_id, key: key, kid: "k", http: http)
        return (app.client_id, tokens)
    }

    static func get(_ url: String) async throws -> [UInt8] {
        try await http.send { () throws(OktaAPIError) -> HTTPRequest in
            HTTPRequest(method: .get, url: URL(string: url)!)
        }.body
    }
}
