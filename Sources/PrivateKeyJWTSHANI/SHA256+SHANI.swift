// The public door to the SHA extensions path. This module is compiled with SHA enabled (its
// Package.swift flags), so none of its code may run on a CPU without them: the CPU is asked first, in
// C (CCPUFeatures), and a CPU that says no never reaches SHANICompression.

import CCPUFeatures
import PrivateKeyJWT

extension SHA256 {
    /// Whether this CPU has the SHA extensions (and the SSSE3 and SSE4.1 they come with).
    public static var shaExtensionsAreAvailable: Bool { pkjwt_cpu_has_sha() != 0 }

    /// Makes every SHA256 started after this call (hence every signature and JWT digest) run on the
    /// SHA extensions when the CPU has them, and returns whether it does. Digests are the same
    /// either way; only the time differs.
    /// - Timing: the SHA instructions are constant time (SHANICompression.swift).
    @discardableResult public static func preferSHAExtensions() -> Bool {
        guard shaExtensionsAreAvailable else { return false }
        installBlockFunction(SHANICompression.compress, name: "SHA extensions")
        return true
    }

    /// Makes every SHA256 started after this call run on the portable code (`pkjwt bench --engine
    /// portable`, benchmarks).
    public static func preferPortableCompression() { installBlockFunction(nil, name: "portable") }

    /// A hash computation on the SHA extensions whatever is installed (tests of this path), or nil
    /// where the CPU lacks them.
    package static func usingSHAExtensions() -> SHA256? {
        shaExtensionsAreAvailable ? SHA256(blockFunction: SHANICompression.compress) : nil
    }
}
