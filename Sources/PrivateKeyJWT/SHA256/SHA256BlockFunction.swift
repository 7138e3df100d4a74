// Which compression function a new SHA256 runs: the portable Swift one (SHA256Compression.swift)
// unless a module compiled for a CPU's SHA instructions installed its own, after asking the CPU
// (PrivateKeyJWTSHANI: `SHA256.preferSHAExtensions()`). The core cannot carry that code itself: the
// instructions need compiler flags that would make the core unusable as a package dependency.
// Process-wide, as OpenSSL's CPU dispatch is: every function computes the same digest, only the time
// differs.

extension SHA256 {
    /// A SHA-256 compression function (FIPS 180-4 §6.2.2) over whole 64-byte blocks.
    /// - Timing: every function installed here must be constant time in the block contents.
    package typealias BlockFunction = @Sendable (_ state: inout [UInt32], _ blocks: UnsafeBufferPointer<UInt8>) -> Void

    /// A compression function and its name, in a class: stored in a Mutex as a bare closure, each
    /// read out of the Mutex's generic storage wrapped the closure in one more reabstraction thunk,
    /// and a digest after 8,000 reads took ten times as long (measured, swiftc 6.3.1 -O).
    private final class Installed: Sendable {
        let name: String
        let function: BlockFunction
        init(name: String, function: @escaping BlockFunction) {
            self.name = name
            self.function = function
        }
    }

    /// The installed compression function; nil: the portable one.
    private static let installed = LockedValue<Installed?>(nil)

    /// Makes every SHA256 started after this call use `function` (nil: the portable one again).
    package static func installBlockFunction(_ function: BlockFunction?, name: String) {
        let entry = function.map { Installed(name: name, function: $0) }
        installed.withLock { $0 = entry }
    }

    /// The compression function a SHA256 started now runs.
    package static var blockFunction: BlockFunction {
        installed.withLock { $0 }?.function ?? SHA256Compression.compress
    }

    /// The name of the compression function a SHA256 started now runs: "portable" or that of the
    /// installed one (for benchmarks and their tables).
    public static var compressionName: String { installed.withLock { $0 }?.name ?? "portable" }
}
