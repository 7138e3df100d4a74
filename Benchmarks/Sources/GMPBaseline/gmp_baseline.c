/* The raw-GMP baseline: what a careful C programmer writes on GMP in a page, for comparison. */
#include "gmp_baseline.h"

#include <gmp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

struct gmp_baseline_key { mpz_t n, e, d, p, q, dp, dq, qinv; };

static const unsigned char digest_info[19] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                              0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};

static void random_bytes(unsigned char *out, size_t n) {
    while (n > 0) {
        ssize_t got = getrandom(out, n, 0);
        if (got <= 0) abort();
        out += got;
        n -= (size_t)got;
    }
}

static void random_candidate(mpz_t out, unsigned bits) {
    unsigned char buf[512];
    size_t n = bits / 8;
    random_bytes(buf, n);
    buf[0] |= 0xc0;
    buf[n - 1] |= 1;
    mpz_import(out, n, 1, 1, 0, 0, buf);
}

/* Trial division by the odd primes below 2^14, then mpz_millerrabin. */
static int is_probable_prime(const mpz_t w) {
    static unsigned primes[2000];
    static int count = 0;
    if (count == 0) {
        for (unsigned c = 3; c < 16384; c += 2) {
            int prime = 1;
            for (int i = 0; i < count && primes[i] * primes[i] <= c; i++)
                if (c % primes[i] == 0) { prime = 0; break; }
            if (prime) primes[count++] = c;
        }
    }
    for (int i = 0; i < count; i++)
        if (mpz_fdiv_ui(w, primes[i]) == 0) return 0;
    return mpz_millerrabin(w, 25);
}

static void generate_prime(mpz_t out, unsigned bits, const mpz_t e, const mpz_t other) {
    mpz_t t, distance;
    mpz_inits(t, distance, NULL);
    mpz_setbit(distance, bits - 100);
    for (;;) {
        random_candidate(out, bits);
        if (other != NULL) {
            mpz_sub(t, out, other);
            mpz_abs(t, t);
            if (mpz_cmp(t, distance) <= 0) continue;
        }
        mpz_sub_ui(t, out, 1);
        mpz_gcd(t, t, e);
        if (mpz_cmp_ui(t, 1) != 0) continue;
        if (is_probable_prime(out)) break;
    }
    mpz_clears(t, distance, NULL);
}

static gmp_baseline_key *new_key(void) {
    gmp_baseline_key *k = malloc(sizeof *k);
    mpz_inits(k->n, k->e, k->d, k->p, k->q, k->dp, k->dq, k->qinv, NULL);
    return k;
}

gmp_baseline_key *gmp_baseline_generate(unsigned bits) {
    gmp_baseline_key *k = new_key();
    mpz_t p1, q1, lambda;
    mpz_inits(p1, q1, lambda, NULL);
    mpz_set_ui(k->e, 65537);
    for (;;) {
        generate_prime(k->p, bits / 2, k->e, NULL);
        generate_prime(k->q, bits / 2, k->e, k->p);
        mpz_mul(k->n, k->p, k->q);
        mpz_sub_ui(p1, k->p, 1);
        mpz_sub_ui(q1, k->q, 1);
        mpz_lcm(lambda, p1, q1);
        if (!mpz_invert(k->d, k->e, lambda)) continue;
        if (mpz_sizeinbase(k->d, 2) <= bits / 2) continue;
        break;
    }
    mpz_mod(k->dp, k->d, p1);
    mpz_mod(k->dq, k->d, q1);
    mpz_invert(k->qinv, k->q, k->p);
    mpz_clears(p1, q1, lambda, NULL);
    return k;
}

gmp_baseline_key *gmp_baseline_import(const unsigned char *const parts[8], const size_t lengths[8]) {
    gmp_baseline_key *k = new_key();
    mpz_ptr fields[8] = {k->n, k->e, k->d, k->p, k->q, k->dp, k->dq, k->qinv};
    for (int i = 0; i < 8; i++) mpz_import(fields[i], lengths[i], 1, 1, 0, 0, parts[i]);
    return k;
}

void gmp_baseline_free(gmp_baseline_key *k) {
    mpz_clears(k->n, k->e, k->d, k->p, k->q, k->dp, k->dq, k->qinv, NULL);
    free(k);
}

static int encode(mpz_t m, const unsigned char digest[32], size_t k) {
    unsigned char em[1024];
    if (k > sizeof em || k < 19 + 32 + 11) return -1;
    em[0] = 0;
    em[1] = 1;
    memset(em + 2, 0xff, k - 3 - 51);
    em[k - 52] = 0;
    memcpy(em + k - 51, digest_info, 19);
    memcpy(em + k - 32, digest, 32);
    mpz_import(m, k, 1, 1, 0, 0, em);
    return 0;
}

int gmp_baseline_sign(const gmp_baseline_key *key, const unsigned char digest[32], unsigned char *signature, size_t k) {
    mpz_t m, r, rinv, c, s1, s2, h, s, check;
    mpz_inits(m, r, rinv, c, s1, s2, h, s, check, NULL);
    int status = encode(m, digest, k);
    /* Blinding: c = m * r^e mod n with a fresh random r. */
    unsigned char rb[1024];
    do {
        random_bytes(rb, k);
        mpz_import(r, k, 1, 1, 0, 0, rb);
        mpz_mod(r, r, key->n);
    } while (!mpz_invert(rinv, r, key->n));
    mpz_powm(c, r, key->e, key->n);
    mpz_mul(c, c, m);
    mpz_mod(c, c, key->n);
    /* CRT with the side-channel-silent exponentiation. */
    mpz_mod(h, c, key->p);
    mpz_powm_sec(s1, h, key->dp, key->p);
    mpz_mod(h, c, key->q);
    mpz_powm_sec(s2, h, key->dq, key->q);
    mpz_sub(h, s1, s2);
    mpz_mul(h, h, key->qinv);
    mpz_mod(h, h, key->p);
    mpz_mul(s, h, key->q);
    mpz_add(s, s, s2);
    mpz_mul(s, s, rinv);
    mpz_mod(s, s, key->n);
    /* The check before release. */
    mpz_powm(check, s, key->e, key->n);
    if (status == 0 && mpz_cmp(check, m) == 0) {
        size_t written = 0, size = (mpz_sizeinbase(s, 2) + 7) / 8;
        memset(signature, 0, k);
        mpz_export(signature + (k - size), &written, 1, 1, 0, 0, s);
    } else {
        status = -1;
    }
    mpz_clears(m, r, rinv, c, s1, s2, h, s, check, NULL);
    return status;
}

int gmp_baseline_verify(const gmp_baseline_key *key, const unsigned char digest[32], const unsigned char *signature, size_t k) {
    mpz_t s, m, expected;
    mpz_inits(s, m, expected, NULL);
    mpz_import(s, k, 1, 1, 0, 0, signature);
    int valid = 0;
    if (mpz_cmp(s, key->n) < 0 && encode(expected, digest, k) == 0) {
        mpz_powm(m, s, key->e, key->n);
        valid = mpz_cmp(m, expected) == 0;
    }
    mpz_clears(s, m, expected, NULL);
    return valid;
}
