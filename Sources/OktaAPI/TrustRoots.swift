// Which certificate authorities Okta calls trust: the system's, or the ones the user names — a
// corporate CA that inspects TLS, a private CA in tests — by --cacert or by OpenSSL's and curl's
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

    /// `caFile` (the --cacert flag) when given, else SSL_CERT_FILE and SSL_CERT_DIR from the
    /// environment (empty values count as unset), else the system's.
    public static func from(caFile: String?, environment: [String: String]) -> TrustRoots {
        if let caFile, !caFile.isEmpty { return TrustRoots(caFile: caFile) }
        let file = environment["SSL_CERT_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        let directory = environment["SSL_CERT_DIR"].flatMap { $0.isEmpty ? nil : $0 }
        return TrustRoots(caFile: file, caDirectory: directory)
    }

    /// A client TLS configuration with these roots, certificate and host name verification on.
    func tlsConfiguration() throws(OktaAPIError) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        guard caFile != nil || caDirectory != nil else { return configuration }
        var certificates = [NIOSSLCertificate]()
        if let caFile {
            guard let loaded = try? NIOSSLCertificate.fromPEMFile(caFile), !loaded.isEmpty else {
                throw .configuration("the CA file '\(caFile)' (--cacert or SSL_CERT_FILE) holds no PEM certificate, or cannot be read")
            }
            certificates += loaded
        }
        if let caDirectory {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: caDirectory)) ?? []
            let loaded = names.sorted().flatMap { (try? NIOSSLCertificate.fromPEMFile(caDirectory + "/" + $0)) ?? [] }
            guard !loaded.isEmpty else {
                throw .configuration("the CA directory '\(caDirectory)' (SSL_CERT_DIR) holds no PEM certificate, or cannot be read")
            }
            certificates += loaded
        }
        configuration.trustRoots = .certificates(certificates)
        return configuration
    }
}
