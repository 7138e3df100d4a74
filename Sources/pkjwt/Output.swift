// Results on stdout, diagnostics on stderr, and the CLI's one error type.

import Foundation
import OktaAPI
import OktaConfig
import PKJWTConfig
import PrivateKeyJWT

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failure the CLI explains in one line and exits 1 for.
struct CLIError: Error {
    let message: String
    init(_ message: String) { self.message = message }

    /// A file a command will not replace unless told to.
    static func exists(_ path: String) -> CLIError {
        CLIError("\(DisplayedPath(path)) already exists; pass --force to replace it")
    }

    /// Writes a new secret file, saying how to replace one that exists (ConfigError names no flag).
    static func writeNew(_ bytes: [UInt8], to path: String, force: Bool) throws {
        do {
            try SecretFiles.writeSecret(bytes, to: path, overwrite: force)
        } catch ConfigError.alreadyExists(let path) {
            throw exists(path)
        }
    }
}

/// What pkjwt's files are called: the cache folder, and (FileOwner) its staging files' suffix
/// `.pkjwt-new` and the PKJWT_SECRET_STAGING variable. Fixed: earlier runs' files go by these names.
enum PKJWTFiles {
    static let owner = "pkjwt"

    /// `$XDG_CACHE_HOME/pkjwt`, else `$HOME/.cache/pkjwt`.
    static func cacheDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        TokenCache.defaultDirectory(environment: environment, application: owner)
    }
}

enum Output {
    /// A thrown error in pkjwt's words: the libraries' typed failures with the advice pkjwt adds.
    static func words(for error: any Error) -> String {
        switch error {
        case let failure as CLIError: failure.message
        case let failure as OktaConfigError: ConfigWords.describe(failure)
        case let failure as OktaAPIError: OktaWords.describe(failure)
        default: "\(error)"
        }
    }

    /// Writes a line to stderr.
    static func diagnostic(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Reports an explained failure on one stderr line and exits 1.
    static func fail(_ message: String) -> Never {
        diagnostic("pkjwt: error: " + message.replacingOccurrences(of: "\n", with: " "))
        exit(1)
    }

    /// Writes to stdout at once, for lines another process waits for. By write(2) itself: going
    /// through Data made the runtime scan every conformance in the binary, on each cache hit.
    /// False when not all of it could be written (a closed pipe, a full disk).
    @discardableResult
    static func unbuffered(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return true }
            var offset = 0
            while offset < bytes.count {
                let written = write(STDOUT_FILENO, base + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return false }  // a closed pipe: nothing more can be said there
                offset += written
            }
            return true
        }
    }

    /// A live progress line on stderr (redrawn in place); nil clears it.
    static func progress(_ text: String?) {
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + (text ?? "")).utf8))
    }

    /// Pretty JSON with sorted keys on stdout.
    static func json(_ value: some Encodable) {
        print(String(decoding: sortedJSON(value, pretty: true), as: UTF8.self))
    }
}
