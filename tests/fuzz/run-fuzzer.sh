#!/bin/sh
# run-fuzzer.sh BINARY NAME SOURCE_DIR BUILD_DIR SECONDS [SEED_DIR…]
#
# Fuzzes one libFuzzer target for SECONDS, starting from its seed corpus and
# regressions, and fails on the first crash, leak, timeout or sanitizer
# report. New inputs go to BUILD_DIR/NAME-corpus (kept between runs), the
# input that broke it to BUILD_DIR/NAME-artifacts/: copy that one into
# SOURCE_DIR/regressions/NAME/ with the fix.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
bin=$1 name=$2 src=$3 out=$4 seconds=$5
shift 5

mkdir -p "$out/$name-corpus" "$out/$name-artifacts"
dict=""
[ -f "$src/$name.dict" ] && dict="-dict=$src/$name.dict"

# -timeout: one input taking this long is a hang; -rss_limit_mb: and this
# much memory a leak or a blow-up. Both count as crashes.
exec "$bin" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20 \
  -print_final_stats=1 -artifact_prefix="$out/$name-artifacts/" $dict \
  "$out/$name-corpus" "$src/corpus/$name" "$src/regressions/$name" "$@"
