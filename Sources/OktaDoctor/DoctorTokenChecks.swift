// The last two checks: a real token request (with DPoP when the app requires it), then one call on
// the org with that token.

import Foundation
import OktaAPI
import OktaConfig
import PrivateKeyJWT

extension DoctorRun {
    /// A token from Okta, never from the cache: the point is to see Okta's answer today.
    mutating func tokenCheck() async -> DoctorCheck {
        guard let configuration, key != nil, org != nil, probe != nil, configuration[.clientID] != nil,
            !configuration.scopes.isEmpty
        else { return .skip(.token, "a check above failed or was skipped before a token could be asked for") }
        let preference: DPoPKeyFile.Preference
        do { preference = try DPoPKeyFile.Preference(configuration, flag: false) } catch {
            return .fail(.token, words(error), fix: .fixDPoPSetting)
        }
        let start = Date()
        let response: TokenResponse
        do {
            response = try await inputs.tokens(configuration).fetch(
                authServer: nil, dpop: app?.dpopBoundAccessTokens == true && preference != .never ? .always : preference
            )
        } catch {
            return Self.timed(.fail(.token, words(error), fix: tokenFix(error)), since: start)
        }
        token = TokenResult(response, receivedAt: Date())
        let asked = Set(configuration.scopes)
        let granted = Set((response.scope ?? "").split(separator: " ").map(String.init))
        var details = ["scopes: " + granted.sorted().joined(separator: " "), "expires in \(response.expiresIn ?? 0) s"]
        if let thumbprint = response.dpopThumbprint { details.append("bound to the DPoP key \(thumbprint)") }
        if let offset = response.clockRetryOffset {
            details.append("the first assertion was refused for its times; signed again \(Int(offset)) s off")
        }
        let check: DoctorCheck =
            granted.isSuperset(of: asked)
            ? .pass(.token, "a \(response.tokenType) token came", details: details)
            : .warn(
                .token, "a token came without \(asked.subtracting(granted).sorted().joined(separator: " "))",
                fix: .grantMissingScopes, details: details)
        return Self.timed(check, since: start)
    }

    /// The refusal's hint; it is kept for the checks skipped without API_KEY.
    private mutating func tokenFix(_ error: any Error) -> DoctorFix {
        guard case OktaAPIError.okta(let failure) = error, let hint = failure.hint else {
            return Self.unhintedFix(error)
        }
        refusal = hint
        return .okta(hint)
    }

    /// One GET on the org with the token (with a DPoP proof for a bound token).
    mutating func callCheck() async -> DoctorCheck {
        guard let configuration, let token else { return .skip(.call, "no token (see token)") }
        let start = Date()
        do {
            let client = try inputs.tokens(configuration).resourceClient(for: token)
            let response = try await client.send(.get, client.url(inputs.callPath))
            return Self.timed(.pass(.call, "GET \(inputs.callPath) answered \(response.status)"), since: start)
        } catch {
            var fix = Self.unhintedFix(error)
            if case OktaAPIError.okta(let failure) = error, let hint = failure.hint {
                fix = hint == .grantAdminRole ? .assignAdminRole : .okta(hint)
                if refusal == nil { refusal = hint }
            }
            return Self.timed(.fail(.call, words(error), fix: fix), since: start)
        }
    }
}
