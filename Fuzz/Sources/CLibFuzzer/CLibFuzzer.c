// Declarations only (include/CLibFuzzer.h); libFuzzer is linked by -sanitize=fuzzer.
#include "CLibFuzzer.h"
