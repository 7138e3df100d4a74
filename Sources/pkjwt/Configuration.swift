// Where settings come from: the Okta SDKs' okta.yaml (~/.okta/okta.yaml, then ./okta.yaml), the .env
// file, the process environment, then flags — each overriding the one before. pkjwt's names first,
// the Okta SDK names as aliases.

import Foundation
import OktaAPI
import PKJWTConfig
import PrivateKeyJWT

/// The settings pkjwt reads, by name, with their Okta SDK aliases.
enum Setting: String, CaseIterable {
    case oktaURL = "OKTA_URL", apiKey = "API_KEY", scopes = "SCOPES", clientID = "CLIENT_ID", keyID = "KEY_ID"
    case privateKeyFile = "PRIVATE_KEY_FILE", privateKey = "PRIVATE_KEY"
    /// DPoP (RFC 9449): DPOP=true/false forces it on or off; DPOP_KEY_FILE is the proof key.
    case dpop = "DPOP", dpopKeyFile = "DPOP_KEY_FILE"
    /// A rotation in progress (pkjwt rotate): the key to retire, its file, and when it may be retired.
    case rotationOldKID = "ROTATION_OLD_KID", rotationOldKeyFile = "ROTATION_OLD_KEY_FILE", rotationFinishAfter =
        "ROTATION_FINISH_AFTER"
    /// Written by keygen for the seed scripts' users; pkjwt itself does not read them.
    case modulus = "MODULUS", publicKey = "PUBLIC_KEY"

    /// The Okta SDKs' environment names (docs/OKTA.md, "Configuration the Okta SDKs read").
    var sdkAlias: String? {
        switch self {
        case .oktaURL: "OKTA_CLIENT_ORGURL"
        case .apiKey: "OKTA_CLIENT_TOKEN"
        case .scopes: "OKTA_CLIENT_SCOPES"
        case .clientID: "OKTA_CLIENT_CLIENTID"
        case .keyID: "OKTA_CLIENT_PRIVATEKEYID"
        case .privateKey: "OKTA_CLIENT_PRIVATEKEY"
        case .privateKeyFile, .modulus, .publicKey, .dpop, .dpopKeyFile, .rotationOldKID, .rotationOldKeyFile,
            .rotationFinishAfter:
            nil
        }
    }
}

/// The merged configuration and the .env file it came from.
struct Configuration {
    /// Layers from lowest to highest precedence: okta.yaml, .env, environment, flags.
    private var layers: [[String: String]]
    /// The index of the .env layer in `layers`.
    private static let dotEnvLayer = 1
    let envFile: String
    private let environment: [String: String]
    private(set) var dotEnv: DotEnvFile
    /// Held from load to exit by commands that update .env (keygen, register), so two runs take
    /// turns: the second reads what the first recorded.
    private let lock: FileLock?

    /// Reads `envFile` (missing is fine: it is created on first write) and the environment; with
    /// `locked`, first waits for the .env file's lock and keeps it.
    init(
        envFile: String, environment: [String: String] = ProcessInfo.processInfo.environment,
        flags: [Setting: String?] = [:],
        locked: Bool = false
    ) throws {
        self.envFile = envFile
        self.environment = environment
        lock = locked ? try FileLock(for: envFile) : nil
        dotEnv = try Self.readDotEnv(envFile, environment: environment)
        let flagLayer = Dictionary(flags.compactMap { key, value in value.map { (key.rawValue, $0) } }) { $1 }
        layers = [
            try Self.readOktaYAML(environment: environment), Self.normalised(dotEnv.values),
            Self.normalised(environment), flagLayer,
        ]
    }

    private static func readDotEnv(_ envFile: String, environment: [String: String]) throws -> DotEnvFile {
        let bytes = access(envFile, F_OK) == 0 ? try SecretFiles.read(envFile, what: "env file", allowEmpty: true) : []
        do { return try DotEnvFile(bytes: bytes, environment: environment) } catch {
            throw CLIError(
                "cannot read \(DisplayedPath(envFile)): \(error) (python-dotenv syntax: KEY=value, 'quoted', "
                    + "\"quoted\", # comments)"
            )
        }
    }

    /// The SDKs' files in their order (the global one, then the working folder's); missing is fine.
    private static func readOktaYAML(environment: [String: String]) throws -> [String: String] {
        var settings = [String: String]()
        for path in [OktaYAML.globalPath(environment: environment), "okta.yaml"].compactMap({ $0 })
        where access(path, F_OK) == 0 {
            do {
                settings.merge(
                    try OktaYAML(bytes: SecretFiles.read(path, what: "okta.yaml", allowEmpty: true)).settings
                ) { $1 }
            } catch {
                throw CLIError(
                    "cannot read \(DisplayedPath(path)): \(error) (the Okta SDKs' configuration; fix or move it)")
            }
        }
        return normalised(settings)
    }

    /// A layer with SDK aliases mapped to pkjwt names; pkjwt's own name wins within a layer.
    private static func normalised(_ raw: [String: String]) -> [String: String] {
        var out = [String: String]()
        for setting in Setting.allCases {
            if let value = raw[setting.rawValue] ?? setting.sdkAlias.flatMap({ raw[$0] }), !value.isEmpty {
                out[setting.rawValue] = value
            }
        }
        return out
    }

    /// True when the value in force for `setting` is the .env file's, or there is none: a value from
    /// the environment or a flag is not something writing .env can change.
    func isDecidedByDotEnv(_ setting: Setting) -> Bool {
        layers.dropFirst(Self.dotEnvLayer + 1).allSatisfy { $0[setting.rawValue] == nil }
    }

    /// The layers by name, lowest precedence first (the order of `layers`).
    enum Layer: String, CaseIterable {
        case oktaYAML = "okta.yaml", dotEnv = ".env", environment = "the environment", flag = "a flag"
    }

    /// Which layer gave the value in force for `setting`; nil when none did.
    func layer(of setting: Setting) -> Layer? {
        guard let index = layers.lastIndex(where: { $0[setting.rawValue] != nil }) else { return nil }
        return Layer.allCases[index]
    }

    /// Where the private key in force comes from: a file's path, or PRIVATE_KEY's value (not shown).
    enum KeySource: Equatable {
        case file(String)
        case inline
    }

    /// The same choice `privateKey()` makes, without reading anything.
    var privateKeySource: KeySource? {
        for layer in layers.reversed() {
            if let path = layer[Setting.privateKeyFile.rawValue] { return .file(path) }
            if layer[Setting.privateKey.rawValue] != nil { return .inline }
        }
        return nil
    }

    subscript(_ setting: Setting) -> String? { layers.reversed().lazy.compactMap { $0[setting.rawValue] }.first }

    /// SCOPES: space- or comma-separated.
    var scopes: [String] { (self[.scopes] ?? "").split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init) }

    /// The key's id as registered: KEY_ID when set, else the key's RFC 7638 thumbprint (what
    /// `register` uses). The key is only loaded when KEY_ID is unset.
    func keyID(for key: @autoclosure () throws -> RSAPrivateKey) rethrows -> String {
        try self[.keyID] ?? key().publicKey.thumbprint
    }

    func required(_ setting: Setting, _ hint: String) throws -> String {
        guard let value = self[setting] else { throw CLIError("\(setting.rawValue) is not set: \(hint)") }
        return value
    }

    func org() throws -> OktaOrg {
        try OktaOrg(
            required(.oktaURL, "set it in \(envFile) or the environment (e.g. OKTA_URL=https://example.okta.com)"))
    }

    /// The private key: from the highest layer that names one; within a layer PRIVATE_KEY_FILE wins
    /// over an inline PRIVATE_KEY (so a key made by `keygen` replaces a seed's inline key).
    func privateKey() throws -> RSAPrivateKey { try privateKeyAndFormat().key }

    /// The private key and the format its file or value was in.
    func privateKeyAndFormat() throws -> (key: RSAPrivateKey, format: KeyFormat) {
        for layer in layers.reversed() {
            if let path = layer[Setting.privateKeyFile.rawValue] {
                let loaded = try KeyFileMemo.key(at: path) {
                    try Self.loadKey(
                        KeyFileMemo.bytes(at: path, what: "PRIVATE_KEY_FILE"),
                        from: "PRIVATE_KEY_FILE \(DisplayedPath(path))")
                }
                return (loaded.key, loaded.format)
            }
            if let inline = layer[Setting.privateKey.rawValue] {
                let loaded = try KeyFileMemo.key(inline: inline) { try Self.inlineKey(inline) }
                return (loaded.key, loaded.format)
            }
        }
        throw CLIError(
            "no private key: run 'pkjwt keygen', or set PRIVATE_KEY_FILE (a PEM, DER or JWK file) or PRIVATE_KEY")
    }

    /// OKTA_CLIENT_PRIVATEKEY may hold the key itself (PEM, JWK or bare base64 DER) or a path to it.
    /// Its value is a secret: no message quotes it, not even when it is taken for a path.
    private static func inlineKey(_ inline: String) throws -> KeyFileMemo.Loaded {
        if inline.contains("-----BEGIN") || inline.hasPrefix("{") {
            return try loadKey(Array(inline.utf8), from: "PRIVATE_KEY")
        }
        let compact = inline.filter { !$0.isWhitespace }
        if compact.count > 64, let der = try? Base64.decode(compact) { return try loadKey(der, from: "PRIVATE_KEY") }
        guard access(inline, F_OK) == 0 else {
            throw CLIError(
                "PRIVATE_KEY is neither a key (PEM, JWK or base64 DER) nor the path of an existing file; its value is "
                    + "not shown"
            )
        }
        return try loadKey(
            KeyFileMemo.bytes(at: inline, what: "the file PRIVATE_KEY names"), from: "the file PRIVATE_KEY names")
    }

    private static func loadKey(_ bytes: [UInt8], from source: String) throws -> KeyFileMemo.Loaded {
        let document: KeyDocument
        do { document = try KeyDocument(bytes: bytes) } catch { throw CLIError("\(source): \(error)") }
        guard var key = document.privateKey else {
            throw CLIError("\(source) holds a public key (\(document.format)); a private key is needed")
        }
        // One signature per run: both CRT halves at once halve its latency on an idle second core (the
        // portable path; the AVX-512 IFMA path, where the CPU has it, runs both in one pass anyway).
        key.parallelHalves = true
        return KeyFileMemo.Loaded(key: CPUPaths.fastest(key), format: document.format)
    }

    /// Sets values in the .env file and writes it atomically with mode 0600, under the .env lock
    /// (taken here when the configuration was loaded without it, and the file read again first).
    mutating func record(_ updates: [(Setting, String)]) throws {
        let temporaryLock = lock == nil ? try FileLock(for: envFile) : nil
        defer { temporaryLock?.release() }
        if temporaryLock != nil { dotEnv = try Self.readDotEnv(envFile, environment: environment) }
        for (setting, value) in updates {
            try dotEnv.set(setting.rawValue, value)
            layers[Self.dotEnvLayer][setting.rawValue] = value
        }
        try SecretFiles.writeSecret(dotEnv.bytes, to: envFile, overwrite: true)
    }
}
