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
floor="$(tr -d '[:space:]' < "$here/floor.txt")"

if ! out="$("$root/scripts/bench-relevance" --build "$build" --corpus "$corpus" \
              --engines hotsearch --json)"; then
  echo "check_ndcg: scripts/bench-relevance could not run (see above)"
  echo "0 passed, 1 failed"
  exit 1
fi
read -r ndcg mrr < <(printf '%s' "$out" | python3 -c \
  'import json,sys; s=json.load(sys.stdin)["engines"]["hotsearch"]; print("%.4f %.4f" % (s["ndcg10"], s["mrr"]))')
echo "hotsearch: nDCG@10 $ndcg, MRR $mrr (floor for nDCG@10: $floor)"
if python3 -c "import sys; sys.exit(0 if float('$ndcg') >= float('$floor') else 1)"; then
  echo "1 passed, 0 failed"
else
  echo "nDCG@10 $ndcg is below the floor $floor: see scripts/bench-relevance --build $build --per-query --details"
  echo "0 passed, 1 failed"
  exit 1
fi
