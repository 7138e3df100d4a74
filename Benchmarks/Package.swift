// swift-tools-version: 6.1
// pkjwt's benchmarks beside OpenSSL libcrypto (EVP) and a raw-GMP C baseline, in one run:
//   PKJWT_FAST_PATH_PRODUCTS=1 swift package --disable-sandbox benchmark
// (x86-64 hosts: the Interleaved contests use pkjwt's fast paths, which it offers as products only
// when that variable is set; see pkjwt's Package.swift.)
import PackageDescription

let package = Package(
    name: "pkjwt-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        // Named, so targets can refer to it whatever the checkout folder is called.
        .package(name: "pkjwt", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        // swift-crypto (BoringSSL) as a peer only: never a dependency of pkjwt itself.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // RSA with GMP alone, hardened like pkjwt: CRT with mpz_powm_sec, blinding, a check.
        .target(name: "GMPBaseline", linkerSettings: [.linkedLibrary("gmp")]),
        // OpenSSL libcrypto from the system (apt: libssl-dev).
        .systemLibrary(
            name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"]), .brew(["openssl"])]),
        // The same work through OpenSSL's EVP API.
        .target(name: "OpenSSLPeer", dependencies: ["COpenSSL"]),
        // The shared key, in each peer's form.
        .target(
            name: "PeerFixtures",
            dependencies: [.product(name: "PrivateKeyJWT", package: "pkjwt"), "GMPBaseline", "OpenSSLPeer"]),
        .executableTarget(
            name: "PKJWTBenchmarks",
            dependencies: [
                .product(name: "PrivateKeyJWT", package: "pkjwt"),
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                "GMPBaseline", "OpenSSLPeer", "PeerFixtures",
            ],
            path: "Benchmarks/PKJWTBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Interleaved A/B ratios (no framework): ours and the peers timed back to back each round.
        .executableTarget(
            name: "Interleaved",
            dependencies: [
                .product(name: "PrivateKeyJWT", package: "pkjwt"),
                .product(name: "PrivateKeyJWTIFMA", package: "pkjwt"),
                .product(name: "PrivateKeyJWTSHANI", package: "pkjwt"), "GMPBaseline", "OpenSSLPeer", "PeerFixtures",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
    ]
)
