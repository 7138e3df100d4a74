import Foundation
import OktaAPI
import PrivateKeyJWT
import Testing

/// Calls with the token: Bearer or DPoP with ath, the resource nonce, Link pages on the org only.
@Suite("OktaResourceClient (stub transport)")
struct OktaResourceClientTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)
    static let users = URL(string: "https://example.okta.com/api/v1/users?limit=1")!

    func resource(_ stub: StubTransport, bound: Bool) throws -> (OktaResourceClient, DPoPSession) {
        let session = try DPoPSession(key: DPoPSessionTests.dpopKey)
        let client = try OktaResourceClient(
            org: org, accessToken: "at-1", tokenType: bound ? "DPoP" : "Bearer", dpop: session,
            http: client(stub, now: Self.now))
        return (client, session)
    }

    @Test("Bearer: the token in Authorization, no proof (even when a DPoP key is at hand)") func bearer() async throws {
        let stub = StubTransport([json(200, "[]")])
        _ = try await resource(stub, bound: false).0.send(.get, Self.users)
        #expect(stub.sent[0].header("Authorization") == "Bearer at-1" && stub.sent[0].header("DPoP") == nil)
    }

    @Test("DPoP: scheme DPoP, a proof with htm, htu and ath; use_dpop_nonce (401, WWW-Authenticate) answered once")
    func dpopWithNonce() async throws {
        let challenge = json(
            401, #"{"errorCode":"E0000011","errorSummary":"Invalid token provided"}"#,
            headers: [
                "WWW-Authenticate":
                    #"DPoP algs="RS256", error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof.""#,
                "DPoP-Nonce": "rs-1",
            ])
        let stub = StubTransport([challenge, json(200, "[]")])
        let (client, _) = try resource(stub, bound: true)
        _ = try await client.send(.get, Self.users)
        #expect(stub.sent.count == 2)
        for (request, nonce) in zip(stub.sent, [nil, "rs-1"]) {
            #expect(request.header("Authorization") == "DPoP at-1")
            let proof = try DPoPProofChecker(now: Self.now).check(
                #require(request.header("DPoP")), method: "GET",
                url: "https://example.okta.com/api/v1/users", nonce: nonce, accessToken: "at-1")
            #expect(proof.nonce == nonce)
        }
    }

    @Test("a refused DPoP proof comes out with Okta's words and a DPoP hint, not an API-token hint") func refusal()
        async throws
    {
        let refusal = json(
            401, #"{"errorCode":"E0000011","errorSummary":"Invalid token provided"}"#,
            headers: [
                "WWW-Authenticate":
                    #"DPoP error="invalid_token", error_description="The access token is DPoP-bound; present it with the DPoP scheme and a proof.""#
            ])
        let stub = StubTransport([refusal])
        do {
            _ = try await resource(stub, bound: false).0.send(.get, Self.users)
            Issue.record("expected a refusal")
        } catch {
            guard case .okta(let failure)? = error as? OktaAPIError else { Issue.record("\(error)"); return }
            #expect(failure.oauthError == "invalid_token" && failure.hint == .presentTokenWithDPoP, "\(error)")
        }
    }

    @Test("sendAll follows rel=next on the org, and never to another origin") func pages() async throws {
        let stub = StubTransport([
            json(
                200, "[1]",
                headers: [
                    "Link":
                        #"<https://example.okta.com/api/v1/users?limit=1>; rel="self", <https://example.okta.com/api/v1/users?after=a&limit=1>; rel="next""#
                ]),
            json(200, "[2]", headers: ["Link": #"<https://evil.example/api/v1/users?after=b>; rel="next""#]),
        ])
        let pages = try await resource(stub, bound: false).0.sendAll(.get, Self.users)
        #expect(pages.count == 2 && stub.sent.count == 2)
        #expect(stub.sent[1].url.absoluteString == "https://example.okta.com/api/v1/users?after=a&limit=1")
    }

    @Test("Link parsing (RFC 8288): several links, several rel values, none") func linkParsing() {
        #expect(
            OktaResourceClient.nextLink(#"<https://a/x?after=1>; rel="self", <https://a/x?after=2>; rel="next""#)
                == "https://a/x?after=2")
        #expect(OktaResourceClient.nextLink(#"<https://a/y>; rel="prev next""#) == "https://a/y")
        #expect(OktaResourceClient.nextLink(#"<https://a/y>; rel="self""#) == nil)
        #expect(OktaResourceClient.nextLink(nil) == nil)
        #expect(OktaResourceClient.nextLink("garbage; rel=next") == nil)
    }

    @Test("targets: paths on the org and its own absolute URLs; another host is refused; a DPoP token needs its key")
    func targets() throws {
        let (client, _) = try resource(StubTransport([]), bound: false)
        #expect(try client.url("/api/v1/users").absoluteString == "https://example.okta.com/api/v1/users")
        #expect(try client.url("https://example.okta.com/api/v1/groups").path == "/api/v1/groups")
        let elsewhere = OktaAPIError.configuration(.notTheOrgsURL(issuer: "https://example.okta.com"))
        #expect(throws: elsewhere) { try client.url("https://evil.example/api/v1/users") }
        #expect(throws: elsewhere) { try client.url("https://example.okta.com:8443/api/v1/users") }
        #expect(throws: OktaAPIError.configuration(.boundTokenWithoutKey)) {
            try OktaResourceClient(org: org, accessToken: "at", tokenType: "DPoP", dpop: nil)
        }
        #expect(throws: OktaAPIError.configuration(.unusableAccessToken)) {
            try OktaResourceClient(org: org, accessToken: "a\nb", tokenType: "Bearer", dpop: nil)
        }
    }
}
