// Whether this CPU and OS run AVX-512 IFMA or SHA extensions code: asked in C because Swift has no
// CPUID, and so that the question runs before any code compiled for AVX-512 or SHA.
#ifndef PKJWT_CPU_FEATURES_H
#define PKJWT_CPU_FEATURES_H

/// 1 when the CPU has AVX-512F, AVX-512VL and AVX-512 IFMA and the OS saves the AVX-512 registers, else 0.
int pkjwt_cpu_has_avx512ifma(void);

/// 1 when the CPU has the SHA extensions, SSSE3 and SSE4.1, else 0.
int pkjwt_cpu_has_sha(void);

#endif
