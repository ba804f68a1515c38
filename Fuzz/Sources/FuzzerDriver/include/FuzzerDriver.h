#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer's driver on the command line's arguments with `test_one_input` as the fuzz target.
int run_fuzzer(int argc, char **argv, int (*test_one_input)(const uint8_t *data, size_t size));
