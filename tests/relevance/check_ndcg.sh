#!/usr/bin/env bash
# Fails when hotsearch's nDCG@10 on the judged queries drops below tests/relevance/floor.txt
# (the level reached, less a small margin), so ranking changes cannot quietly make it worse.
# Usage: check_ndcg.sh BUILD_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="$(cd "${1:?usage: check_ndcg.sh BUILD_DIR}" && pwd)"
floor="$(cat "$here/floor.txt")"
ndcg="$("$root/scripts/bench-relevance" --build "$build" --engines hotsearch --json |
        python3 -c 'import json,sys; print("%.4f" % json.load(sys.stdin)["engines"]["hotsearch"]["ndcg10"])')"
echo "hotsearch nDCG@10 = $ndcg (floor $floor)"
if python3 -c "import sys; sys.exit(0 if float('$ndcg') >= float('$floor') else 1)"; then
  echo "1 passed, 0 failed"
else
  echo "nDCG@10 fell below the floor: see scripts/bench-relevance --per-query"
  echo "0 passed, 1 failed"
  exit 1
fi
