// Where an Okta client's settings come from: the Okta SDKs' okta.yaml (~/.okta/okta.yaml, then
// ./okta.yaml), the .env file, the process environment, then flags, each overriding the one before
// (docs/OKTA.md, "Configuration the Okta SDKs read"). Within a layer the .env name wins over the SDKs'.

import Foundation
import OktaAPI
import PKJWTConfig
import PrivateKeyJWT

/// The merged settings and the .env file they were read with.
public struct OktaConfiguration {
    /// The layers, lowest precedence first, by the names messages give them.
    public enum Layer: String, CaseIterable, Sendable {
        case oktaYAML = "okta.yaml", dotEnv = ".env", environment = "the environment", flag = "a flag"
    }

    /// Where the private key in force comes from: a file's path, or PRIVATE_KEY's value (never shown).
    public enum KeySource: Equatable, Sendable {
        case file(String)
        case inline
    }

    private var layers: SettingLayers<Layer>
    public let envFile: String
    private let environment: [String: String]
    public private(set) var dotEnv: DotEnvFile
    /// Held from load to exit by callers that update .env, so two runs take turns: the second reads
    /// what the first recorded.
    private let lock: FileLock?
    /// Applied once to each private key loaded (the caller's signing path).
    private let prepareKey: (RSAPrivateKey) -> RSAPrivateKey

    /// Reads `envFile` (missing is fine: it is created on first write), the okta.yaml files and the
    /// environment; with `locked`, first waits for the .env file's lock and keeps it.
    public init(
        envFile: String, environment: [String: String] = ProcessInfo.processInfo.environment,
        flags: [Setting: String?] = [:], locked: Bool = false,
        prepareKey: @escaping (RSAPrivateKey) -> RSAPrivateKey = { $0 }
    ) throws(OktaConfigError) {
        self.envFile = envFile
        self.environment = environment
        self.prepareKey = prepareKey
        do {
            lock = locked ? try FileLock(for: envFile) : nil
            dotEnv = try DotEnvStore.read(envFile, environment: environment)
        } catch { throw .config(error) }
        let flagLayer = Dictionary(flags.compactMap { key, value in value.map { (key.rawValue, $0) } }) { $1 }
        layers = SettingLayers([
            (.oktaYAML, try Self.readOktaYAML(environment: environment)),
            (.dotEnv, Self.normalised(dotEnv.values)),
            (.environment, Self.normalised(environment)),
            (.flag, flagLayer),
        ])
    }

    /// The SDKs' files in their order (the global one, then the working folder's); missing is fine.
    private static func readOktaYAML(environment: [String: String]) throws(OktaConfigError) -> [String: String] {
        var settings = [String: String]()
        for path in [OktaYAML.globalPath(environment: environment), "okta.yaml"].compactMap({ $0 })
        where access(path, F_OK) == 0 {
            let bytes: [UInt8]
            do { bytes = try SecretFiles.read(path, what: "okta.yaml", allowEmpty: true) } catch {
                throw .oktaYAMLFile(path: path, .config(error))
            }
            do { settings.merge(try OktaYAML(bytes: bytes).settings) { $1 } } catch {
                throw .oktaYAMLFile(path: path, error)
            }
        }
        return normalised(settings)
    }

    private static func normalised(_ raw: [String: String]) -> [String: String] {
        SettingLayers<Layer>.normalised(raw, names: Setting.namesAndAliases)
    }

    public subscript(_ setting: Setting) -> String? { layers[setting.rawValue] }

    /// Which layer gave the value in force for `setting`; nil when none did.
    public func layer(of setting: Setting) -> Layer? { layers.source(of: setting.rawValue) }

    /// True when the value in force for `setting` is the .env file's, or there is none: a value from
    /// the environment or a flag is not something writing .env can change.
    public func isDecidedByDotEnv(_ setting: Setting) -> Bool { !layers.isSet(setting.rawValue, above: .dotEnv) }

    /// A setting the caller cannot go on without.
    public func required(_ setting: Setting) throws(OktaConfigError) -> String {
        guard let value = self[setting] else { throw .notSet(setting, envFile: envFile) }
        return value
    }

    /// The org OKTA_URL names, under OktaOrg's URL policy.
    public func org() throws -> OktaOrg { try OktaOrg(required(.oktaURL)) }

    /// SCOPES: space- or comma-separated.
    public var scopes: [String] {
        (self[.scopes] ?? "").split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
    }

    /// The key's id as registered: KEY_ID when set, else the key's RFC 7638 thumbprint (what Okta
    /// is given at registration). The key is only loaded when KEY_ID is unset.
    public func keyID(for key: @autoclosure () throws -> SigningKey) rethrows -> String {
        try self[.keyID] ?? key().thumbprint
    }

    public func keyID(for key: @autoclosure () throws -> RSAPrivateKey) rethrows -> String {
        try self[.keyID] ?? key().publicKey.thumbprint
    }

    /// The same choice `privateKeyAndFormat()` makes, without reading anything: the highest layer that
    /// names a key decides; within it PRIVATE_KEY_FILE wins over an inline PRIVATE_KEY (so a key file
    /// made later replaces a seed's inline key).
    public var privateKeySource: KeySource? {
        guard let layer = layers.highest(settingAnyOf: [Setting.privateKeyFile.rawValue, Setting.privateKey.rawValue])
        else { return nil }
        return layer[Setting.privateKeyFile.rawValue].map(KeySource.file) ?? .inline
    }

    /// The key in force, RSA or P-256.
    /// - Timing: variable time, as `signingKeyAndFormat()`.
    public func signingKey() throws(OktaConfigError) -> SigningKey { try signingKeyAndFormat().key }

    /// The key in force for a step that takes RSA keys only.
    /// - Timing: variable time, as `signingKeyAndFormat()`.
    public func privateKey() throws(OktaConfigError) -> RSAPrivateKey {
        guard case .rsa(let key) = try signingKey() else { throw .rsaKeyNeeded }
        return key
    }

    /// The private key in force and the format its file or value was in.
    /// - Timing: variable time (file reading and key import checks), as `PrivateKeyFiles.key`.
    public func signingKeyAndFormat() throws(OktaConfigError) -> (key: SigningKey, format: KeyFormat) {
        guard let source = privateKeySource else { throw .noPrivateKey }
        let loaded: KeyFileMemo.Loaded
        do {
            switch source {
            case .file(let path):
                loaded = try PrivateKeyFiles.key(
                    file: path, setting: Setting.privateKeyFile.rawValue, prepare: prepareKey)
            case .inline:
                loaded = try PrivateKeyFiles.key(
                    value: self[.privateKey] ?? "", setting: Setting.privateKey.rawValue, prepare: prepareKey)
            }
        } catch { throw .config(error) }
        return (loaded.key, loaded.format)
    }

    /// Sets values in the .env file and writes it atomically with mode 0600, under the .env lock
    /// (taken for the write when the configuration was loaded without it, and the file read again).
    public mutating func record(_ updates: [(Setting, String)]) throws(OktaConfigError) {
        do {
            dotEnv = try DotEnvStore.update(
                envFile, dotEnv, with: updates.map { ($0.rawValue, $1) }, lockHeld: lock != nil,
                environment: environment)
        } catch { throw .config(error) }
        for (setting, value) in updates { layers.set(setting.rawValue, to: value, in: .dotEnv) }
    }
}
