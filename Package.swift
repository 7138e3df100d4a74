// swift-tools-version: 6.1
// pkjwt — licensed under the Apache License, Version 2.0 (LICENSE).
import PackageDescription

// The x86-64 fast paths (AVX-512 IFMA, the SHA extensions) are compiled with x86 flags that clang
// refuses for any other architecture, so they exist only where the host is x86-64 (this manifest is
// compiled for the host). PKJWT_PORTABLE_ONLY=1 makes an x86-64 host build as an arm64 host does: CI
// builds and runs the whole suite once that way.
#if arch(x86_64)
    let x86FastPaths = Context.environment["PKJWT_PORTABLE_ONLY"] != "1"
#else
    let x86FastPaths = false
#endif

// A product whose targets carry unsafe flags cannot be used by a package that depends on pkjwt by
// version: SwiftPM refuses the graph. So the fast paths are products only on request,
// PKJWT_FAST_PATH_PRODUCTS=1, for packages that depend on pkjwt by path or revision (README, "As a
// library") and for this repository's benchmark package. The pkjwt executable uses them either way.
let fastPathProducts = x86FastPaths && Context.environment["PKJWT_FAST_PATH_PRODUCTS"] == "1"

/// The x86 targets' names where they exist, else nothing.
func x86Only(_ names: Target.Dependency...) -> [Target.Dependency] { x86FastPaths ? names : [] }

/// Code that uses the x86 modules is compiled in under this condition (`#if PKJWT_X86_FAST_PATHS`).
/// A condition, not `canImport`: a build folder shared with an x86 build still holds those modules.
let x86Condition: [SwiftSetting] = x86FastPaths ? [.define("PKJWT_X86_FAST_PATHS")] : []

// The release executable on Linux exports no symbols: the toolchain's static-stdlib link line says
// -export-dynamic, which put 34,000 names of pkjwt's dependencies in the dynamic symbol table, and the
// runtime's start-up dladdr() walks that table on every run (BENCHMARKS.md, start-up). Nothing looks
// pkjwt's symbols up at run time.
//
// PKJWT_NO_PIE=1 links it as a position-dependent executable: the loader then has no 125,000
// relocations to apply at each start, and a cached `pkjwt token` takes about 30% less time, at the
// cost of address-space randomisation for pkjwt's own code and data (SECURITY.md). Off by default.
let releaseLinking: [LinkerSetting] = [
    .unsafeFlags(
        ["-Xlinker", "--no-export-dynamic"]
            + (Context.environment["PKJWT_NO_PIE"] == "1" ? ["-Xclang-linker", "-no-pie"] : []),
        .when(platforms: [.linux], configuration: .release))
]

let package = Package(
    name: "pkjwt",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "PrivateKeyJWT", targets: ["PrivateKeyJWT"]),
        .library(name: "OktaAPI", targets: ["OktaAPI"]),
        .library(name: "OktaDevServer", targets: ["OktaDevServer"]),
        .library(name: "PKJWTConfig", targets: ["PKJWTConfig"]),
        .library(name: "OktaConfig", targets: ["OktaConfig"]),
        .library(name: "OktaDoctor", targets: ["OktaDoctor"]),
        .library(name: "HTTPForm", targets: ["HTTPForm"]),
        .executable(name: "pkjwt", targets: ["pkjwt"]),
    ]
        + (fastPathProducts
            ? [
                .library(name: "PrivateKeyJWTIFMA", targets: ["PrivateKeyJWTIFMA"]),
                .library(name: "PrivateKeyJWTSHANI", targets: ["PrivateKeyJWTSHANI"]),
            ] : []),
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // GMP, from the system: apt `libgmp-dev`.
        .systemLibrary(
            name: "CGMP",
            pkgConfig: "gmp",
            providers: [.apt(["libgmp-dev"]), .brew(["gmp"])]
        ),
        // getrandom(2) from the C library (a header only; nothing is linked).
        .systemLibrary(name: "CSysRandom"),
        // The value barrier: an empty asm statement in a header (Swift has none); nothing is linked.
        .systemLibrary(name: "CValueBarrier"),
        // The auditable core: depends on CGMP, CSysRandom, CValueBarrier and Foundation only.
        .target(name: "PrivateKeyJWT", dependencies: ["CGMP", "CSysRandom", "CValueBarrier"]),
        // application/x-www-form-urlencoded and HTTP dates, for the token client and the local org alike.
        .target(name: "HTTPForm"),
        // The HTTP layer: Okta management and token clients over a transport protocol, sent by
        // AsyncHTTPClient (SwiftNIO).
        .target(
            name: "OktaAPI",
            dependencies: [
                "PrivateKeyJWT", "HTTPForm",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // A local Okta-compatible org for offline use and tests.
        .target(
            name: "OktaDevServer",
            dependencies: [
                "PrivateKeyJWT", "HTTPForm",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ]
        ),
        // Local configuration: .env read and written byte for byte, capped non-blocking reads, atomic
        // secret writes, file locks, the Okta SDKs' okta.yaml (through Yams). A library, so tests and
        // fuzzers import it instead of copying it.
        .target(name: "PKJWTConfig", dependencies: ["PrivateKeyJWT"]),
        .target(
            name: "OktaConfig",
            dependencies: ["PKJWTConfig", "PrivateKeyJWT", "OktaAPI", .product(name: "Yams", package: "Yams")]
        ),
        // Why no token comes: the checks in the order a token depends on them, with typed fixes.
        .target(name: "OktaDoctor", dependencies: ["OktaConfig", "OktaAPI", "PKJWTConfig", "PrivateKeyJWT"]),
        // The CLI: no crypto and no HTTP inside, only calls into the modules above.
        .executableTarget(
            name: "pkjwt",
            dependencies: [
                "PrivateKeyJWT", "OktaAPI", "OktaDevServer", "PKJWTConfig", "OktaConfig", "OktaDoctor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ] + x86Only("PrivateKeyJWTIFMA", "PrivateKeyJWTSHANI"),
            swiftSettings: x86Condition,
            linkerSettings: releaseLinking
        ),
        // Writes the core's unrolled Montgomery kernels (BigNum/Generated/MontgomeryKernels.swift); CI compares.
        .executableTarget(name: "generate-montgomery-kernels"),
        // The published vectors' loaders, shared by the core's tests and the fast paths' tests.
        .target(name: "TestVectors", path: "Tests/TestVectors"),
        .testTarget(name: "PrivateKeyJWTTests", dependencies: ["PrivateKeyJWT", "TestVectors"]),
        .testTarget(name: "HTTPFormTests", dependencies: ["HTTPForm"]),
        .testTarget(name: "OktaAPITests", dependencies: ["OktaAPI", "PrivateKeyJWT", "HTTPForm"]),
        .testTarget(name: "PKJWTConfigTests", dependencies: ["PKJWTConfig", "PrivateKeyJWT", "TestVectors"]),
        .testTarget(
            name: "OktaConfigTests", dependencies: ["OktaConfig", "PKJWTConfig", "PrivateKeyJWT", "TestVectors"]),
        .testTarget(name: "OktaDevServerTests", dependencies: ["OktaDevServer", "OktaAPI", "PrivateKeyJWT"]),
        .testTarget(
            name: "OktaDoctorTests",
            dependencies: ["OktaDoctor", "OktaConfig", "OktaDevServer", "OktaAPI", "PKJWTConfig", "PrivateKeyJWT"]),
        .testTarget(
            name: "pkjwtTests",
            dependencies: [
                "PrivateKeyJWT", "OktaAPI", "OktaDevServer", "PKJWTConfig", "OktaConfig", "OktaDoctor", "pkjwt",
                "TestVectors",
            ]
                + x86Only("PrivateKeyJWTIFMA", "PrivateKeyJWTSHANI"),
            swiftSettings: x86Condition
        ),
    ] + (x86FastPaths ? x86Targets : [])
)

/// The x86-64 fast paths and their tests (on x86-64 hosts only; see the top of this file).
var x86Targets: [Target] {
    [
        // Whether the CPU runs AVX-512 IFMA or the SHA extensions (C: __builtin_cpu_supports; no flags).
        .target(name: "CCPUFeatures"),
        // RSA-2048 signing on AVX-512 IFMA. Compiled for AVX-512 (the flags below; without them the
        // compiler cannot import the intrinsics), so it sits apart from the core: the core runs on any
        // x86-64 and does not depend on it; `RSAPrivateKey.preferringAVX512IFMA()` asks the CPU first.
        .target(
            name: "PrivateKeyJWTIFMA",
            dependencies: ["PrivateKeyJWT", "CCPUFeatures"],
            swiftSettings: [
                .unsafeFlags(["-Xcc", "-mavx512f", "-Xcc", "-mavx512ifma", "-Xcc", "-mavx512vl"]),
                // Optimised in debug builds too: unoptimised, one signature took 100 ms (GMP's keygen
                // path is optimised C either way), which made the debug test suite 2.5 times slower.
                .unsafeFlags(["-O"], .when(configuration: .debug)),
            ]
        ),
        // SHA-256 on the x86 SHA extensions, apart from the core for the same reason as the IFMA module;
        // `SHA256.preferSHAExtensions()` asks the CPU first. SSE4.1 at most elsewhere in this module, so
        // CPUs with SHA but without AVX-512 (AMD Zen 1 to 3) run it.
        .target(
            name: "PrivateKeyJWTSHANI",
            dependencies: ["PrivateKeyJWT", "CCPUFeatures"],
            swiftSettings: [.unsafeFlags(["-Xcc", "-msha", "-Xcc", "-mssse3", "-Xcc", "-msse4.1"])]
        ),
        // Each published vector on these paths too, with the core's vector loaders.
        .testTarget(
            name: "PrivateKeyJWTIFMATests", dependencies: ["PrivateKeyJWTIFMA", "PrivateKeyJWT", "TestVectors"]),
        .testTarget(
            name: "PrivateKeyJWTSHANITests", dependencies: ["PrivateKeyJWTSHANI", "PrivateKeyJWT", "TestVectors"]),
    ]
}
