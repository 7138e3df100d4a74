// The core's value barrier: x unchanged, through an empty asm statement the optimiser must assume
// may have rewritten it, so it cannot know that a mask is only ever 0 or all ones (and turn a masked
// select into a branch or a conditional load). BoringSSL's value_barrier_w is the same statement.
// A static inline function in a header: Swift has no asm, but clang compiles this into the Swift
// caller's code and inlines it; nothing is linked. GCC and clang syntax, on x86-64 and arm64 alike.
#ifndef CVALUEBARRIER_VALUE_BARRIER_H
#define CVALUEBARRIER_VALUE_BARRIER_H

static inline unsigned long value_barrier_word(unsigned long x) {
    __asm__("" : "+r"(x));
    return x;
}

#endif
