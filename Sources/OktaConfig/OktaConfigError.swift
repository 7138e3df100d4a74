// The one error type of OktaConfig: which Okta setting or file could not be used. File, .env and key
// problems are PKJWTConfig's (`config`); advice that names a command is the caller's to add.

import PKJWTConfig

/// What resolving the Okta settings can fail at.
public indirect enum OktaConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A file, .env or key-file problem.
    case config(ConfigError)
    /// An okta.yaml that is not the shape the Okta SDKs read.
    case oktaYAML(YAMLRule)
    /// The okta.yaml at `path` could not be read, for this reason.
    case oktaYAMLFile(path: String, OktaConfigError)
    /// A setting the step needs is set in no layer; `envFile` is the .env file that was read.
    case notSet(Setting, envFile: String)
    /// Neither PRIVATE_KEY_FILE nor PRIVATE_KEY (nor an alias) is set anywhere.
    case noPrivateKey
    /// DPOP is set to something other than a boolean (its first 40 characters; it is not a secret).
    case dpopValue(String)
    /// DPOP_KEY_TYPE is neither EC nor RSA (its first 40 characters; it is not a secret).
    case dpopKeyType(String)
    /// DPOP_KEY_FILE looks like a pasted key or token rather than a path.
    case dpopKeyFileNotAPath
    /// DPOP_KEY_FILE is unset and there is no cache folder to make the key in.
    case noPlaceForDPoPKey
    /// DPOP_KEY_FILE holds the client-assertion key (RFC 9449 §2: the proof key is another key).
    case dpopKeyIsAssertionKey
    /// The step takes RSA keys only, and the key in force is a P-256 one.
    case rsaKeyNeeded
    /// A cached token is bound to another DPoP key than the one on file (RFC 9449 §6: its cnf.jkt).
    case dpopKeyChanged

    public var description: String {
        switch self {
        case .config(let error): error.description
        case .oktaYAML(let rule): rule.description
        case .oktaYAMLFile(let path, let error):
            "cannot read \(DisplayedPath(path)): \(error) (the Okta SDKs' configuration; fix or move it)"
        case .notSet(let setting, let envFile):
            "\(setting.rawValue) is not set: set it in \(envFile) or the environment"
        case .noPrivateKey: "no private key: set PRIVATE_KEY_FILE (a PEM, DER or JWK file) or PRIVATE_KEY"
        case .dpopValue(let value): "DPOP must be true or false, not '\(value)'"
        case .dpopKeyType(let value): "DPOP_KEY_TYPE must be EC or RSA, not '\(value)'"
        case .dpopKeyFileNotAPath: "DPOP_KEY_FILE does not look like a file path; its value is not shown"
        case .noPlaceForDPoPKey: "no place for the DPoP key: set DPOP_KEY_FILE, XDG_CACHE_HOME or HOME"
        case .dpopKeyIsAssertionKey:
            "DPOP_KEY_FILE holds the client-assertion key; a DPoP key must be a separate key (remove DPOP_KEY_FILE "
                + "to have a new one made)"
        case .rsaKeyNeeded: "this step takes an RSA key, and the private key in force is a P-256 (EC) key"
        case .dpopKeyChanged: "the DPoP key changed since the cached token was issued: clear the token cache"
        }
    }

    /// What is wrong with an okta.yaml's shape.
    public enum YAMLRule: Equatable, Sendable, CustomStringConvertible {
        /// Not YAML; the parser's problem and position, when it gave them (never the document).
        case notYAML(String?)
        case notAMapping
        case clientNotAMapping
        case notASingleValue(key: String)
        case scopesShape
        case unserializable

        public var description: String {
            switch self {
            case .notYAML(let problem): "it is not YAML: \(problem ?? "unreadable")"
            case .notAMapping: "it is not a YAML mapping with an okta: key"
            case .clientNotAMapping: "okta.client is not a mapping"
            case .notASingleValue(let key): "okta.client.\(key) is not a single value"
            case .scopesShape: "okta.client.scopes is neither a list nor a string"
            case .unserializable: "cannot write okta.yaml: the settings cannot be written as YAML"
            }
        }
    }
}
