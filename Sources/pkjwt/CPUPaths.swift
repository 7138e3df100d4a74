// The one place the CLI reaches the CPU-specific fast paths. They exist only in builds for x86-64
// hosts (Package.swift defines PKJWT_X86_FAST_PATHS there); everywhere else every call below is the
// portable code, and so is the answer to "which engine".

import PrivateKeyJWT

#if PKJWT_X86_FAST_PATHS
    import PrivateKeyJWTIFMA
    import PrivateKeyJWTSHANI
#endif

enum CPUPaths {
    /// Every SHA-256 after this call on the SHA extensions where the CPU has them.
    static func preferFastSHA256() {
        #if PKJWT_X86_FAST_PATHS
            SHA256.preferSHAExtensions()
        #endif
    }

    /// Every SHA-256 after this call on the portable code (`bench --engine portable`).
    static func preferPortableSHA256() {
        #if PKJWT_X86_FAST_PATHS
            SHA256.preferPortableCompression()
        #endif
    }

    /// A new key, composites rejected on AVX-512 IFMA where the CPU has it, signing on the fastest
    /// path this build and CPU have.
    /// - Timing: variable time, like every RSA key generator (SECURITY.md).
    static func generatedKey(bits: Int) throws(PrivateKeyJWTError) -> RSAPrivateKey {
        #if PKJWT_X86_FAST_PATHS
            try RSAPrivateKey.generatedPreferringAVX512IFMA(bits: bits)
        #else
            try RSAPrivateKey(generatingBits: bits)
        #endif
    }

    /// `key` as pkjwt signs with it: one signature per run, so both CRT halves at once (half the
    /// latency on an idle second core; the AVX-512 IFMA path runs both in one pass anyway), on the
    /// fastest path this build and CPU have.
    static func forSigning(_ key: RSAPrivateKey) -> RSAPrivateKey {
        var key = key
        key.parallelHalves = true
        return fastest(key)
    }

    /// `key`, signing and verifying on the fastest path this build and CPU have.
    static func fastest(_ key: RSAPrivateKey) -> RSAPrivateKey {
        #if PKJWT_X86_FAST_PATHS
            key.preferringAVX512IFMA()
        #else
            key
        #endif
    }
}
