// The checks that need no network: where each setting came from, and the key.

import Foundation
import OktaConfig
import PKJWTConfig
import PrivateKeyJWT

extension DoctorRun {
    /// The settings a token needs, which layer gave each, and .env keys that look like misspellings.
    mutating func configurationCheck() -> DoctorCheck {
        let loaded: OktaConfiguration
        do { loaded = try inputs.load() } catch { return .fail(.configuration, words(error), fix: .fixSettingsFile) }
        configuration = loaded
        let shown: [Setting] = [.oktaURL, .clientID, .scopes, .keyID, .dpop, .dpopKeyFile, .privateKeyFile]
        var details = shown.compactMap { setting in
            loaded.layer(of: setting).map { "\(setting.rawValue)=\(Self.shown(setting, loaded)) (from \($0.rawValue))" }
        }
        // Secrets: where they come from, never what they are.
        for secret in [Setting.apiKey, .privateKey] {
            if let layer = loaded.layer(of: secret) {
                details.append("\(secret.rawValue) is set (from \(layer.rawValue))")
            }
        }
        let misspelled = SettingSpelling.misspelledKeys(loaded.dotEnv.values.keys)
        if let missing = Self.missingSetting(loaded) {
            return .fail(.configuration, missing.saw, fix: missing.fix, details: details + misspelled)
        }
        if !misspelled.isEmpty {
            return .warn(
                .configuration, "every setting a token needs is set, but \(loaded.envFile) has keys no setting reads",
                fix: .renameSettings, details: details + misspelled)
        }
        return .pass(.configuration, "OKTA_URL, CLIENT_ID, SCOPES and a private key are set", details: details)
    }

    /// A setting's value as doctor prints it: a value that looks like a pasted key or token (in the
    /// wrong setting) is not shown. KEY_ID is a thumbprint, public, and looks like one.
    private static func shown(_ setting: Setting, _ configuration: OktaConfiguration) -> String {
        let value = configuration[setting] ?? ""
        guard setting != .keyID else { return value }
        return DisplayedPath.looksLikePath(value) ? value : "(a value that does not look like one; not shown)"
    }

    private static func missingSetting(_ configuration: OktaConfiguration) -> (saw: String, fix: DoctorFix)? {
        if configuration[.oktaURL] == nil { return ("OKTA_URL is not set", .setOktaURL) }
        if configuration.privateKeySource == nil {
            return ("no private key (PRIVATE_KEY_FILE or PRIVATE_KEY)", .makeKey)
        }
        if configuration[.clientID] == nil { return ("CLIENT_ID is not set", .registerApp) }
        if configuration.scopes.isEmpty { return ("SCOPES is not set", .setScopes) }
        return nil
    }

    /// The key: found, readable, private to its owner, a format and size Okta takes, primes checked,
    /// and its kid (the RFC 7638 thumbprint) as KEY_ID says.
    mutating func keyCheck() -> DoctorCheck {
        guard let configuration, let source = configuration.privateKeySource else {
            return .skip(.key, "no private key is configured (see configuration)")
        }
        var facts = [String]()
        var warning: (saw: String, fix: DoctorFix)?
        if case .file(let path) = source {
            var status = stat()
            guard stat(path, &status) == 0 else {
                return .fail(
                    .key, "PRIVATE_KEY_FILE \(DisplayedPath(path)) does not exist or cannot be reached",
                    fix: .makeOrPointAtKey)
            }
            let mode = status.st_mode & 0o777
            facts.append("file \(DisplayedPath(path)), mode \(String(mode, radix: 8))")
            if mode & 0o077 != 0 {
                warning = (
                    "the key file can be read by others than its owner (mode \(String(mode, radix: 8)))",
                    .restrictKeyFile(path: path)
                )
            }
        } else {
            facts.append("PRIVATE_KEY holds the key (its value is not shown)")
        }
        let loaded: (key: SigningKey, format: KeyFormat)
        do { loaded = try configuration.signingKeyAndFormat() } catch {
            return .fail(.key, words(error), fix: .replaceKey)
        }
        key = loaded.key
        let thumbprint = loaded.key.thumbprint
        var kind = loaded.key.kind
        switch loaded.key {
        case .rsa(let rsa):
            let bits = rsa.publicKey.modulusBitCount
            kind = "RSA \(bits)"
            facts.append("\(loaded.format), RSA \(bits) bits, p and q passed Miller-Rabin at import")
            guard bits >= JWS.minimumModulusBits else {
                return .fail(
                    .key, "an RSA key of \(bits) bits: RS256 needs \(JWS.minimumModulusBits) or more (RFC 7518 §3.3)",
                    fix: .largerKey, details: facts)
            }
        case .p256:
            facts.append("\(loaded.format), P-256 (ES256), d in [1, n-1] and its point on the curve at import")
        }
        facts.append("kid \(thumbprint) (RFC 7638 thumbprint)")
        if let keyID = configuration[.keyID], keyID != thumbprint {
            warning = (
                "KEY_ID \(keyID) is not this key's thumbprint", .setKeyID(thumbprint: thumbprint, current: keyID)
            )
        }
        if let warning { return .warn(.key, warning.saw, fix: warning.fix, details: facts) }
        return .pass(
            .key, "\(kind), kid \(thumbprint)" + (configuration[.keyID] == nil ? "" : " = KEY_ID"), details: facts)
    }
}
