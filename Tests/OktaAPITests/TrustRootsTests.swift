import Foundation
import Testing

@testable import OktaAPI

@Suite("TrustRoots: which CAs Okta calls trust")
struct TrustRootsTests {
    @Test("the caller's CA file wins; then SSL_CERT_FILE and SSL_CERT_DIR; empty values count as unset")
    func precedence() {
        let environment = ["SSL_CERT_FILE": "/env/ca.pem", "SSL_CERT_DIR": "/env/certs"]
        #expect(TrustRoots.from(caFile: "/mine.pem", environment: environment) == TrustRoots(caFile: "/mine.pem"))
        #expect(
            TrustRoots.from(caFile: nil, environment: environment)
                == TrustRoots(caFile: "/env/ca.pem", caDirectory: "/env/certs"))
        #expect(TrustRoots.from(caFile: "", environment: ["SSL_CERT_DIR": "/d"]) == TrustRoots(caDirectory: "/d"))
        #expect(TrustRoots.from(caFile: nil, environment: ["SSL_CERT_FILE": "", "SSL_CERT_DIR": ""]) == .system)
    }

    @Test("the system's roots need no TLS configuration of pkjwt's own") func system() throws {
        #expect(try TrustRoots.system.tlsConfiguration() == nil)
    }

    @Test("a CA file without a PEM certificate and a CA directory that is not one are refused by setting")
    func refused() throws {
        let folder = NSTemporaryDirectory() + "pkjwt-trust-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let notPEM = folder + "/ca.pem"
        FileManager.default.createFile(atPath: notPEM, contents: Data("not a certificate".utf8))
        let cases: [(TrustRoots, OktaSetting)] = [
            (TrustRoots(caFile: notPEM), .caFile), (TrustRoots(caFile: folder + "/missing.pem"), .caFile),
            (TrustRoots(caDirectory: notPEM), .caDirectory), (TrustRoots(caDirectory: folder + "/none"), .caDirectory),
        ]
        for (roots, setting) in cases {
            do {
                _ = try roots.tlsConfiguration()
                Issue.record("accepted \(roots)")
            } catch {
                guard case .invalidSetting(let named, _) = error else {
                    Issue.record("\(error)")
                    continue
                }
                #expect(named == setting)
            }
        }
    }

    @Test("a PEM bundle and a directory give a configuration that verifies certificates and host names")
    func accepted() throws {
        let folder = NSTemporaryDirectory() + "pkjwt-trust-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Only the marker is looked for here; BoringSSL reads the certificates at connection time.
        FileManager.default.createFile(
            atPath: folder + "/ca.pem", contents: Data("-----BEGIN CERTIFICATE-----\n".utf8))
        let configuration = try #require(
            try TrustRoots(caFile: folder + "/ca.pem", caDirectory: folder).tlsConfiguration())
        #expect(configuration.certificateVerification == .fullVerification)
        #expect(configuration.trustRoots == .file(folder + "/ca.pem"))
        #expect(configuration.additionalTrustRoots.count == 1)
    }
}
