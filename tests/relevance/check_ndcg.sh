#!/usr/bin/env bash
# Regression test of ranking quality: hotsearch's mean nDCG@10 on the judged queries of
# tests/relevance/judgments.yml (over ../shared/corpus/hotosm-website) must not fall below
# tests/relevance/floor.txt, the level reached less a small margin. A ranking change that
# makes results worse fails here; scripts/bench-relevance --per-query --details shows where.
# Usage: check_ndcg.sh BUILD_DIR [CORPUS_DIR]
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: check_ndcg.sh BUILD_DIR [CORPUS_DIR]" >&2
  exit 2
fi
build="$1"
corpus="${2:-$root/../shared/corpus/hotosm-website}"
# floor.txt: one line per engine, `NAME FLOOR` (hotsearch with the project's synonyms file, and
# hotsearch-plain without, so a synonym cannot hide a ranking that got worse).
engines="$(awk '{print $1}' "$here/floor.txt" | paste -sd, -)"

if ! out="$("$root/scripts/bench-relevance" --build "$build" --corpus "$corpus" \
              --engines "$engines" --json)"; then
  echo "check_ndcg: scripts/bench-relevance could not run (see above)"
  echo "0 passed, 1 failed"
  exit 1
fi
passed=0
failed=0
while read -r engine floor; do
  [ -n "$engine" ] || continue
  read -r ndcg mrr < <(printf '%s' "$out" | python3 -c \
    'import json,sys; s=json.load(sys.stdin)["engines"][sys.argv[1]]; print("%.4f %.4f" % (s["ndcg10"], s["mrr"]))' "$engine")
  echo "$engine: nDCG@10 $ndcg, MRR $mrr (floor for nDCG@10: $floor)"
  if python3 -c "import sys; sys.exit(0 if float('$ndcg') >= float('$floor') else 1)"; then
    passed=$((passed + 1))
  else
    echo "$engine: nDCG@10 $ndcg is below the floor $floor: see scripts/bench-relevance --build $build --per-query --details"
    failed=$((failed + 1))
  fi
done < "$here/floor.txt"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
