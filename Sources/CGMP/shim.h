// GMP (libgmp-dev) for the PrivateKeyJWT core. Nothing else is exposed here.
#include <gmp.h>
