// libFuzzer's driver, called from each target's main.swift. The library
// itself comes with -sanitize=fuzzer (Fuzz/run.sh passes it to every module).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
