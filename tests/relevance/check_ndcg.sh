#!/usr/bin/env bash
# Regression test of ranking quality: hotsearch's mean nDCG@10 on each set of judged queries
# (tests/relevance/judgments.yml, and judgments-review.yml, a reviewer's second set), over
# ../shared/corpus/hotosm-website, must not fall below tests/relevance/floor.txt, the level
# reached less a small margin. A ranking change that makes results worse fails here;
# scripts/bench-relevance --judgments FILE --per-query --details shows where.
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
# floor.txt: one line per set and engine, `JUDGMENTS_FILE ENGINE FLOOR` (hotsearch with the
# project's synonyms file, and hotsearch-plain without, so a synonym cannot hide a ranking that
# got worse).
passed=0
failed=0
for set in $(awk '{print $1}' "$here/floor.txt" | sort -u); do
  engines="$(awk -v s="$set" '$1 == s {print $2}' "$here/floor.txt" | paste -sd, -)"
  if ! out="$("$root/scripts/bench-relevance" --build "$build" --corpus "$corpus" \
                --judgments "$here/$set" --engines "$engines" --json)"; then
    echo "check_ndcg: scripts/bench-relevance could not run on $set (see above)"
    failed=$((failed + 1))
    continue
  fi
  while read -r engine floor; do
    read -r ndcg mrr < <(printf '%s' "$out" | python3 -c \
      'import json,sys; s=json.load(sys.stdin)["engines"][sys.argv[1]]; print("%.4f %.4f" % (s["ndcg10"], s["mrr"]))' "$engine")
    echo "$set $engine: nDCG@10 $ndcg, MRR $mrr (floor for nDCG@10: $floor)"
    if python3 -c "import sys; sys.exit(0 if float('$ndcg') >= float('$floor') else 1)"; then
      passed=$((passed + 1))
    else
      echo "$set $engine: nDCG@10 $ndcg is below the floor $floor: see scripts/bench-relevance --build $build --judgments $here/$set --per-query --details"
      failed=$((failed + 1))
    fi
  done < <(awk -v s="$set" '$1 == s {print $2, $3}' "$here/floor.txt")
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
