import Foundation
import OktaAPI
import PrivateKeyJWT
import Synchronization
import Testing

/// The token client's DPoP: the nonce round-trip, switching on when Okta requires it, nonces kept
/// per server (stub transport, injected clock).
@Suite("DPoP in the token client (stub transport)")
struct DPoPSessionTests {
    static let dpopKey = try! RSAPrivateKey(generatingBits: 2048)
    static let now = Date(timeIntervalSince1970: 1_700_000_000)
    static let tokenURL = "https://example.okta.com/oauth2/v1/token"
    static let nonceAnswer = json(
        400, #"{"error":"use_dpop_nonce","error_description":"Authorization server requires nonce in DPoP proof."}"#,
        headers: ["DPoP-Nonce": "n-1"])
    static let missingAnswer = json(
        400, #"{"error":"invalid_dpop_proof","error_description":"The DPoP proof JWT header is missing."}"#)
    static let dpopToken = json(
        200, #"{"token_type":"DPoP","access_token":"at","expires_in":3600,"scope":"okta.users.read"}"#)

    func tokenClient(_ stub: StubTransport, dpop: DPoPMode) throws -> OktaTokenClient {
        try OktaTokenClient(
            org: org, clientID: "0oa1", key: testKey, kid: "k1", http: client(stub, now: Self.now), dpop: dpop)
    }

    /// The proof a request carried, checked as a server would (§4.3).
    func proof(_ request: HTTPRequest, nonce: String?) throws -> VerifiedDPoPProof {
        try DPoPProofChecker(now: Self.now).check(
            #require(request.header("DPoP")), method: "POST", url: Self.tokenURL, nonce: nonce, accessToken: nil)
    }

    @Test("use_dpop_nonce is answered once with the nonce; the token says DPoP and which key it is bound to")
    func nonceRoundTrip() async throws {
        let stub = StubTransport([Self.nonceAnswer, Self.dpopToken])
        let session = try DPoPSession(key: Self.dpopKey)
        let token = try await tokenClient(stub, dpop: .on(session)).token(scopes: ["okta.users.read"])
        #expect(token.tokenType == "DPoP" && token.dpopThumbprint == Self.dpopKey.publicKey.thumbprint)
        #expect(stub.sent.count == 2)
        #expect(try proof(stub.sent[0], nonce: nil).nonce == nil)
        #expect(try proof(stub.sent[1], nonce: "n-1").nonce == "n-1")
        #expect(stub.sent[0].header("DPoP") != stub.sent[1].header("DPoP"))
        #expect(session.nonce(for: .authorization(tokenURL: URL(string: Self.tokenURL)!)) == "n-1")
        #expect(
            session.nonce(for: .resource(URL(string: "https://example.okta.com/api/v1/users")!)) == nil,
            "nonces are per server")
    }

    @Test("a second use_dpop_nonce is not answered again: the error comes out") func nonceOnce() async throws {
        let stub = StubTransport([Self.nonceAnswer, Self.nonceAnswer, Self.dpopToken])
        let answer = oktaAnswer(
            await failure {
                _ = try await tokenClient(stub, dpop: .on(DPoPSession(key: Self.dpopKey))).token(scopes: ["s"])
            })
        #expect(answer?.oauthError == "use_dpop_nonce")
        #expect(stub.sent.count == 2)
    }

    @Test("whenRequired: no proof until Okta says the app requires one, then proof and nonce") func switchesOn()
        async throws
    {
        let stub = StubTransport([Self.missingAnswer, Self.nonceAnswer, Self.dpopToken])
        let made = Mutex(0)
        let mode = DPoPMode.whenRequired { () throws(OktaAPIError) -> DPoPSession in
            made.withLock { $0 += 1 }
            return try DPoPSession(key: Self.dpopKey)
        }
        let token = try await tokenClient(stub, dpop: mode).token(scopes: ["okta.users.read"])
        #expect(token.dpopThumbprint == Self.dpopKey.publicKey.thumbprint)
        #expect(stub.sent.map { $0.header("DPoP") != nil } == [false, true, true])
        #expect(made.withLock { $0 } == 1)
    }

    @Test("whenRequired with a Bearer app: no proof, no key made; off: the refusal comes out with a hint")
    func bearerAndOff() async throws {
        let bearer = StubTransport([json(200, #"{"token_type":"Bearer","access_token":"at","expires_in":3600}"#)])
        let mode = DPoPMode.whenRequired { () throws(OktaAPIError) -> DPoPSession in
            Issue.record("no DPoP key is needed for a Bearer app")
            return try DPoPSession(key: Self.dpopKey)
        }
        let token = try await tokenClient(bearer, dpop: mode).token(scopes: ["s"])
        #expect(token.dpopThumbprint == nil && bearer.sent[0].header("DPoP") == nil)

        let off = StubTransport([Self.missingAnswer])
        do {
            _ = try await tokenClient(off, dpop: .off).token(scopes: ["s"])
            Issue.record("expected the refusal")
        } catch {
            guard case .okta(let failure)? = error as? OktaAPIError else { Issue.record("\(error)"); return }
            #expect(failure.hint == .turnOnDPoP, "\(error)")
        }
    }

    @Test("a nonce that is not RFC 9449 §8.1 NQCHAR is not kept") func nonceSyntax() throws {
        let session = try DPoPSession(key: Self.dpopKey)
        let server = DPoPSession.Server.resource(URL(string: "https://example.okta.com/")!)
        session.remember("bad\"nonce", from: server)
        session.remember("", from: server)
        #expect(session.nonce(for: server) == nil)
        session.remember("ok-1", from: server)
        #expect(session.nonce(for: server) == "ok-1")
        #expect(throws: OktaAPIError.configuration(.smallDPoPKey(minimum: 2048))) {
            try DPoPSession(key: KeySize1024.key)
        }
    }
}

enum KeySize1024 {
    static let key: RSAPrivateKey = {
        // A 1024-bit key loads (for vectors) but is refused for DPoP, as for RS256.
        let pem = try! String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("vectors/rsa/pyca-keys/PKCS8/unenc-rsa-pkcs8.pem"),
            encoding: .utf8)
        return try! RSAPrivateKey(pemRepresentation: pem)
    }()
}
