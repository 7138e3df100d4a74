/* RSA-2048 on GMP alone: the raw baseline pkjwt's keygen, sign and verify are compared with. */
#ifndef GMP_BASELINE_H
#define GMP_BASELINE_H
#include <stddef.h>

typedef struct gmp_baseline_key gmp_baseline_key;

/* A new key: random candidates with the top two bits set, a small-prime sieve, mpz_millerrabin
   (Baillie-PSW plus Miller-Rabin), e = 65537, d = e^-1 mod lcm(p-1, q-1). NULL on failure. */
gmp_baseline_key *gmp_baseline_generate(unsigned bits);

/* A key from big-endian components (n, e, d, p, q, dP, dQ, qInv). */
gmp_baseline_key *gmp_baseline_import(const unsigned char *const parts[8], const size_t lengths[8]);

void gmp_baseline_free(gmp_baseline_key *key);

/* RSASSA-PKCS1-v1_5 with SHA-256 over a digest: CRT with mpz_powm_sec, base blinding, and a check
   against the public key. Writes k bytes; returns 0 on success. */
int gmp_baseline_sign(const gmp_baseline_key *key, const unsigned char digest[32], unsigned char *signature, size_t k);

/* Returns 1 when the signature is valid. */
int gmp_baseline_verify(const gmp_baseline_key *key, const unsigned char digest[32], const unsigned char *signature, size_t k);

#endif
