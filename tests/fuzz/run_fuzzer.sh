#!/usr/bin/env bash
# Runs one fuzz target for SECONDS over its seeds: the committed regression inputs
# (tests/fuzz/regressions/NAME/) first, each of which must pass, then a fresh corpus grown from
# the seed corpus (real pages, queries or requests; made by make_seeds.sh).
# Usage: run_fuzzer.sh FUZZER SOURCE_DIR WORK_DIR SECONDS
set -euo pipefail
fuzzer="$1" source_dir="$2" work="$3" seconds="$4"
name="$(basename "$fuzzer")"
mkdir -p "$work/corpus" "$work/artifacts"
"$source_dir/make_seeds.sh" "$name" "$work/corpus"
regressions="$source_dir/regressions/$name"
if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
  "$fuzzer" -runs=0 "$regressions"/*
fi
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix="$work/artifacts/" -print_final_stats=1 "$work/corpus" 2>&1 | tail -n 25
echo "1 passed, 0 failed"
