// Which certificate authorities Okta calls trust: the system's, or the ones the user names — a
// corporate CA that inspects TLS, a private CA in tests — by the caller or by OpenSSL's and curl's
// SSL_CERT_FILE and SSL_CERT_DIR. Verification itself is never turned off.

import Foundation
import NIOSSL

/// The CA certificates that sign the servers pkjwt talks to.
public struct TrustRoots: Hashable, Sendable {
    /// A PEM bundle of CA certificates; replaces the system's, as OpenSSL's SSL_CERT_FILE does.
    public var caFile: String?
    /// A directory of PEM CA certificates (OpenSSL's hashed layout or plain .pem files).
    public var caDirectory: String?

    public init(caFile: String? = nil, caDirectory: String? = nil) {
        self.caFile = caFile
        self.caDirectory = caDirectory
    }

    /// The system's trust store.
    public static let system = TrustRoots()

    /// `caFile` when the caller gives one, else SSL_CERT_FILE and SSL_CERT_DIR from the
    /// environment (empty values count as unset), else the system's.
    public static func from(caFile: String?, environment: [String: String]) -> TrustRoots {
        if let caFile, !caFile.isEmpty { return TrustRoots(caFile: caFile) }
        let file = environment["SSL_CERT_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        let directory = environment["SSL_CERT_DIR"].flatMap { $0.isEmpty ? nil : $0 }
        return TrustRoots(caFile: file, caDirectory: directory)
    }

    /// A client TLS configuration with these roots, certificate and host name verification on; nil
    /// for the system's. BoringSSL reads the files when a TLS connection is made, and a directory as
    /// OpenSSL does (certificates under their hash names, `openssl rehash`), so nothing is parsed for
    /// a plain-HTTP call or at start-up (some machines set SSL_CERT_DIR to a system directory of
    /// hundreds of files). A file is checked here only for holding a PEM certificate at all.
    func tlsConfiguration() throws(OktaAPIError) -> TLSConfiguration? {
        var roots = [NIOSSLTrustRoots]()
        if let caFile {
            guard Self.holdsPEMCertificate(caFile) else {
                throw .invalidSetting(.caFile, .noPEMCertificate(path: caFile))
            }
            roots.append(.file(caFile))
        }
        if let caDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: caDirectory, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                throw .invalidSetting(.caDirectory, .notADirectory(path: caDirectory))
            }
            roots.append(.file(caDirectory))
        }
        guard let first = roots.first else { return nil }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = first
        configuration.additionalTrustRoots = roots.dropFirst().compactMap {
            if case .file(let path) = $0 { return .file(path) }
            return nil
        }
        return configuration
    }

    /// True when the file starts a PEM certificate somewhere in its first 8 MiB.
    private static func holdsPEMCertificate(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let data = handle.readData(ofLength: 8 << 20)
        return data.range(of: Data("-----BEGIN CERTIFICATE-----".utf8)) != nil
    }
}
