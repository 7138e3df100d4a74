import Foundation
import HTTPForm
import PrivateKeyJWT
import Testing

@testable import OktaAPI

@Suite("Token requests: the form, the assertion, its lifetime (stub transport)")
struct OktaTokenClientTests {
    @Test("token: a percent-encoded form with a fresh RS256 assertion", arguments: [nil, "default"])
    func token(authServer: String?) async throws {
        let stub = StubTransport([
            json(
                200,
                #"{"token_type":"Bearer","expires_in":3600,"access_token":"at.x.y","scope":"okta.users.read okta.users.manage"}"#
            )
        ])
        let tokens = try OktaTokenClient(
            org: org, clientID: "0oa1", key: testKey, kid: "k1", authorizationServer: authServer, http: client(stub))
        let response = try await tokens.token(scopes: ["okta.users.read", "okta.users.manage"])
        #expect(response.accessToken == "at.x.y" && response.expiresIn == 3600)
        let request = try #require(stub.sent.first)
        let path = authServer.map { "/oauth2/\($0)/v1/token" } ?? "/oauth2/v1/token"
        expectCommon(request, .post, path)
        #expect(request.url.query == nil, "nothing in the query string")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(request.header("Authorization") == nil)
        let body = String(decoding: request.body ?? [], as: UTF8.self)
        #expect(body.contains("scope=okta.users.read%20okta.users.manage"))
        #expect(body.contains("client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"))
        let form = FormEncoding.decode(body)
        #expect(form["grant_type"] == "client_credentials")
        let verified = try JWS.verify(try #require(form["client_assertion"]), key: testKey.publicKey)
        #expect(verified.header == ["alg": .string("RS256"), "kid": .string("k1"), "typ": .string("JWT")])
        let claims = try JSONValue.parseObject(verified.payload, what: "claims")
        #expect(claims["iss"] == .string("0oa1") && claims["sub"] == .string("0oa1"))
        #expect(claims["aud"] == .string("https://example.okta.com" + path))
        let iat = try #require(claims["iat"]?.numberValue), exp = try #require(claims["exp"]?.numberValue)
        #expect(exp - iat == 300)
        #expect(iat == 1_700_000_000, "the injected clock of client(stub)")
        #expect(try Base64.urlDecode(try #require(claims["jti"]?.stringValue)).count == 16)
    }

    @Test("assertion lifetime: default 5 minutes, never an hour") func lifetime() throws {
        #expect(throws: PrivateKeyJWTError.self) {
            try ClientAssertion(clientID: "c", audience: "a", kid: nil, lifetime: 3600)
        }
        #expect(throws: PrivateKeyJWTError.self) {
            try ClientAssertion(clientID: "c", audience: "a", kid: nil, lifetime: 0)
        }
        #expect(try ClientAssertion(clientID: "c", audience: "a", kid: nil, lifetime: 3540).lifetime == 3540)
    }
}
