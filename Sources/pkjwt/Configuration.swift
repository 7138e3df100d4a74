// The CLI's side of configuration, which OktaConfig resolves: keys prepared for this CPU, the token
// flow's notices said on stderr, and the advice that names pkjwt's commands.

import Foundation
import OktaAPI
import OktaConfig
import PKJWTConfig
import PrivateKeyJWT
import Synchronization

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

    /// The token flow as pkjwt runs it: its cache folder, this CPU's keys, notices on stderr.
    func tokens(
        http: OktaHTTPClient, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> TokenSource {
        TokenSource(
            self, http: http, cacheDirectory: PKJWTFiles.cacheDirectory(environment: environment),
            keys: TokenSource.Keys(
                prepare: CPUPaths.forSigning, generate: { bits in try CPUPaths.generatedKey(bits: bits) }),
            notify: TokenNotices.say, describe: Output.words(for:))
    }
}

/// The token flow's notices in pkjwt's words.
enum TokenNotices {
    private static let cacheWarningGiven = Atomic(false)

    static func say(_ notice: TokenSource.Notice) {
        switch notice {
        case .cacheUnusable(let directory, let reason):
            // Once per run: a cache that silently stores nothing would send every run to Okta and its
            // rate limit without anyone knowing why.
            guard !cacheWarningGiven.exchange(true, ordering: .relaxed) else { return }
            Output.diagnostic(
                "pkjwt: the token cache \(DisplayedPath(directory)) cannot be used (\(reason)); this token is not "
                    + "cached, so every run asks Okta until that is fixed (set XDG_CACHE_HOME to a local folder, or "
                    + "pass --no-cache to silence this)")
        case .signedOnOktaClock(let offset, let kept):
            Output.diagnostic(
                "pkjwt: this machine's clock is \(Int(abs(offset))) s \(offset > 0 ? "behind" : "ahead of") Okta's "
                    + "(its Date header); the assertion was signed again on Okta's time"
                    + (kept ? ", and later runs will do so until the clock is right" : "") + " (set the clock with NTP)"
            )
        case .madeDPoPKey(let path, let kind):
            Output.diagnostic("pkjwt: made a DPoP key (\(kind)) at \(DisplayedPath(path)) (mode 0600)")
        }
    }
}

/// OktaConfig's failures in pkjwt's words: the command that fixes one, where there is one.
enum ConfigWords {
    static func describe(_ error: OktaConfigError) -> String {
        switch error {
        case .notSet(.clientID, _): "CLIENT_ID is not set: run 'pkjwt register' first, or set CLIENT_ID"
        case .notSet(.apiKey, _):
            "API_KEY is not set: set API_KEY to an Okta API token (Admin Console > Security > API > Tokens)"
        case .notSet(.oktaURL, let envFile):
            "OKTA_URL is not set: set it in \(envFile) or the environment (e.g. OKTA_URL=https://example.okta.com)"
        case .noPrivateKey:
            "no private key: run 'pkjwt keygen', or set PRIVATE_KEY_FILE (a PEM, DER or JWK file) or PRIVATE_KEY"
        case .dpopKeyIsAssertionKey:
            "DPOP_KEY_FILE holds the client-assertion key; a DPoP key must be a separate key (remove DPOP_KEY_FILE "
                + "to let pkjwt make one)"
        case .rsaKeyNeeded:
            "this command takes an RSA key for now, and the private key in force is a P-256 (EC) key (every other "
                + "command takes both)"
        case .dpopKeyChanged:
            "the DPoP key changed since the token was issued: run 'pkjwt token --clear-cache'"
        default: error.description
        }
    }
}
