// swift-tools-version: 6.1
// The mechanical constant-time check: RSA signing under valgrind memcheck with every secret marked
// undefined. `bash Tests/ConstantTime/run.sh` builds it and runs it; SECURITY.md explains it.
import PackageDescription

let package = Package(
    name: "pkjwt-constant-time",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "pkjwt", path: "../..")],
    targets: [
        // memcheck's client requests (apt: valgrind ships the header).
        .target(name: "CMemcheck"),
        .executableTarget(
            name: "ct-check",
            dependencies: ["CMemcheck", .product(name: "PrivateKeyJWT", package: "pkjwt")]
        ),
    ]
)
