#!/usr/bin/env bash
# Browser test of the search page: installs playwright-core (npm ci, from the lock file),
# indexes the real corpus (or content/ when the corpus is absent), starts hotsearch-web on a
# free port and drives the page in Debian's headless Chromium: one search (search_page.mjs, whose
# screenshot is saved to tests/artifacts/search_page.png), then the page's behaviour around it
# (page_behaviour.mjs), then small screens, keyboard and screen readers (page_access.mjs).
# Usage: run.sh BUILD_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="$(cd "${1:?usage: run.sh BUILD_DIR}" && pwd)"
work="$(mktemp -d)"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
content="$root/../shared/corpus/hotosm-website"
[ -d "$content" ] || content="$root/content"
"$build/indexer/hotsearch-index" --content "$content" --db "$work/db" --quiet >/dev/null 2>&1 || [ $? -eq 1 ]
"$build/web/hotsearch-web" --db "$work/db" --listen 127.0.0.1:0 --quiet > "$work/listen" &
server=$!
for _ in $(seq 1 100); do grep -q "listening on" "$work/listen" 2>/dev/null && break; sleep 0.1; done
address="$(sed -n 's/^listening on //p' "$work/listen")"
[ -n "$address" ] || { echo "hotsearch-web did not start"; echo "0 passed, 1 failed"; exit 1; }
mkdir -p "$root/tests/artifacts"
passed=0 failed=0
for script in search_page page_behaviour page_access; do
  if node "$here/$script.mjs" "http://$address" "$root/tests/artifacts/$script.png"; then
    passed=$((passed + 1))
  else
    echo "FAILED: $script.mjs"
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
