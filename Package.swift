// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "pkjwt",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "PrivateKeyJWT", targets: ["PrivateKeyJWT"]),
        .executable(name: "pkjwt", targets: ["pkjwt"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
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
        // The auditable core: depends on CGMP, CSysRandom and Foundation only.
        .target(name: "PrivateKeyJWT", dependencies: ["CGMP", "CSysRandom"]),
        // The CLI: no crypto inside, only calls into the core.
        .executableTarget(
            name: "pkjwt",
            dependencies: [
                "PrivateKeyJWT",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "PrivateKeyJWTTests",
            dependencies: ["PrivateKeyJWT"]
        ),
        .testTarget(name: "pkjwtTests", dependencies: ["PrivateKeyJWT", "pkjwt"]),
    ]
)
