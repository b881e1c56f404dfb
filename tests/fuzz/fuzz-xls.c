/* fuzz-xls.c: libFuzzer target for the .xls sheet import
 *
 * The same as fuzz-xlsx over wp_table_read_xls(). It has no short run in
 * CI: FreeXL 1.0.6, which reads .xls for us, double-frees on malformed
 * files within seconds of fuzzing (known-freexl/double-free.xls), so the
 * run would fail on FreeXL every time. Run it by hand for long runs once
 * FreeXL is fixed or replaced.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define FUZZ_XLS 1
#include "fuzz-xlsx.c"
