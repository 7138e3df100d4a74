import Foundation
import PKJWTConfig
import PrivateKeyJWT
import TestVectors
import Testing

@testable import OktaConfig

/// A fresh folder with a home of its own (for ~/.okta/okta.yaml), removed by `remove()`.
struct Home {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "okta-config-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path + "/.okta", withIntermediateDirectories: true)
    }
    func remove() { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { path + "/" + name }
    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: file(name), atomically: false, encoding: .utf8)
    }
    var environment: [String: String] { ["HOME": path] }
}

@Suite("OktaConfiguration: okta.yaml < .env < environment < flags, SDK aliases, the key in force")
struct OktaConfigurationTests {
    static let yaml = """
        okta:
          client:
            orgUrl: "https://yaml.example.com"
            authorizationMode: "PrivateKey"
            clientId: "yaml-client"
            scopes: ["okta.apps.read"]
        """

    @Test("each layer overrides the one before; the layer in force is named")
    func precedence() throws {
        let home = try Home()
        defer { home.remove() }
        try home.write(".okta/okta.yaml", Self.yaml)
        try home.write(".env", "OKTA_URL=https://env.example.com\nSCOPES=okta.users.read\n")
        var environment = home.environment
        environment["SCOPES"] = "okta.groups.read"
        let configuration = try OktaConfiguration(
            envFile: home.file(".env"), environment: environment, flags: [.scopes: "okta.logs.read", .keyID: nil])
        #expect(configuration[.clientID] == "yaml-client" && configuration.layer(of: .clientID) == .oktaYAML)
        #expect(configuration[.oktaURL] == "https://env.example.com" && configuration.layer(of: .oktaURL) == .dotEnv)
        #expect(configuration.scopes == ["okta.logs.read"] && configuration.layer(of: .scopes) == .flag)
        #expect(configuration[.keyID] == nil && configuration.layer(of: .keyID) == nil, "a nil flag sets nothing")
        #expect(configuration.isDecidedByDotEnv(.oktaURL) && configuration.isDecidedByDotEnv(.keyID))
        #expect(!configuration.isDecidedByDotEnv(.scopes))
    }

    @Test("the Okta SDKs' names count where the own name is absent in that layer; empty is unset")
    func aliases() throws {
        let home = try Home()
        defer { home.remove() }
        try home.write(
            ".env", "OKTA_CLIENT_ORGURL=https://alias.example.com\nCLIENT_ID=own\nOKTA_CLIENT_CLIENTID=alias\n")
        let environment = home.environment.merging(["OKTA_CLIENT_SCOPES": "a b,c", "KEY_ID": ""]) { $1 }
        let configuration = try OktaConfiguration(envFile: home.file(".env"), environment: environment)
        #expect(configuration[.oktaURL] == "https://alias.example.com")
        #expect(configuration[.clientID] == "own")
        #expect(configuration.scopes == ["a", "b", "c"])
        #expect(configuration[.keyID] == nil)
    }

    @Test("the key in force: the highest layer naming one; within it the file before the value")
    func keySource() throws {
        let home = try Home()
        defer { home.remove() }
        let pem = Vectors.text("rsa/openssl-keys/key1.pkcs8.pem")
        let file = Vectors.url("rsa/openssl-keys/key1.pkcs1.pem").path
        try home.write(".env", "PRIVATE_KEY_FILE=\(file)\nPRIVATE_KEY=\"\(pem)\"\n")
        let fromFile = try OktaConfiguration(envFile: home.file(".env"), environment: home.environment)
        #expect(fromFile.privateKeySource == .file(file))
        #expect(try fromFile.signingKeyAndFormat().format == .pem(.pkcs1PrivateKey))
        let environment = home.environment.merging(["OKTA_CLIENT_PRIVATEKEY": pem]) { $1 }
        let inline = try OktaConfiguration(envFile: home.file(".env"), environment: environment)
        #expect(inline.privateKeySource == .inline, "the environment is above .env")
        #expect(try inline.signingKeyAndFormat().format == .pem(.pkcs8PrivateKey))
        #expect(try inline.keyID(for: inline.privateKey()) == inline.privateKey().publicKey.thumbprint)
        // A P-256 key is the key in force for every step, and refused by case where RSA is needed.
        let p256 = try P256PrivateKey()
        try home.write("ec.pem", p256.pemRepresentation)
        try home.write("ec.env", "PRIVATE_KEY_FILE=\(home.file("ec.pem"))\n")
        let ec = try OktaConfiguration(envFile: home.file("ec.env"), environment: home.environment)
        #expect(try ec.signingKey().thumbprint == p256.publicKey.thumbprint)
        #expect(try ec.keyID(for: ec.signingKey()) == p256.publicKey.thumbprint)
        #expect(throws: OktaConfigError.rsaKeyNeeded) { _ = try ec.privateKey() }
        let none = try OktaConfiguration(envFile: home.file("missing.env"), environment: home.environment)
        #expect(none.privateKeySource == nil)
        #expect(throws: OktaConfigError.noPrivateKey) { _ = try none.privateKey() }
    }

    @Test("a key file that cannot be used is PKJWTConfig's refusal, naming PRIVATE_KEY_FILE")
    func keyRefusal() throws {
        let home = try Home()
        defer { home.remove() }
        let spki = Vectors.url("rsa/openssl-keys/key1.spki.pem").path
        try home.write(".env", "PRIVATE_KEY_FILE=\(spki)\n")
        let configuration = try OktaConfiguration(envFile: home.file(".env"), environment: home.environment)
        let refusal = OktaConfigError.config(
            .key(.file(setting: "PRIVATE_KEY_FILE", path: spki), .publicKeyOnly(.pem(.subjectPublicKeyInfo))))
        #expect(throws: refusal) { _ = try configuration.privateKey() }
    }

    @Test("an unreadable .env or okta.yaml names the file; nothing else is read")
    func unreadable() throws {
        let home = try Home()
        defer { home.remove() }
        try home.write(".env", "A='open\n")
        #expect(throws: OktaConfigError.config(.dotEnvFileSyntax(path: home.file(".env"), line: 1, .quoteNeverClosed)))
        {
            _ = try OktaConfiguration(envFile: home.file(".env"), environment: home.environment)
        }
        try home.write(".okta/okta.yaml", "okta: [1, 2]\nokta: {")
        do {
            _ = try OktaConfiguration(envFile: home.file("none.env"), environment: home.environment)
            Issue.record("a broken okta.yaml was accepted")
        } catch .oktaYAMLFile(let path, .oktaYAML(.notYAML)) {
            #expect(path == home.file(".okta/okta.yaml"))
        } catch { Issue.record("wrong refusal: \(error)") }
        try home.write(".okta/okta.yaml", "- a list\n")
        #expect(throws: OktaConfigError.oktaYAMLFile(path: home.file(".okta/okta.yaml"), .oktaYAML(.notAMapping))) {
            _ = try OktaConfiguration(envFile: home.file("none.env"), environment: home.environment)
        }
    }

    @Test("record: written to .env (0600) and in force at once, other lines kept")
    func record() throws {
        let home = try Home()
        defer { home.remove() }
        try home.write(".env", "# kept\nSCOPES=a\n")
        var configuration = try OktaConfiguration(envFile: home.file(".env"), environment: home.environment)
        try configuration.record([(.clientID, "0oa1"), (.scopes, "b")])
        #expect(configuration[.clientID] == "0oa1" && configuration.scopes == ["b"])
        #expect(try String(contentsOfFile: home.file(".env"), encoding: .utf8) == "# kept\nSCOPES=b\nCLIENT_ID=0oa1\n")
        let locked = try OktaConfiguration(envFile: home.file(".env"), environment: home.environment, locked: true)
        var again = locked
        try again.record([(.keyID, "kid")])
        #expect(again[.keyID] == "kid")
    }
}
