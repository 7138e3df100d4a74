// OpenSSL libcrypto (apt: libssl-dev), for the OpenSSL peer only.
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
