/* OpenSSL as a peer: EVP key generation, signing and verification (RSA PKCS#1 v1.5 and ECDSA P-256),
   EVP_Digest for SHA-256. */
#include "openssl_peer.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

struct openssl_peer_key { EVP_PKEY *pkey; EVP_PKEY_CTX *sign; EVP_PKEY_CTX *verify; };

static openssl_peer_key *wrap(EVP_PKEY *pkey) {
    if (pkey == NULL) return NULL;
    openssl_peer_key *k = OPENSSL_malloc(sizeof *k);
    k->pkey = pkey;
    k->sign = EVP_PKEY_CTX_new(pkey, NULL);
    k->verify = EVP_PKEY_CTX_new(pkey, NULL);
    /* ECDSA signs the digest as given; RSA needs its padding and digest named. */
    if (EVP_PKEY_get_base_id(pkey) == EVP_PKEY_EC) {
        if (EVP_PKEY_sign_init(k->sign) > 0 && EVP_PKEY_verify_init(k->verify) > 0) return k;
        openssl_peer_free(k);
        return NULL;
    }
    if (EVP_PKEY_sign_init(k->sign) <= 0 || EVP_PKEY_CTX_set_rsa_padding(k->sign, RSA_PKCS1_PADDING) <= 0 ||
        EVP_PKEY_CTX_set_signature_md(k->sign, EVP_sha256()) <= 0 || EVP_PKEY_verify_init(k->verify) <= 0 ||
        EVP_PKEY_CTX_set_rsa_padding(k->verify, RSA_PKCS1_PADDING) <= 0 ||
        EVP_PKEY_CTX_set_signature_md(k->verify, EVP_sha256()) <= 0) {
        openssl_peer_free(k);
        return NULL;
    }
    return k;
}

openssl_peer_key *openssl_peer_generate(int bits) {
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, NULL);
    EVP_PKEY *pkey = NULL;
    if (ctx != NULL && EVP_PKEY_keygen_init(ctx) > 0 && EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, bits) > 0) EVP_PKEY_keygen(ctx, &pkey);
    EVP_PKEY_CTX_free(ctx);
    return wrap(pkey);
}

openssl_peer_key *openssl_peer_generate_p256(void) { return wrap(EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256")); }

openssl_peer_key *openssl_peer_load_pem(const char *pem, size_t length) {
    BIO *bio = BIO_new_mem_buf(pem, (int)length);
    EVP_PKEY *pkey = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL);
    BIO_free(bio);
    return wrap(pkey);
}

void openssl_peer_free(openssl_peer_key *k) {
    EVP_PKEY_CTX_free(k->sign);
    EVP_PKEY_CTX_free(k->verify);
    EVP_PKEY_free(k->pkey);
    OPENSSL_free(k);
}

int openssl_peer_sign(openssl_peer_key *k, const unsigned char digest[32], unsigned char *signature, size_t capacity) {
    size_t length = capacity;
    return EVP_PKEY_sign(k->sign, signature, &length, digest, 32) > 0 ? (int)length : -1;
}

int openssl_peer_verify(openssl_peer_key *k, const unsigned char digest[32], const unsigned char *signature, size_t length) {
    return EVP_PKEY_verify(k->verify, signature, length, digest, 32) == 1;
}

void openssl_peer_sha256(const void *data, size_t length, unsigned char digest[32]) {
    EVP_Digest(data, length, digest, NULL, EVP_sha256(), NULL);
}
