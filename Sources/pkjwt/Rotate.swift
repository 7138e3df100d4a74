// pkjwt rotate: a new key for the app with no failed request on the way (docs/OKTA.md "Registration and keys").
//
//   phase 1  new key file (the old one kept) → its JWK added to the app, ACTIVE → a token fetched
//            with it → .env switched (PRIVATE_KEY_FILE, KEY_ID) in one atomic write
//   phase 2  (--finish, or any run after ROTATION_FINISH_AFTER) a token with the current key first,
//            then the old key deactivated and deleted, its file removed
//
// If the new key cannot get a token, nothing local changes and the key added to the app is removed.

import ArgumentParser
import Foundation
import OktaAPI
import OktaConfig
import PKJWTConfig
import PrivateKeyJWT

struct Rotate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Replace the app's key without downtime: add and prove a new key, then retire the old one.",
        discussion: """
            Phase 1 (pkjwt rotate) makes a new key, adds it to the app, proves it with a token and only \
            then switches .env to it; the old key stays active so machines still using it keep working. \
            Phase 2 (pkjwt rotate --finish, once every machine has the new key) deactivates and deletes \
            the old key. With --finish-after 24h, phase 2 is recorded for later: any pkjwt rotate run \
            after that time (from cron, say) finishes it. Needs API_KEY, CLIENT_ID and the current key.
            """)

    @OptionGroup var options: ConfigOptions

    @Flag(name: .long, help: "Phase 2: retire the old key now.")
    var finish = false

    @Option(name: .customLong("finish-after"), help: "Record when phase 2 may run (like 90m, 24h, 7d).")
    var finishAfter: String?

    @Flag(name: .customLong("dry-run"), help: "Print the plan and change nothing (Okta is only read).")
    var dryRun = false

    @Option(name: .long, help: "Modulus size of the new key: 2048, 3072 or 4096.")
    var bits: Int = 2048

    @OptionGroup var output: JSONOption

    func validate() throws {
        guard RSAPrivateKey.generatableSizes.contains(bits) else {
            throw ValidationError("--bits must be 2048, 3072 or 4096")
        }
        if let finishAfter {
            guard Self.seconds(finishAfter) != nil else {
                throw ValidationError("--finish-after takes a duration like 3600, 90m, 24h or 7d")
            }
            guard !finish else {
                throw ValidationError("--finish-after records a later finish; --finish finishes now: give one")
            }
        }
    }

    /// "3600", "90s", "90m", "24h", "7d" → seconds; nil for anything else (at most a year).
    static func seconds(_ text: String) -> TimeInterval? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        let (digits, unit) = text.last.flatMap { units[$0] }.map { (text.dropLast(), $0) } ?? (Substring(text), 1)
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let count = Double(digits), count.isFinite, count >= 0,
            digits.allSatisfy(\.isNumber), count * unit <= 366 * 86400
        else { return nil }
        return count * unit
    }

    struct Report: Encodable {
        var phase = ""
        var dry_run = false
        var client_id = ""
        var new_kid: String?
        var new_key_file: String?
        var old_kid: String?
        var old_key_file_removed: String?
        var finish_after: String?
        var steps: [String] = []
    }

    func run() async throws {
        var configuration = try options.load(locked: !dryRun)
        let pending = configuration[.rotationOldKID]
        var report: Report
        if finish || (pending != nil && Self.finishTimeHasPassed(configuration)) {
            report = try await Self.finish(&configuration, http: options.http, dryRun: dryRun)
        } else if let pending {
            let when =
                configuration[.rotationFinishAfter].flatMap(Double.init).map { " after " + Self.isoDate($0) } ?? ""
            throw CLIError(
                "a rotation is in progress (old kid \(pending)): finish it with 'pkjwt rotate "
                    + "--finish'\(when.isEmpty ? "" : " (recorded to finish\(when))") before starting another"
            )
        } else {
            report = try await Self.start(
                &configuration, bits: bits, finishAfter: finishAfter.flatMap(Self.seconds), http: options.http,
                dryRun: dryRun)
        }
        report.dry_run = dryRun
        if output.json {
            Output.json(report)
        } else {
            for step in report.steps { print(step) }
        }
    }

    static func isoDate(_ seconds: TimeInterval) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: seconds))
    }

    static func finishTimeHasPassed(_ configuration: Configuration) -> Bool {
        guard let when = configuration[.rotationFinishAfter].flatMap(Double.init) else { return false }
        return Date().timeIntervalSince1970 >= when
    }

    // MARK: Phase 1

    static func start(
        _ configuration: inout Configuration, bits: Int, finishAfter: TimeInterval?, http: OktaHTTPClient, dryRun: Bool
    ) async throws -> Report {
        for setting in [Setting.privateKeyFile, .privateKey, .keyID] where !configuration.isDecidedByDotEnv(setting) {
            throw CLIError(
                "\(setting.rawValue) is set in the environment or by a flag, so switching the .env file would not "
                    + "switch the key; rotate where .env holds the key, or set the new key by hand"
            )
        }
        let org = try configuration.org()
        let management = try managementClient(configuration, org: org, http: http)
        let clientID = try configuration.required(.clientID)
        let oldKey = try configuration.signingKey()
        let oldKID = configuration.keyID(for: oldKey)
        var report = Report(phase: "start", client_id: clientID, old_kid: oldKID)
        let keys = try await management.listKeys(appID: clientID)
        guard keys.contains(where: { $0.kid == oldKID && $0.status == .active }) else {
            throw CLIError(
                "the current key (kid \(oldKID)) is not an active key of app \(clientID): run 'pkjwt register' first")
        }
        guard keys.count < 50 else {
            throw CLIError("app \(clientID) has 50 keys, Okta's limit: delete unused keys first")
        }
        if dryRun {
            report.steps = [
                "plan: make a new \(Self.newKind(like: oldKey, bits: bits)) key beside "
                    + "\(configuration[.privateKeyFile].map { "'\($0)'" } ?? "the inline PRIVATE_KEY")",
                "plan: add its public JWK to app \(clientID) as ACTIVE (the app has \(keys.count) "
                    + "key\(keys.count == 1 ? "" : "s") now)",
                "plan: get a token with it; if that fails, remove it from the app and change nothing here",
                "plan: switch PRIVATE_KEY_FILE and KEY_ID in \(configuration.envFile); keep kid \(oldKID) active until "
                    + "'pkjwt rotate --finish'",
            ]
            return report
        }
        let (newKey, pem) = try Self.newKey(like: oldKey, bits: bits)
        let newKID = newKey.thumbprint
        let newPath = newKeyPath(beside: configuration[.privateKeyFile], kid: newKID)
        try SecretFiles.writeSecret(Array(pem.utf8), to: newPath, overwrite: false)
        (report.new_kid, report.new_key_file) = (newKID, newPath)
        report.steps.append("wrote the new key to \(DisplayedPath(newPath)) (mode 0600), kid \(newKID)")
        do {
            try await addKey(newKey.publicJWK(kid: newKID), to: clientID, management: management)
            report.steps.append("added kid \(newKID) to app \(clientID) (ACTIVE)")
            try await proveKey(newKey, kid: newKID, configuration: configuration, org: org, http: http)
            report.steps.append("a token with the new key: ok")
        } catch {
            let cleanup = await removeKey(kid: newKID, from: clientID, management: management)
            unlink(newPath)
            throw CLIError(
                "the new key could not be used (\(Output.words(for: error))); \(cleanup) and nothing in "
                    + "\(configuration.envFile) changed"
            )
        }
        var updates: [(Setting, String)] =
            [(.privateKeyFile, newPath), (.keyID, newKID), (.rotationOldKID, oldKID)]
            + Keygen.publicForms(newKey, configuration)
        if let oldFile = configuration[.privateKeyFile] { updates.append((.rotationOldKeyFile, oldFile)) }
        if let finishAfter {
            let when = (Date().timeIntervalSince1970 + finishAfter).rounded(.up)
            updates.append((.rotationFinishAfter, String(Int(when))))
            report.finish_after = isoDate(when)
        }
        // One atomic write: a reader sees the old key and kid, or the new ones, never a mix.
        try configuration.record(updates)
        report.steps.append(
            "switched \(configuration.envFile) to kid \(newKID); kid \(oldKID) stays active for machines still using it"
        )
        report.steps.append(
            report.finish_after.map { "to finish: any 'pkjwt rotate' after \($0) retires kid \(oldKID)" }
                ?? "to finish, once every machine has the new key: pkjwt rotate --finish")
        return report
    }

    /// A new key of the current key's kind (RSA of `bits`, or P-256), and its PKCS#8 PEM.
    static func newKey(like current: SigningKey, bits: Int) throws -> (SigningKey, String) {
        guard case .rsa = current else {
            let key = try P256PrivateKey()
            return (.p256(key), key.pemRepresentation)
        }
        let key = try CPUPaths.generatedKey(bits: bits)
        return (.rsa(key), key.pemRepresentation)
    }

    static func newKind(like current: SigningKey, bits: Int) -> String {
        guard case .rsa = current else { return current.kind }
        return "\(bits)-bit"
    }

    /// `private_key-<kid prefix>.pem` beside the current key file (or in the working folder).
    static func newKeyPath(beside current: String?, kid: String) -> String {
        let folder = current.map { ($0 as NSString).deletingLastPathComponent } ?? ""
        let stem =
            current.map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension } ?? "private_key"
        // A stem that already carries an earlier rotation's suffix is not extended again.
        let base = stem.range(of: "-rotated-").map { String(stem[..<$0.lowerBound]) } ?? stem
        let name = "\(base)-rotated-\(kid.prefix(12)).pem"
        return folder.isEmpty ? name : folder + "/" + name
    }

    // MARK: Phase 2

    static func finish(_ configuration: inout Configuration, http: OktaHTTPClient, dryRun: Bool) async throws -> Report
    {
        guard let oldKID = configuration[.rotationOldKID] else {
            throw CLIError("no rotation to finish: ROTATION_OLD_KID is not set in \(configuration.envFile)")
        }
        let org = try configuration.org()
        let management = try managementClient(configuration, org: org, http: http)
        let clientID = try configuration.required(.clientID)
        let key = try configuration.signingKey()
        let kid = configuration.keyID(for: key)
        guard kid != oldKID else {
            throw CLIError(
                "KEY_ID is the key to retire (\(oldKID)): the switch to the new key did not happen; run 'pkjwt rotate' "
                    + "again"
            )
        }
        var report = Report(phase: "finish", client_id: clientID, new_kid: kid, old_kid: oldKID)
        let keys = try await management.listKeys(appID: clientID)
        // Never the last working key: the current one must be active on the app, and must work.
        guard keys.contains(where: { $0.kid == kid && $0.status == .active }) else {
            throw CLIError(
                "the current key (kid \(kid)) is not active on app \(clientID), so kid \(oldKID) is kept; run 'pkjwt "
                    + "register' to add it"
            )
        }
        let retiring = keys.filter { $0.kid == oldKID }
        let oldFile = configuration[.rotationOldKeyFile].flatMap { $0 == configuration[.privateKeyFile] ? nil : $0 }
        if dryRun {
            report.steps =
                ["plan: get a token with the current key (kid \(kid)) first"]
                + retiring.map {
                    "plan: \($0.status == .active ? "deactivate and " : "")delete kid \(oldKID) (Okta id \($0.id)) "
                        + "from app \(clientID)"
                }
                + (oldFile.map { ["plan: remove the old key file \(DisplayedPath($0))"] } ?? [])
                + ["plan: clear ROTATION_* in \(configuration.envFile)"]
            return report
        }
        try await proveKey(key, kid: kid, configuration: configuration, org: org, http: http)
        report.steps.append("a token with the current key (kid \(kid)): ok")
        for old in retiring {
            if old.status == .active {
                _ = try await management.setKey(appID: clientID, keyID: old.id, active: false)
                report.steps.append("deactivated kid \(oldKID)")
            }
            try await management.deleteKey(appID: clientID, keyID: old.id)
            report.steps.append("deleted kid \(oldKID) from app \(clientID)")
        }
        if retiring.isEmpty { report.steps.append("kid \(oldKID) is no longer on app \(clientID)") }
        var updates: [(Setting, String)] = [
            (.rotationOldKID, ""), (.rotationOldKeyFile, ""), (.rotationFinishAfter, ""),
        ]
        // The seed's inline key was the old key once a rotation wrote PRIVATE_KEY_FILE: not kept as a secret in .env.
        if configuration.dotEnv.value(Setting.privateKey.rawValue)?.isEmpty == false,
            configuration[.privateKeyFile] != nil
        {
            updates.append((.privateKey, ""))
        }
        try configuration.record(updates)
        if let oldFile, unlink(oldFile) == 0 {
            report.old_key_file_removed = oldFile
            report.steps.append("removed the old key file \(DisplayedPath(oldFile))")
        }
        report.steps.append("rotation finished: kid \(kid) is the app's key")
        return report
    }
}
