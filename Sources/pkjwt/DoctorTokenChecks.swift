// pkjwt doctor's last two checks: a real token request (with DPoP when the app requires it), then
// one call on the org with that token.

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
            return .fail(.token, Self.words(error), fix: "set DPOP=true or DPOP=false, or remove it")
        }
        let start = Date()
        let response: TokenResponse
        do {
            response = try await Token.fetch(
                configuration, authServer: nil, http: http,
                dpop: app?.dpopBoundAccessTokens == true && preference != .never ? .always : preference)
        } catch {
            var check = DoctorCheck.fail(.token, Self.words(error), fix: tokenFix(error))
            check.milliseconds = Self.milliseconds(since: start)
            return check
        }
        let result = Token.Result(response, receivedAt: Date())
        token = result
        let asked = Set(configuration.scopes)
        let granted = Set((response.scope ?? "").split(separator: " ").map(String.init))
        var details = ["scopes: " + granted.sorted().joined(separator: " "), "expires in \(response.expiresIn ?? 0) s"]
        if let thumbprint = response.dpopThumbprint { details.append("bound to the DPoP key \(thumbprint)") }
        if let offset = response.clockRetryOffset {
            details.append("the first assertion was refused for its times; signed again \(Int(offset)) s off")
        }
        var check: DoctorCheck =
            granted.isSuperset(of: asked)
            ? .pass(.token, "a \(response.tokenType) token came", details: details)
            : .warn(
                .token, "a token came without \(asked.subtracting(granted).sorted().joined(separator: " "))",
                fix: "grant the missing scopes to the app ('pkjwt register')", details: details)
        check.milliseconds = Self.milliseconds(since: start)
        return check
    }

    /// The refusal's hint in pkjwt's words; the hint is kept for the checks skipped without API_KEY.
    private mutating func tokenFix(_ error: any Error) -> String {
        guard case OktaAPIError.okta(let failure) = error, let hint = failure.hint else {
            return Self.unhintedFix(error)
        }
        refusal = hint
        return OktaWords.hint(hint)
    }

    /// The next step for a failure Okta gave no hint for: the network's for a call that did not get
    /// through, else the setting the message names.
    private static func unhintedFix(_ error: any Error) -> String {
        switch error {
        case OktaAPIError.okta, OktaAPIError.invalidResponse:
            "give Okta's request id above to Okta support, or run pkjwt doctor again later"
        case OktaAPIError.connection, OktaAPIError.interrupted, OktaAPIError.untrustedCertificate: networkFix(error)
        default: "fix the setting or file the message names, then run pkjwt doctor again"
        }
    }

    /// One GET on the org with the token (with a DPoP proof for a bound token).
    mutating func callCheck() async -> DoctorCheck {
        guard let configuration, let token else { return .skip(.call, "no token (see token)") }
        let start = Date()
        var check: DoctorCheck
        do {
            let client = try API.client(for: token, configuration: configuration, http: http)
            let response = try await client.send(.get, client.url(callPath))
            check = .pass(.call, "GET \(callPath) answered \(response.status)")
        } catch {
            var fix = Self.unhintedFix(error)
            if case OktaAPIError.okta(let failure) = error, let hint = failure.hint {
                fix =
                    hint == .grantAdminRole
                    ? "run 'pkjwt register --admin-role READ_ONLY_ADMIN' (or the role "
                        + "the call needs), or assign one on the app's Admin roles tab" : OktaWords.hint(hint)
                if refusal == nil { refusal = hint }
            }
            check = .fail(.call, Self.words(error), fix: fix)
        }
        check.milliseconds = Self.milliseconds(since: start)
        return check
    }
}
