// The functions are in the header; SwiftPM wants one source file per C target.
#include "CMemcheck.h"
