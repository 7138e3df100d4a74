import Foundation
import Testing

/// pkjwt export okta-yaml, and okta.yaml as the lowest configuration layer, through the binary.
@Suite("okta.yaml written and read end to end", .serialized)
struct ExportTests {
    static let server = try! DevServerProcess()

    @Test("export: ~/.okta/okta.yaml 0600 in a 0700 folder; no overwrite without --force; --out - prints it")
    func export() throws {
        let s = try DPoPKeyTests.registered(on: Self.server, requireDPoP: false)
        let first = try s.pkjwt("export", "okta-yaml")
        #expect(first.status == 0 && first.stdout.isEmpty, "\(first.stderr)")
        #expect(try s.mode(".okta/okta.yaml") == 0o600)
        #expect(try s.mode(".okta") == 0o700)
        let text = try s.read(".okta/okta.yaml")
        #expect(
            text.contains("authorizationMode: \"PrivateKey\"")
                && text.contains("privateKey: \"\(s.folder.path)/private_key.pem\""))
        #expect(!text.contains(Self.server.apiToken), "the API token is not copied")
        expectExplainedFailure(try s.pkjwt("export", "okta-yaml"), mentioning: "already exists")
        #expect(try s.pkjwt("export", "okta-yaml", "--force").status == 0)
        #expect(try s.pkjwt("export", "okta-yaml", "--out", "-").stdout == text)
    }

    @Test("okta.yaml alone configures token; .env and the environment override it") func lowestLayer() throws {
        let s = try DPoPKeyTests.registered(on: Self.server, requireDPoP: false)
        #expect(try s.pkjwt("export", "okta-yaml").status == 0)
        let elsewhere = try Scratch()
        try FileManager.default.createDirectory(atPath: elsewhere.path(".okta"), withIntermediateDirectories: true)
        try elsewhere.write(".okta/okta.yaml", s.read(".okta/okta.yaml"))
        let token = try elsewhere.pkjwt("token", "--json")
        #expect(token.status == 0, "\(token.stderr)")
        #expect(try jsonObject(token.stdout)["scope"] as? String == "okta.users.read")
        try elsewhere.write(".env", "SCOPES=okta.nothing.granted\n")
        expectExplainedFailure(try elsewhere.pkjwt("token", "--no-cache"), mentioning: "invalid_scope")
        let viaEnvironment = try elsewhere.run(["token", "--no-cache"], environment: ["SCOPES": "okta.users.read"])
        #expect(viaEnvironment.status == 0, "the environment beats .env, which beats okta.yaml")
    }

    @Test("a broken okta.yaml is one line naming the file, its contents not shown") func broken() throws {
        let s = try Scratch()
        try FileManager.default.createDirectory(atPath: s.path(".okta"), withIntermediateDirectories: true)
        try s.write(".okta/okta.yaml", "okta:\n  client:\n    token: 00SECRETSECRET\n    orgUrl: [unclosed\n")
        let result = try s.pkjwt("token")
        expectExplainedFailure(result, mentioning: "okta.yaml")
        #expect(!result.stderr.contains("00SECRETSECRET"))
    }
}
