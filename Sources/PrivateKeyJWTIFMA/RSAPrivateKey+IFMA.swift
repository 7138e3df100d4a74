// The public door to the AVX-512 IFMA path. This module is compiled for AVX-512 (its Package.swift
// flags), so none of its code may run on a CPU without it: the CPU is asked first, in C
// (CCPUFeatures), and a CPU that says no never reaches the rest of this module.

import CCPUFeatures
import PrivateKeyJWT

extension RSAPrivateKey {
    /// Whether this CPU and OS run the AVX-512 IFMA exponentiation (AVX-512F, VL and IFMA, with the
    /// AVX-512 registers saved by the OS).
    public static var avx512IFMAIsAvailable: Bool { pkjwt_cpu_has_avx512ifma() != 0 }

    /// This key, signing with the AVX-512 IFMA exponentiation when the CPU has it and the key's
    /// primes are 1024 bits (RSA-2048 keys); unchanged otherwise. Signatures are the same either way
    /// (RSASSA-PKCS1-v1_5 is deterministic); only the time differs.
    /// - Timing: the IFMA code is constant time as the core's is (see IFMAExponentiation.swift).
    public func preferringAVX512IFMA() -> RSAPrivateKey {
        guard Self.avx512IFMAIsAvailable else { return self }
        return replacingExponentiation(with: IFMAExponentiation())
    }
}

extension RSAPrivateKey {
    /// A new key of `bits` bits, as `init(generatingBits:)`, with composites rejected two at a time on
    /// AVX-512 IFMA where the CPU has it (RSA-2048: 1024-bit candidates), and the key itself
    /// `preferringAVX512IFMA()`. The same candidate stream gives the same key either way.
    /// - Timing: variable time, like every RSA key generator (SECURITY.md).
    public static func generatedPreferringAVX512IFMA(bits: Int = 2048) throws(PrivateKeyJWTError) -> RSAPrivateKey {
        var candidates = SecureRandom(), bases = SecureRandom()
        return try generatedPreferringAVX512IFMA(bits: bits, candidates: &candidates, bases: &bases)
    }

    /// As above, from the given candidate and base streams (tests, benchmarks).
    public static func generatedPreferringAVX512IFMA(
        bits: Int, candidates: inout some RandomBytesSource, bases: inout some RandomBytesSource
    ) throws(PrivateKeyJWTError) -> RSAPrivateKey {
        guard avx512IFMAIsAvailable else {
            return try RSAPrivateKey(generatingBits: bits, candidates: &candidates, bases: &bases)
        }
        return try RSAPrivateKey(
            generatingBits: bits, candidates: &candidates, bases: &bases, engine: IFMAExponentiation()
        ).replacingExponentiation(with: IFMAExponentiation())
    }
}

extension RSAPublicKey {
    /// This key, verifying with the AVX-512 IFMA exponentiation when the CPU has it and n is 2048
    /// bits; unchanged otherwise.
    public func preferringAVX512IFMA() -> RSAPublicKey {
        guard RSAPrivateKey.avx512IFMAIsAvailable else { return self }
        return replacingExponentiation(with: IFMAExponentiation())
    }
}
