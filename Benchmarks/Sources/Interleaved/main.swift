// Interleaved A/B ratios: each round times ours and each peer back to back, in a shuffled order,
// so machine noise hits both sides of every ratio alike. Run:
//   swift run -c release --package-path Benchmarks Interleaved
//   OPENSSL_ia32cap=":~0x20000000" swift run -c release --package-path Benchmarks Interleaved sha   (SHA-NI masked)
// The SHA-256 contests set the process-wide compression function in each entrant (a lock, ~20 ns,
// against ~10 µs per 16 KiB), so each runs the code its row names.

import Crypto
import Foundation
import GMPBaseline
import OpenSSLPeer
import PeerFixtures
import PrivateKeyJWT
import PrivateKeyJWTIFMA
import PrivateKeyJWTSHANI
import _CryptoExtras

let pem = PeerFixtures.pem
let key = try RSAPrivateKey(pemRepresentation: pem)
var twoThreadKey = key
twoThreadKey.parallelHalves = true
let ifmaKey = key.preferringAVX512IFMA()
let digest = PrivateKeyJWT.SHA256.hash(data: Array("interleaved".utf8))
let signature = try key.signature(digest: digest)
let ifmaSignature = try ifmaKey.signature(digest: digest)
precondition(ifmaSignature == signature, "the IFMA path's signature differs from the portable one")
precondition(ifmaKey.publicKey.isValidSignature(signature, digest: digest), "the IFMA path rejects the signature")
let swiftCryptoKey = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
let swiftCryptoDigest = Crypto.SHA256.hash(data: Array("interleaved".utf8))
let swiftCryptoSignature = _RSA.Signing.RSASignature(rawRepresentation: signature)
let opensslKey = PeerFixtures.opensslKey(pem)
// P-256 (ES256): the same scalar in both libraries, each one's signature checked by the other.
let p256Scalar = (1...32).map { UInt8($0) }
let p256Key = try P256PrivateKey(rawRepresentation: p256Scalar)
let p256Signature = p256Key.signature(digest: digest)
let swiftCryptoP256 = try Crypto.P256.Signing.PrivateKey(rawRepresentation: p256Scalar)
let swiftCryptoP256Signature = try Crypto.P256.Signing.ECDSASignature(rawRepresentation: p256Signature)
precondition(
    swiftCryptoP256.publicKey.isValidSignature(swiftCryptoP256Signature, for: swiftCryptoDigest),
    "swift-crypto rejects pkjwt's ES256 signature")
let opensslP256 = PeerFixtures.opensslKey(p256Key.pemRepresentation)
var opensslP256Signature = [UInt8](repeating: 0, count: 80)
let opensslP256SignatureLength = Int(openssl_peer_sign(opensslP256, digest.bytes, &opensslP256Signature, 80))
precondition(
    opensslP256SignatureLength > 0
        && openssl_peer_verify(opensslP256, digest.bytes, opensslP256Signature, opensslP256SignatureLength) == 1,
    "OpenSSL's P-256 key (pkjwt's d) signs and verifies")
let swiftCryptoP256Made = Array(try swiftCryptoP256.signature(for: swiftCryptoDigest).rawRepresentation)
precondition(
    p256Key.publicKey.isValidSignature(swiftCryptoP256Made, digest: digest),
    "pkjwt rejects swift-crypto's ES256 signature")
let gmpKey = PeerFixtures.gmpBaselineKey(key)

/// Seconds per operation for `count` runs of `body`.
func time(_ count: Int, _ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<count { try body() }
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(count)
}

struct Contest {
    let name: String
    let count: Int
    let entrants: [(String, () throws -> Void)]
}

var out = [UInt8](repeating: 0, count: 256)
// Bytes that differ from block to block, so that a release-build fault in one lane of pkjwt's
// four-block schedule shows in the digest check below.
let block = (0..<16384).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) }
for prefersExtensions in [false, true] {
    if prefersExtensions { PrivateKeyJWT.SHA256.preferSHAExtensions() }
    precondition(
        PrivateKeyJWT.SHA256.hash(data: block).bytes == Array(Crypto.SHA256.hash(data: block)),
        "pkjwt's SHA-256 (\(PrivateKeyJWT.SHA256.compressionName)) of the 16 KiB block differs from swift-crypto's")
}
let hashOnSHAExtensions = {
    PrivateKeyJWT.SHA256.preferSHAExtensions()
    _ = PrivateKeyJWT.SHA256.hash(data: block)
}
let hashPortably = {
    PrivateKeyJWT.SHA256.preferPortableCompression()
    _ = PrivateKeyJWT.SHA256.hash(data: block)
}
let shaPeers: [(String, () throws -> Void)] = [
    (
        "OpenSSL",
        {
            var d = [UInt8](repeating: 0, count: 32); openssl_peer_sha256(block, block.count, &d)
        }
    ),
    ("swift-crypto", { _ = Crypto.SHA256.hash(data: block) }),
]
var contests = [
    Contest(
        name: "RSA-2048 sign", count: 20,
        entrants: [
            ("pkjwt", { _ = try key.signature(digest: digest) }),
            ("pkjwt, parallelHalves", { _ = try twoThreadKey.signature(digest: digest) }),
            ("raw GMP", { _ = gmp_baseline_sign(gmpKey, digest.bytes, &out, 256) }),
            ("OpenSSL", { _ = openssl_peer_sign(opensslKey, digest.bytes, &out, 256) }),
            ("swift-crypto", { _ = try swiftCryptoKey.signature(for: swiftCryptoDigest, padding: .insecurePKCS1v1_5) }),
        ]),
    Contest(
        // "pkjwt" here is the AVX-512 IFMA path (the portable one where the CPU lacks it).
        name: "RSA-2048 sign, \(ifmaKey.signingEngine)", count: 20,
        entrants: [
            ("pkjwt", { _ = try ifmaKey.signature(digest: digest) }),
            ("pkjwt, portable", { _ = try key.signature(digest: digest) }),
            ("raw GMP", { _ = gmp_baseline_sign(gmpKey, digest.bytes, &out, 256) }),
            ("OpenSSL", { _ = openssl_peer_sign(opensslKey, digest.bytes, &out, 256) }),
            ("swift-crypto", { _ = try swiftCryptoKey.signature(for: swiftCryptoDigest, padding: .insecurePKCS1v1_5) }),
        ]),
    Contest(
        name: "RSA-2048 verify, \(ifmaKey.publicKey.verifyingEngine)", count: 400,
        entrants: [
            ("pkjwt", { _ = ifmaKey.publicKey.isValidSignature(signature, digest: digest) }),
            ("pkjwt, portable", { _ = key.publicKey.isValidSignature(signature, digest: digest) }),
            ("OpenSSL", { _ = openssl_peer_verify(opensslKey, digest.bytes, signature, 256) }),
            (
                "swift-crypto",
                {
                    _ = swiftCryptoKey.publicKey.isValidSignature(
                        swiftCryptoSignature, for: swiftCryptoDigest, padding: .insecurePKCS1v1_5)
                }
            ),
        ]),
    Contest(
        name: "RSA-2048 verify", count: 400,
        entrants: [
            ("pkjwt", { _ = key.publicKey.isValidSignature(signature, digest: digest) }),
            ("raw GMP", { _ = gmp_baseline_verify(gmpKey, digest.bytes, signature, 256) }),
            ("OpenSSL", { _ = openssl_peer_verify(opensslKey, digest.bytes, signature, 256) }),
            (
                "swift-crypto",
                {
                    _ = swiftCryptoKey.publicKey.isValidSignature(
                        swiftCryptoSignature, for: swiftCryptoDigest, padding: .insecurePKCS1v1_5)
                }
            ),
        ]),
    Contest(
        // "pkjwt" here is the SHA extensions path (the portable one where the CPU lacks them).
        name: "SHA-256 16 KiB, \(PrivateKeyJWT.SHA256.shaExtensionsAreAvailable ? "SHA extensions" : "portable")",
        count: 200, entrants: [("pkjwt", hashOnSHAExtensions), ("pkjwt, portable", hashPortably)] + shaPeers),
    Contest(name: "SHA-256 16 KiB, portable", count: 200, entrants: [("pkjwt", hashPortably)] + shaPeers),
    Contest(
        name: "P-256 sign", count: 100,
        entrants: [
            ("pkjwt", { _ = p256Key.signature(digest: digest) }),
            ("swift-crypto", { _ = try swiftCryptoP256.signature(for: swiftCryptoDigest) }),
            ("OpenSSL", { _ = openssl_peer_sign(opensslP256, digest.bytes, &out, 256) }),
        ]),
    Contest(
        name: "P-256 verify", count: 100,
        entrants: [
            ("pkjwt", { _ = p256Key.publicKey.isValidSignature(p256Signature, digest: digest) }),
            (
                "swift-crypto",
                { _ = swiftCryptoP256.publicKey.isValidSignature(swiftCryptoP256Signature, for: swiftCryptoDigest) }
            ),
            (
                "OpenSSL",
                {
                    _ = openssl_peer_verify(
                        opensslP256, digest.bytes, opensslP256Signature, opensslP256SignatureLength)
                }
            ),
        ]),
    Contest(
        name: "P-256 keygen", count: 100,
        entrants: [
            ("pkjwt", { _ = try P256PrivateKey() }),
            ("swift-crypto", { _ = Crypto.P256.Signing.PrivateKey() }),
            ("OpenSSL", { openssl_peer_free(openssl_peer_generate_p256()) }),
        ]),
    Contest(
        name: "RSA-2048 keygen", count: 1,
        entrants: [
            ("pkjwt", { _ = try RSAPrivateKey(generatingBits: 2048) }),
            ("raw GMP", { gmp_baseline_free(gmp_baseline_generate(2048)) }),
            ("OpenSSL", { openssl_peer_free(openssl_peer_generate(2048)) }),
            ("swift-crypto", { _ = try _RSA.Signing.PrivateKey(keySize: .bits2048) }),
        ]),
]
let only = CommandLine.arguments.dropFirst().first
if let only { contests = contests.filter { $0.name.lowercased().contains(only.lowercased()) } }
let rounds = Int(ProcessInfo.processInfo.environment["ROUNDS"] ?? "") ?? 60

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))]
}

print(
    "| operation | implementation | p50 per op | p90 per op | ops/s (p50) "
        + "| pkjwt ÷ this, speed ratio p50 [p10–p90] |")
print("|---|---|---:|---:|---:|---|")
for contest in contests {
    var samples = [String: [Double]]()
    var ratios = [String: [Double]]()
    for _ in 0..<rounds {
        var round = [String: Double]()
        for (name, body) in contest.entrants.shuffled() { round[name] = try time(contest.count, body) }
        for (name, seconds) in round { samples[name, default: []].append(seconds) }
        // Speed ratio: how many pkjwt operations per peer operation's time (> 1: pkjwt faster).
        for (name, seconds) in round where name != "pkjwt" {
            ratios[name, default: []].append(seconds / round["pkjwt"]!)
        }
    }
    for (name, _) in contest.entrants {
        let s = samples[name]!
        let format = { (t: Double) in
            t >= 1e-3 ? String(format: "%.2f ms", t * 1e3) : String(format: "%.1f µs", t * 1e6)
        }
        let ratio =
            ratios[name].map {
                String(format: "%.2f [%.2f–%.2f]", percentile($0, 0.5), percentile($0, 0.1), percentile($0, 0.9))
            } ?? "—"
        print(
            "| \(contest.name) | \(name) | \(format(percentile(s, 0.5))) | \(format(percentile(s, 0.9))) | "
                + "\(String(format: "%.0f", 1 / percentile(s, 0.5))) | \(ratio) |"
        )
    }
}
