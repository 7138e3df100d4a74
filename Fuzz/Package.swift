// swift-tools-version: 6.1
// libFuzzer targets for every parser pkjwt has, in one binary: `bash Fuzz/run.sh` builds it with
// -sanitize=fuzzer,address and runs each target (see that script and SECURITY.md).
import PackageDescription

let package = Package(
    name: "pkjwt-fuzz",
    platforms: [.macOS(.v13)],
    // A dynamic library: SwiftPM links an executable with a `main` of its own, which clashes with
    // libFuzzer's; run.sh links this library into libFuzzer's driver instead.
    products: [.library(name: "PKJWTFuzz", type: .dynamic, targets: ["PKJWTFuzz"])],
    dependencies: [.package(name: "pkjwt", path: "..")],
    targets: [
        .target(
            name: "PKJWTFuzz",
            dependencies: [
                .product(name: "PrivateKeyJWT", package: "pkjwt"),
                .product(name: "PKJWTConfig", package: "pkjwt"),
                .product(name: "OktaConfig", package: "pkjwt"),
                .product(name: "HTTPForm", package: "pkjwt"),
            ]
        )
    ]
)
