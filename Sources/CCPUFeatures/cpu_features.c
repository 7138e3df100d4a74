// __builtin_cpu_supports reads CPUID once per process and, for AVX-512 features, also checks with
// XGETBV that the OS saves the AVX-512 register state (compiler-rt's and libgcc's cpu model).
#include "cpu_features.h"

int pkjwt_cpu_has_avx512ifma(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
           __builtin_cpu_supports("avx512ifma");
#else
    return 0;
#endif
}

int pkjwt_cpu_has_sha(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("sha") && __builtin_cpu_supports("ssse3") && __builtin_cpu_supports("sse4.1");
#else
    return 0;
#endif
}
