// A doctor run: the checks that find why no token comes, in the order a token depends on them
// (settings, key, network, clock, the app and its grants with API_KEY, a token, one call), each
// reported whatever the ones before it found, and each handing what it learnt to the next.

import Foundation
import OktaAPI
import OktaConfig
import PrivateKeyJWT

/// What the checks learn, handed from each to the next.
public struct DoctorRun {
    /// What a run needs from its caller.
    public struct Inputs {
        /// Reads the configuration (the first check reports how that went).
        public var load: () throws -> OktaConfiguration
        /// The token flow for a configuration.
        public var tokens: (OktaConfiguration) -> TokenSource
        public var http: OktaHTTPClient
        /// A CA file the caller was given, and how the caller names that option (for the details).
        public var caFile: String?
        public var caFileOption: String
        /// The org path the last check calls with the token.
        public var callPath: String
        public var environment: [String: String]
        /// How the caller words an error in `saw`.
        public var describe: (any Error) -> String

        public init(
            load: @escaping () throws -> OktaConfiguration, tokens: @escaping (OktaConfiguration) -> TokenSource,
            http: OktaHTTPClient, caFile: String?, caFileOption: String = "the CA file option", callPath: String,
            environment: [String: String] = ProcessInfo.processInfo.environment,
            describe: @escaping (any Error) -> String = { "\($0)" }
        ) {
            (self.load, self.tokens, self.http, self.caFile, self.caFileOption) = (
                load, tokens, http, caFile, caFileOption
            )
            (self.callPath, self.environment, self.describe) = (callPath, environment, describe)
        }
    }

    let inputs: Inputs
    var http: OktaHTTPClient { inputs.http }
    var configuration: OktaConfiguration?
    var key: SigningKey?
    var org: OktaOrg?
    var probe: OrgProbe?
    var app: OktaApp?
    var token: TokenResult?
    /// The hint of a refused token request or call, for the checks that were skipped without API_KEY.
    var refusal: OktaHint?

    public init(_ inputs: Inputs) { self.inputs = inputs }

    /// Every check in order; each one is reported, whatever the ones before it found.
    public mutating func all() async -> [DoctorCheck] {
        var checks = [configurationCheck(), keyCheck()]
        checks.append(await networkCheck())
        checks.append(clockCheck())
        let (app, grants) = await appChecks()
        checks += [app, grants]
        checks.append(await tokenCheck())
        checks.append(await callCheck())
        return traced(checks)
    }

    /// Without API_KEY, the app and grants checks say what the token request's refusal points at.
    private func traced(_ checks: [DoctorCheck]) -> [DoctorCheck] {
        guard let refusal, let name = Self.check(pointedAtBy: refusal) else { return checks }
        return checks.map { check in
            guard check.name == name, check.status == .skip else { return check }
            return .fail(
                name, "not read (no API_KEY), but Okta's refusal points here",
                fix: .readWithAPIKey(name, refusal: refusal))
        }
    }

    /// The check a hint is about, when it is one doctor reads only with API_KEY.
    public static func check(pointedAtBy hint: OktaHint) -> DoctorCheck.Name? {
        switch hint {
        case .registerKey, .checkClientCredentials, .turnOnDPoP, .registerServiceApp, .useServiceApp, .noSuchApp,
            .keyRemoved:
            .app
        case .grantScopes, .grantAdminRole: .grants
        default: nil
        }
    }

    /// A thrown error in the caller's words; Okta's hint goes on the fix line, not twice.
    func words(_ error: any Error) -> String {
        if case OktaAPIError.okta(let failure) = error { return failure.description(hint: nil) }
        return inputs.describe(error)
    }

    /// `check` with the milliseconds since `start`, for the checks that call Okta.
    static func timed(_ check: DoctorCheck, since start: Date) -> DoctorCheck {
        var check = check
        check.milliseconds = milliseconds(since: start)
        return check
    }

    static func milliseconds(since start: Date) -> Int { Int((Date().timeIntervalSince(start) * 1000).rounded()) }

    /// The step for a failure Okta gave no hint for: the network's for a call that did not get
    /// through, else the setting the message names.
    static func unhintedFix(_ error: any Error) -> DoctorFix {
        switch error {
        case OktaAPIError.okta, OktaAPIError.invalidResponse: .askOktaSupport
        case OktaAPIError.connection, OktaAPIError.interrupted, OktaAPIError.untrustedCertificate:
            networkFix(error)
        default: .fixNamedSetting
        }
    }

    static func networkFix(_ error: any Error) -> DoctorFix {
        switch error {
        case OktaAPIError.untrustedCertificate: .okta(.trustCA)
        case OktaAPIError.interrupted: .raiseTimeout
        default: .checkNetwork
        }
    }

    /// Okta's hint for a refusal, else the management settings.
    static func managementFix(_ error: any Error) -> DoctorFix {
        if case OktaAPIError.okta(let failure) = error, let hint = failure.hint { return .okta(hint) }
        return .checkAPIKeyAndClientID
    }
}
