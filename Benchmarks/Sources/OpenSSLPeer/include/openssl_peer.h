/* The same work through OpenSSL libcrypto's EVP API. */
#ifndef OPENSSL_PEER_H
#define OPENSSL_PEER_H
#include <stddef.h>

typedef struct openssl_peer_key openssl_peer_key;

openssl_peer_key *openssl_peer_generate(int bits);
openssl_peer_key *openssl_peer_generate_p256(void);
/* An RSA or P-256 private key from PEM; P-256 keys sign ECDSA (DER signatures) over the digest as given. */
openssl_peer_key *openssl_peer_load_pem(const char *pem, size_t length);
void openssl_peer_free(openssl_peer_key *key);
/* RSASSA-PKCS1-v1_5 with SHA-256, or ECDSA, over a digest; returns the signature length, or -1. */
int openssl_peer_sign(openssl_peer_key *key, const unsigned char digest[32], unsigned char *signature, size_t capacity);
int openssl_peer_verify(openssl_peer_key *key, const unsigned char digest[32], const unsigned char *signature, size_t length);
void openssl_peer_sha256(const void *data, size_t length, unsigned char digest[32]);

#endif
