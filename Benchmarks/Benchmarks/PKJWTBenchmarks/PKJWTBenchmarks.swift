// pkjwt beside OpenSSL libcrypto and a raw-GMP baseline, same machine, same run.

import Benchmark
import Crypto
import Foundation
import GMPBaseline
import OpenSSLPeer
import PeerFixtures
import PrivateKeyJWT
import _CryptoExtras

/// The C peers' key handles are created once and only read afterwards, hence nonisolated(unsafe).
/// One fixed RSA-2048 key (from the repository's vectors) for every implementation's sign/verify.
enum Fixture {
    static let pem = PeerFixtures.pem
    static let key = try! RSAPrivateKey(pemRepresentation: pem)
    static let digest = PrivateKeyJWT.SHA256.hash(data: Array("pkjwt benchmarks".utf8))
    static let signature = try! key.signature(digest: digest)

    nonisolated(unsafe) static let gmpKey = PeerFixtures.gmpBaselineKey(key)
    static let swiftCryptoKey = try! _RSA.Signing.PrivateKey(pemRepresentation: pem)
    static let swiftCryptoDigest = Crypto.SHA256.hash(data: Array("pkjwt benchmarks".utf8))
    nonisolated(unsafe) static let opensslKey = PeerFixtures.opensslKey(pem)
}

let benchmarks: @Sendable () -> Void = {
    let keygen = Benchmark.Configuration(
        metrics: [.wallClock], scalingFactor: .one, maxDuration: .seconds(20), maxIterations: 40)
    let fast = Benchmark.Configuration(metrics: [.wallClock, .throughput], maxDuration: .seconds(2))

    // Keygen: distributions over many keys (the tail matters).
    Benchmark("keygen RSA-2048 pkjwt", configuration: keygen) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try RSAPrivateKey(generatingBits: 2048)) }
    }
    Benchmark("keygen RSA-2048 pkjwt replayed candidates", configuration: keygen) { benchmark in
        for _ in benchmark.scaledIterations {
            var candidates = DeterministicRandom(seed: Array("fixed candidate stream".utf8)), bases = SecureRandom()
            blackHole(try RSAPrivateKey(generatingBits: 2048, candidates: &candidates, bases: &bases))
        }
    }
    Benchmark("keygen RSA-2048 OpenSSL", configuration: keygen) { benchmark in
        for _ in benchmark.scaledIterations { openssl_peer_free(openssl_peer_generate(2048)) }
    }
    Benchmark("keygen RSA-2048 raw GMP", configuration: keygen) { benchmark in
        for _ in benchmark.scaledIterations { gmp_baseline_free(gmp_baseline_generate(2048)) }
    }
    Benchmark("keygen RSA-2048 swift-crypto", configuration: keygen) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try _RSA.Signing.PrivateKey(keySize: .bits2048)) }
    }

    // Sign and verify: the same key and digest for all three.
    Benchmark("sign RSA-2048 pkjwt", configuration: fast) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try Fixture.key.signature(digest: Fixture.digest)) }
    }
    Benchmark("sign RSA-2048 OpenSSL", configuration: fast) { benchmark in
        var signature = [UInt8](repeating: 0, count: 256)
        for _ in benchmark.scaledIterations {
            blackHole(openssl_peer_sign(Fixture.opensslKey, Fixture.digest.bytes, &signature, 256))
        }
    }
    Benchmark("sign RSA-2048 raw GMP", configuration: fast) { benchmark in
        var signature = [UInt8](repeating: 0, count: 256)
        for _ in benchmark.scaledIterations {
            blackHole(gmp_baseline_sign(Fixture.gmpKey, Fixture.digest.bytes, &signature, 256))
        }
    }
    Benchmark("sign RSA-2048 swift-crypto", configuration: fast) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Fixture.swiftCryptoKey.signature(for: Fixture.swiftCryptoDigest, padding: .insecurePKCS1v1_5))
        }
    }
    Benchmark("verify RSA-2048 pkjwt", configuration: fast) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Fixture.key.publicKey.isValidSignature(Fixture.signature, digest: Fixture.digest))
        }
    }
    Benchmark("verify RSA-2048 OpenSSL", configuration: fast) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(openssl_peer_verify(Fixture.opensslKey, Fixture.digest.bytes, Fixture.signature, 256))
        }
    }
    Benchmark("verify RSA-2048 raw GMP", configuration: fast) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(gmp_baseline_verify(Fixture.gmpKey, Fixture.digest.bytes, Fixture.signature, 256))
        }
    }

    // SHA-256 at three sizes; throughput in the output is operations per second.
    for size in [64, 1024, 1 << 20] {
        let data = [UInt8](repeating: 0x61, count: size)
        Benchmark("sha256 \(size) B pkjwt", configuration: fast) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(PrivateKeyJWT.SHA256.hash(data: data)) }
        }
        Benchmark("sha256 \(size) B OpenSSL", configuration: fast) { benchmark in
            var digest = [UInt8](repeating: 0, count: 32)
            for _ in benchmark.scaledIterations { openssl_peer_sha256(data, data.count, &digest); blackHole(digest) }
        }
    }

    // What `pkjwt token` signs per request.
    Benchmark("client assertion pkjwt", configuration: fast) { benchmark in
        let assertion = try ClientAssertion(
            clientID: "0oa1", audience: "https://example.okta.com/oauth2/v1/token", kid: "k")
        for _ in benchmark.scaledIterations { blackHole(try assertion.signed(with: Fixture.key)) }
    }
}
