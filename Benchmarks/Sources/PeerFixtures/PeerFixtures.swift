// The key every implementation signs and verifies with, handed to each peer in its own form.

import Foundation
import GMPBaseline
import OpenSSLPeer
import PrivateKeyJWT

public enum PeerFixtures {
    /// RSA-2048 key1 of the repository's OpenSSL cross-check vectors, as PKCS#8 PEM.
    public static let pem = try! String(
        contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                "vectors/rsa/openssl-keys/key1.pkcs8.pem"),
        encoding: .utf8)

    /// The key for the raw-GMP baseline, from the big-endian components of `key`.
    public static func gmpBaselineKey(_ key: RSAPrivateKey) -> OpaquePointer {
        let jwk = JWK(privateKey: key)
        let parts = [jwk.n, jwk.e, jwk.d, jwk.p, jwk.q, jwk.dp, jwk.dq, jwk.qi].map { try! Base64.urlDecode($0!) }
        // The copies live as long as the process: the baseline key points at nothing else.
        var pointers = parts.map { bytes -> UnsafePointer<UInt8>? in
            let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
            copy.initialize(from: bytes, count: bytes.count)
            return UnsafePointer(copy)
        }
        var lengths = parts.map(\.count)
        return gmp_baseline_import(&pointers, &lengths)
    }

    /// The key for the OpenSSL peer, from the PEM.
    public static func opensslKey(_ pem: String) -> OpaquePointer {
        pem.withCString { openssl_peer_load_pem($0, strlen($0))! }
    }
}
