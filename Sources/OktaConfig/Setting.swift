// The settings an Okta service-app client reads, by the names a .env file gives them, with the Okta
// SDKs' environment names as aliases (docs/OKTA.md, "Configuration the Okta SDKs read").

/// A setting by its .env name.
public enum Setting: String, CaseIterable, Sendable {
    case oktaURL = "OKTA_URL", apiKey = "API_KEY", scopes = "SCOPES", clientID = "CLIENT_ID", keyID = "KEY_ID"
    case privateKeyFile = "PRIVATE_KEY_FILE", privateKey = "PRIVATE_KEY"
    /// DPoP (RFC 9449): DPOP=true/false forces it on or off; DPOP_KEY_FILE is the proof key;
    /// DPOP_KEY_TYPE (EC or RSA) the kind of key made when there is none.
    case dpop = "DPOP", dpopKeyFile = "DPOP_KEY_FILE", dpopKeyType = "DPOP_KEY_TYPE"
    /// A key rotation in progress: the key to retire, its file, and when it may be retired.
    case rotationOldKID = "ROTATION_OLD_KID", rotationOldKeyFile = "ROTATION_OLD_KEY_FILE", rotationFinishAfter =
        "ROTATION_FINISH_AFTER"
    /// The public key in two more forms, written beside the key for scripts; not read back.
    case modulus = "MODULUS", publicKey = "PUBLIC_KEY"

    /// The Okta SDKs' environment name for this setting, where they have one.
    public var sdkAlias: String? {
        switch self {
        case .oktaURL: "OKTA_CLIENT_ORGURL"
        case .apiKey: "OKTA_CLIENT_TOKEN"
        case .scopes: "OKTA_CLIENT_SCOPES"
        case .clientID: "OKTA_CLIENT_CLIENTID"
        case .keyID: "OKTA_CLIENT_PRIVATEKEYID"
        case .privateKey: "OKTA_CLIENT_PRIVATEKEY"
        case .privateKeyFile, .modulus, .publicKey, .dpop, .dpopKeyFile, .dpopKeyType, .rotationOldKID,
            .rotationOldKeyFile,
            .rotationFinishAfter:
            nil
        }
    }

    /// Every setting with its aliases, as `SettingLayers.normalised` takes them.
    static let namesAndAliases = allCases.map { (name: $0.rawValue, aliases: $0.sdkAlias.map { [$0] } ?? []) }
}
