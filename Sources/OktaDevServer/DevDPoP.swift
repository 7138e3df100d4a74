// The dev org's DPoP (RFC 9449): proofs at the token endpoint with Okta's nonce round-trip (§5, §8),
// and DPoP-bound tokens at the resource endpoint (§7), checked as a strict server would.

import Foundation
import HTTPTypes
import PrivateKeyJWT

extension DevOrg {
    /// What the token endpoint makes of a request's DPoP headers.
    enum TokenBinding {
        /// No proof, and the app does not require one: a Bearer token.
        case bearer
        /// A valid proof: a token bound to this key thumbprint (`cnf.jkt`).
        case bound(jkt: String)
        case refused(DevReply)
    }

    /// RFC 9449 §5 at the token endpoint `url`, for `app`.
    func tokenBinding(proofs: [String], app: DevApp, url: String) async -> TokenBinding {
        guard !proofs.isEmpty else {
            // Okta's answer when an app requires DPoP and the request has no proof.
            return app.dpopRequired
                ? .refused(.oauth(.badRequest, "invalid_dpop_proof", "The DPoP proof JWT header is missing.")) : .bearer
        }
        // §4.3 step 1: "there is not more than one DPoP HTTP request header field".
        guard proofs.count == 1 else {
            return .refused(.oauth(.badRequest, "invalid_dpop_proof", "Only one DPoP header is allowed."))
        }
        let now = self.now
        let proof: VerifiedDPoPProof
        do {
            proof = try DPoPProofChecker(now: now, window: Self.clockSkew).check(
                proofs[0], method: "POST", url: url, nonce: nil, accessToken: nil)
        } catch {
            return .refused(.oauth(.badRequest, "invalid_dpop_proof", "The DPoP proof JWT is invalid: \(error)"))
        }
        // §8: Okta asks every DPoP client for its nonce first.
        guard await state.acceptsNonce(proof.nonce, now: now.timeIntervalSince1970) else {
            return .refused(
                await nonceChallenge(
                    .oauth(.badRequest, "use_dpop_nonce", "Authorization server requires nonce in DPoP proof.")))
        }
        guard await state.useProofID(proof.jti, issuedAt: proof.issuedAt, now: now.timeIntervalSince1970) else {
            return .refused(.oauth(.badRequest, "invalid_dpop_proof", "The DPoP proof has already been used."))
        }
        return .bound(jkt: proof.thumbprint)
    }

    /// `reply` with the current nonce in a `DPoP-Nonce` header (§8.1).
    func nonceChallenge(_ reply: DevReply) async -> DevReply {
        var reply = reply
        reply.headers.append((Self.dpopNonceHeader, await state.currentNonce(now: now.timeIntervalSince1970)))
        return reply
    }

    static let dpopNonceHeader = HTTPField.Name("DPoP-Nonce")!
    static let dpopHeader = HTTPField.Name("DPoP")!

    enum ResourceAccess {
        case granted([String: JSONValue])
        case refused(DevReply)
    }

    /// The claims of the token a resource request presents, or the refusal: `Bearer` for an unbound
    /// token, `DPoP` with a proof (§7.1: ath, the key of cnf.jkt, the nonce when asked) for a bound one.
    func resourceClaims(authorization: String, proofs: [String], method: String, url: String) async -> ResourceAccess {
        let parts = authorization.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2, let claims = await activeClaims(of: parts[1]) else {
            return .refused(Self.resourceRefusal("invalid_token", "The access token is invalid."))
        }
        let jkt = claims["cnf"].flatMap {
            if case .object(let members) = $0 { members["jkt"]?.stringValue } else { nil }
        }
        switch (parts[0].lowercased(), jkt) {
        case ("bearer", nil): return .granted(claims)
        case ("bearer", _?):
            // §7.2: a bound token presented as a Bearer token is refused.
            return .refused(
                Self.resourceRefusal(
                    "invalid_token", "The access token is DPoP-bound; present it with the DPoP scheme and a proof."))
        case ("dpop", let jkt?):
            if let refusal = await checkResourceProof(proofs, token: parts[1], jkt: jkt, method: method, url: url) {
                return .refused(refusal)
            }
            return .granted(claims)
        default:
            return .refused(Self.resourceRefusal("invalid_token", "The access token is not DPoP-bound."))
        }
    }

    private func checkResourceProof(_ proofs: [String], token: String, jkt: String, method: String, url: String) async
        -> DevReply?
    {
        guard proofs.count == 1 else {
            return Self.resourceRefusal("invalid_dpop_proof", "The request needs exactly one DPoP proof.")
        }
        let now = self.now
        let proof: VerifiedDPoPProof
        do {
            proof = try DPoPProofChecker(now: now, window: Self.clockSkew).check(
                proofs[0], method: method, url: url, nonce: nil, accessToken: token)
        } catch {
            return Self.resourceRefusal("invalid_dpop_proof", "The DPoP proof JWT is invalid: \(error)")
        }
        guard proof.thumbprint == jkt else {
            return Self.resourceRefusal(
                "invalid_dpop_proof", "The DPoP proof key is not the key the token is bound to.")
        }
        if state.resourceNonce, !(await state.acceptsNonce(proof.nonce, now: now.timeIntervalSince1970)) {
            return await nonceChallenge(
                Self.resourceRefusal("use_dpop_nonce", "Resource server requires nonce in DPoP proof."))
        }
        guard await state.useProofID(proof.jti, issuedAt: proof.issuedAt, now: now.timeIntervalSince1970) else {
            return Self.resourceRefusal("invalid_dpop_proof", "The DPoP proof has already been used.")
        }
        return nil
    }

    /// 401 with the challenge of RFC 9449 §7.1 and Okta's management error body.
    static func resourceRefusal(_ error: String, _ description: String) -> DevReply {
        var reply = DevReply.okta(.unauthorized, "E0000011", "Invalid token provided")
        reply.headers.append(
            (.wwwAuthenticate, "DPoP algs=\"RS256 ES256\", error=\"\(error)\", error_description=\"\(description)\""))
        return reply
    }
}
