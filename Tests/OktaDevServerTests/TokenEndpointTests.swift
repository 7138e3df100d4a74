import Foundation
import OktaAPI
import OktaDevServer
import PrivateKeyJWT
import Testing

/// The dev org judges token requests as Okta does (TokenEndpoint.swift): each case is one rule, sent as
/// raw HTTP.
@Suite("the local Okta org is as strict as Okta", .serialized)
struct TokenEndpointTests {
    static let key = try! RSAPrivateKey(generatingBits: 2048)

    struct Org {
        let server: OktaDevServer.Running
        let clientID: String
        var tokenURL: String { server.url + "/oauth2/v1/token" }
    }

    static func withOrg(_ body: (Org) async throws -> Void) async throws {
        let server = try await OktaDevServer.start(.init(port: 0))
        do {
            let client = try OktaManagementClient(
                org: OktaOrg(server.url), apiToken: server.apiToken, http: TestOrg.http)
            let app = try await client.createServiceApp(label: "strict", key: JWK(publicKey: key.publicKey, kid: "k"))
            _ = try await client.grant(appID: app.id, scope: "okta.users.read")
            try await body(Org(server: server, clientID: app.id))
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    static func assertion(_ org: Org, _ changes: [String: JSONValue] = [:]) throws -> String {
        let now = Date().timeIntervalSince1970.rounded(.down)
        var claims: [String: JSONValue] = [
            "iss": .string(org.clientID), "sub": .string(org.clientID), "aud": .string(org.tokenURL),
            "exp": .number(now + 300), "iat": .number(now), "jti": .string(UUID().uuidString),
        ]
        for (name, value) in changes { claims[name] = value }
        return try JWS.sign(payload: JSONValue.object(claims).compactJSON, key: key, kid: "k")
    }

    static func encode(_ pairs: [(String, String)]) -> [UInt8] {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return Array(
            pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(
                separator: "&"
            ).utf8)
    }

    static func form(_ assertion: String, scope: String = "okta.users.read") -> [(String, String)] {
        [
            ("grant_type", "client_credentials"), ("scope", scope),
            ("client_assertion_type", ClientAssertion.assertionType),
            ("client_assertion", assertion),
        ]
    }

    static func post(
        _ url: String, _ body: [UInt8],
        headers: [String: String] = ["Content-Type": "application/x-www-form-urlencoded"]
    ) async throws -> HTTPResponse {
        try await AsyncHTTPTransport().send(
            HTTPRequest(method: .post, url: URL(string: url)!, headers: headers, body: body))
    }

    static func error(_ response: HTTPResponse) -> String {
        let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
        return
            "\(response.status) \(object?["error"] as? String ?? "") \(object?["error_description"] as? String ?? "")"
    }

    @Test("assertion claims: nbf, exp − iat, and the iat clock skew") func claims() async throws {
        try await Self.withOrg { org in
            let now = Date().timeIntervalSince1970.rounded(.down)
            #expect(try await Self.post(org.tokenURL, Self.encode(Self.form(Self.assertion(org)))).status == 200)
            let future = try await Self.post(
                org.tokenURL, Self.encode(Self.form(Self.assertion(org, ["nbf": .number(now + 300)]))))
            #expect(Self.error(future).hasPrefix("401 invalid_client") && Self.error(future).contains("not valid yet"))
            let long = try await Self.post(
                org.tokenURL,
                Self.encode(Self.form(Self.assertion(org, ["iat": .number(now - 3000), "exp": .number(now + 1000)]))))
            #expect(Self.error(long).contains("too far into the future"), "\(Self.error(long))")
            let skewed = try await Self.post(
                org.tokenURL, Self.encode(Self.form(Self.assertion(org, ["iat": .number(now + 30)]))))
            #expect(skewed.status == 200, "an iat 30 s ahead is within Okta's clock skew: \(Self.error(skewed))")
            let ahead = try await Self.post(
                org.tokenURL, Self.encode(Self.form(Self.assertion(org, ["iat": .number(now + 120)]))))
            #expect(Self.error(ahead).contains("issued in the future"))
        }
    }

    @Test("the request itself: content type, repeated or query parameters, two client credentials, scope spacing")
    func transport() async throws {
        try await Self.withOrg { org in
            let json = try await Self.post(
                org.tokenURL, Self.encode(Self.form(Self.assertion(org))), headers: ["Content-Type": "application/json"]
            )
            #expect(Self.error(json).hasPrefix("400 invalid_request"), "\(Self.error(json))")
            let repeated = try await Self.post(
                org.tokenURL, Self.encode(Self.form(Self.assertion(org)) + [("scope", "okta.users.read")]))
            #expect(Self.error(repeated).hasPrefix("400 invalid_request") && Self.error(repeated).contains("repeated"))
            let query = try await Self.post(
                org.tokenURL + "?scope=okta.users.read", Self.encode(Self.form(Self.assertion(org))))
            #expect(Self.error(query).hasPrefix("400 invalid_request"), "\(Self.error(query))")
            let basic = try await Self.post(
                org.tokenURL, Self.encode(Self.form(Self.assertion(org))),
                headers: ["Content-Type": "application/x-www-form-urlencoded", "Authorization": "Basic eDp5"])
            #expect(Self.error(basic).contains("multiple client credentials"), "\(Self.error(basic))")
            let spaced = try await Self.post(
                org.tokenURL, Self.encode(Self.form(Self.assertion(org), scope: "okta.users.read  okta.users.read")))
            #expect(Self.error(spaced).hasPrefix("400 invalid_scope"), "\(Self.error(spaced))")
        }
    }

    /// The HTTP status Okta refused a call with; 0 when it was accepted or failed otherwise.
    static func status(_ call: () async throws -> Void) async -> Int {
        do { try await call() } catch {
            if case OktaAPIError.okta(let failure) = error { return failure.status }
        }
        return 0
    }

    /// The refusal a token request ends in: Okta's OAuth error code, or the error as text.
    static func refusal(_ client: OktaTokenClient) async -> String {
        do {
            _ = try await client.token(scopes: ["okta.users.read"])
            return "accepted"
        } catch {
            if case OktaAPIError.okta(let failure) = error { return failure.oauthError ?? "\(failure.status)" }
            return "\(error)"
        }
    }

    @Test("a P-256 key: registered as kty EC, its ES256 assertion gets a token; another key's or an RS256 one does not")
    func es256() async throws {
        let server = try await OktaDevServer.start(.init(port: 0))
        do {
            let org = try OktaOrg(server.url)
            let management = try OktaManagementClient(org: org, apiToken: server.apiToken, http: TestOrg.http)
            let key = try P256PrivateKey()
            let app = try await management.registerServiceApp(
                name: "ec", key: SigningKey.p256(key).publicJWK(kid: "ec"))
            _ = try await management.grant(appID: app.client_id, scope: "okta.users.read")
            let keys = try await management.listKeys(appID: app.client_id)
            #expect(keys.map(\.kty) == ["EC"] && keys.first?.x == Base64.urlEncode(key.publicKey.xBytes))
            let clients = try [SigningKey.p256(key), .p256(P256PrivateKey()), .rsa(Self.key)].map { signingKey in
                try OktaTokenClient(org: org, clientID: app.client_id, key: signingKey, kid: "ec", http: TestOrg.http)
            }
            #expect(await Self.refusal(clients[0]) == "accepted")
            #expect(await Self.refusal(clients[1]) == "invalid_client")
            #expect(await Self.refusal(clients[2]) == "invalid_client")
            // A point off the curve is no key Okta takes.
            var offCurve = SigningKey.p256(key).publicJWK(kid: "bad")
            offCurve.y = offCurve.x
            #expect(await Self.status { _ = try await management.addKey(appID: app.client_id, key: offCurve) } == 400)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }
}
