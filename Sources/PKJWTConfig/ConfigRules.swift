// Why local configuration could not be read or written, as data: the reasons `ConfigError` carries.
// Each case's text is derived here; an errno is kept as the number and shown as strerror's words.

import Foundation
import PrivateKeyJWT

extension ConfigError {
    /// Why a file could not be read.
    public enum ReadProblem: Equatable, Sendable {
        case missing
        /// open, fstat or read failed with this errno.
        case system(errno: Int32)
        case directory
        /// A FIFO, device or socket: reading it could block, or never end.
        case notRegularFile
        /// Over `SecretFiles.maximumInputBytes`.
        case tooLarge
        case empty

        func description(what: String, path: String?) -> String {
            let named = what + (path.map { " \(DisplayedPath($0))" } ?? "")
            return switch self {
            case .missing: "\(named) does not exist"
            case .system(let code): "cannot read \(named): \(errorText(code))"
            case .directory: "\(named) is a directory, not a file"
            case .notRegularFile: "\(named) is not a regular file (a FIFO, device or socket); only files are read"
            case .tooLarge: "\(named) is larger than 1 MiB; it is not a key, token or settings file"
            case .empty: "\(named) is empty"
            }
        }
    }

    /// Why a file or folder could not be written.
    public enum WriteProblem: Equatable, Sendable {
        case lockFile(errno: Int32)
        case lock(errno: Int32)
        /// No file could be made in the folder.
        case folder(errno: Int32)
        /// The token cache is not a directory that this user owns.
        case cacheNotOwned
        case cacheFolder(errno: Int32)
        /// Writing, syncing or renaming the file failed.
        case file(errno: Int32)
        /// Another process holds the staging file's lock.
        case busy

        func description(path: String) -> String {
            let shown = DisplayedPath(path)
            return switch self {
            case .lockFile(let code): "cannot create the lock file \(shown): \(errorText(code))"
            case .lock(let code): "cannot lock \(shown): \(errorText(code))"
            case .folder(let code): "cannot write in \(shown): \(errorText(code))"
            case .cacheNotOwned: "the token cache \(shown) is not a directory of this user"
            case .cacheFolder(let code): "cannot create the token cache \(shown): \(errorText(code))"
            case .file(let code): "cannot write \(shown): \(errorText(code))"
            case .busy: "another process is writing \(shown) now; try again when it has finished"
            }
        }
    }

    /// The python-dotenv rule a .env line broke.
    public enum DotEnvRule: Equatable, Sendable, CustomStringConvertible {
        case expectedKeyValue
        case quoteNeverClosed
        /// `${...}` expansion past the reader's cap.
        case expansionTooLong
        case textAfterValue

        public var description: String {
            switch self {
            case .expectedKeyValue: "expected KEY=VALUE"
            case .quoteNeverClosed: "a quoted value is never closed"
            case .expansionTooLong: "${...} expansion makes the file's values longer than 4 MiB"
            case .textAfterValue: "unexpected text after the value (quote it, or start a comment with ' #')"
            }
        }
    }

    /// Why a value cannot be written to a .env file so that python-dotenv reads it back.
    public enum ValueProblem: Equatable, Sendable, CustomStringConvertible {
        case invalidKey
        /// python-dotenv expands "${" inside every kind of quote.
        case expansionMarker
        /// A backslash at the end cannot stand in a quoted value.
        case trailingBackslash

        public var description: String {
            switch self {
            case .invalidKey: "it is not a valid .env key"
            case .expansionMarker: "it contains a '$' followed by '{', which python-dotenv always expands"
            case .trailingBackslash: "it ends in a backslash, which no quoted .env value can"
            }
        }
    }

    /// Where a private key was to come from, as messages name it; the setting's name is the caller's.
    public enum KeyOrigin: Equatable, Sendable, CustomStringConvertible {
        /// The file at `path`, named by `setting`.
        case file(setting: String, path: String)
        /// The setting's value itself (a secret: never shown).
        case value(setting: String)
        /// The file whose path is the setting's value (not shown either: it may be a mistyped key).
        case fileNamedBy(setting: String)

        public var description: String {
            switch self {
            case .file(let setting, let path): "\(setting) \(DisplayedPath(path))"
            case .value(let setting): setting
            case .fileNamedBy(let setting): "the file \(setting) names"
            }
        }
    }

    /// Why a named private key cannot be used.
    public enum KeyProblem: Equatable, Sendable {
        /// The bytes are no key document the core reads, for this reason.
        case unreadable(PrivateKeyJWTError)
        /// The document holds a public key only.
        case publicKeyOnly(KeyFormat)
        /// The value is neither a key nor the path of an existing file.
        case neitherKeyNorPath

        func description(origin: KeyOrigin) -> String {
            switch self {
            case .unreadable(let error): "\(origin): \(error)"
            case .publicKeyOnly(let format): "\(origin) holds a public key (\(format)); a private key is needed"
            case .neitherKeyNorPath:
                "\(origin) is neither a key (PEM, JWK or base64 DER) nor the path of an existing file; its value is "
                    + "not shown"
            }
        }
    }
}

/// strerror's words for an errno.
private func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }
