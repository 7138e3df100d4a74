// memcheck client requests as functions Swift can call (the header's macros are inline asm).
#include <stddef.h>
#include <valgrind/memcheck.h>

/// Marks memory undefined: memcheck then reports any branch or address that depends on it.
static inline void ct_mark_secret(const void *p, size_t n) { VALGRIND_MAKE_MEM_UNDEFINED(p, n); }
/// Marks memory defined again: a value that is public by design.
static inline void ct_mark_public(const void *p, size_t n) { VALGRIND_MAKE_MEM_DEFINED(p, n); }
/// Non-zero when running under valgrind.
static inline int ct_running_on_valgrind(void) { return RUNNING_ON_VALGRIND; }
