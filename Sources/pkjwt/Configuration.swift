// The CLI's side of configuration, which OktaConfig resolves: keys prepared for this CPU, and the
// advice that names pkjwt's commands.

import Foundation
import OktaAPI
import OktaConfig
import PrivateKeyJWT

typealias Configuration = OktaConfiguration

extension OktaConfiguration {
    /// The configuration as pkjwt reads it, its keys signing on the fastest path this CPU has.
    static func load(
        envFile: String, environment: [String: String] = ProcessInfo.processInfo.environment,
        flags: [Setting: String?] = [:], locked: Bool = false
    ) throws(OktaConfigError) -> Configuration {
        try OktaConfiguration(
            envFile: envFile, environment: environment, flags: flags, locked: locked, prepareKey: CPUPaths.forSigning)
    }

    func required(_ setting: Setting, _ hint: String) throws -> String {
        guard let value = self[setting] else { throw CLIError("\(setting.rawValue) is not set: \(hint)") }
        return value
    }

    func org() throws -> OktaOrg {
        try OktaOrg(
            required(.oktaURL, "set it in \(envFile) or the environment (e.g. OKTA_URL=https://example.okta.com)"))
    }
}

/// OktaConfig's failures in pkjwt's words: the command that fixes one, where there is one.
enum ConfigWords {
    static func describe(_ error: OktaConfigError) -> String {
        switch error {
        case .noPrivateKey:
            "no private key: run 'pkjwt keygen', or set PRIVATE_KEY_FILE (a PEM, DER or JWK file) or PRIVATE_KEY"
        case .dpopKeyIsAssertionKey:
            "DPOP_KEY_FILE holds the client-assertion key; a DPoP key must be a separate key (remove DPOP_KEY_FILE "
                + "to let pkjwt make one)"
        default: error.description
        }
    }
}
