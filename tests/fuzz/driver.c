/* SPDX-License-Identifier: MIT */
/*
 * driver: main() of the fuzz targets in builds without libFuzzer (gcc,
 * --enable-sanitizers, valgrind), so that every build replays each
 * target's corpus of seeds and regression inputs under `make check`.
 * Without arguments it replays tests/fuzz/corpus/NAME/ (see
 * LLVMFuzzerInitialize); with arguments it runs the files named, as a
 * libFuzzer binary would.
 */
#include "config.h"

#include "fuzz_common.h"

int main(int argc, char **argv)
{
	int failed = 0;

	LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++)
		failed |= fuzz_run_file(argv[i]);
	return failed;
}
