// getrandom(2) from glibc, which Swift's Glibc module does not expose.
#include <sys/random.h>
