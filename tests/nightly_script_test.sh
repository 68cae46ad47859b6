#!/usr/bin/env bash
# Tests of scripts/nightly-reindex: git pull of a content checkout, timestamped logging, exit
# statuses passed on, the lock respected by --compact, and a real run with compaction.
# Usage: nightly_script_test.sh BUILD_DIR
set -uo pipefail
build="$(cd "${1:?usage: nightly_script_test.sh BUILD_DIR}" && pwd)"
root="$(cd "$(dirname "$0")/.." && pwd)"
script="$root/scripts/nightly-reindex"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
check() {  # check DESCRIPTION COMMAND...
  local what="$1"; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $what"; fi
}

# A content checkout with an upstream to pull from.
git init -q --bare "$work/upstream.git"
git clone -q "$work/upstream.git" "$work/site" 2>/dev/null
cp -r "$root/content/." "$work/site/"
git -C "$work/site" add -A
git -C "$work/site" -c user.name=t -c user.email=t@t commit -qm "site"
git -C "$work/site" push -q origin HEAD 2>/dev/null
git clone -q "$work/upstream.git" "$work/editor"
printf -- '---\ntitle: Pulled page about quetzalmapping\n---\nfrom upstream\n' > "$work/editor/pulled.md"
git -C "$work/editor" add -A
git -C "$work/editor" -c user.name=t -c user.email=t@t commit -qm "new page"
git -C "$work/editor" push -q origin HEAD 2>/dev/null

# A stand-in indexer that exits with a chosen status.
fake="$work/fake-indexer"
printf '#!/bin/sh\necho "fake indexer ran with $*"\nexit ${FAKE_STATUS:-0}\n' > "$fake"
chmod +x "$fake"

for status in 0 1 3; do
  out="$(FAKE_STATUS=$status "$script" --content "$work/site" --indexer "$fake" --no-pull 2>&1)"
  code=$?
  check "exit status $status is passed on" [ "$code" -eq "$status" ]
  check "every log line is timestamped ($status)" \
    bash -c '! printf "%s\n" "$1" | grep -vqE "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z nightly-reindex: "' _ "$out"
  check "the indexer's output is logged ($status)" grep -q "index: fake indexer ran with --content" <<<"$out"
done

out="$("$script" --content "$work/site" --indexer "$fake" 2>&1)"
check "a checkout with an upstream is pulled" test -f "$work/site/pulled.md"
check "the pull is logged" grep -q "updating content: git pull --ff-only" <<<"$out"

# A diverged checkout cannot fast-forward: exit 4, indexer not run.
printf 'local edit\n' > "$work/site/local.md"
git -C "$work/site" add -A && git -C "$work/site" -c user.name=t -c user.email=t@t commit -qm local
printf 'other\n' > "$work/editor/other.md"
git -C "$work/editor" add -A && git -C "$work/editor" -c user.name=t -c user.email=t@t commit -qm other
git -C "$work/editor" push -q origin HEAD 2>/dev/null
out="$("$script" --content "$work/site" --indexer "$fake" 2>&1)"
code=$?
check "a failed pull exits 4" [ "$code" -eq 4 ]
check "a failed pull does not index" bash -c '! grep -q "fake indexer ran" <<<"$1"' _ "$out"
check "a missing indexer exits 3" bash -c '"$1" --content "$2" --indexer /nonexistent --no-pull >/dev/null 2>&1; [ $? -eq 3 ]' _ "$script" "$work/site"

# The real indexer, then compaction into a new generation that still answers queries.
db="$work/db"
"$script" --content "$work/site" --db "$db" --indexer "$build/indexer/hotsearch-index" --no-pull --compact > "$work/log" 2>&1
code=$?
check "a real run with --compact exits 0" [ "$code" -eq 0 ]
check "the stub points at the compacted generation" grep -qx "glass gen-2" "$db/XAPIANDB"
check "the old generation is gone" test ! -e "$db/gen-1"
check "the compacted index answers" bash -c '"$1" --db "$2" quetzalmapping | grep -q "Pulled page about quetzalmapping"' _ "$build/query/hotsearch" "$db"
"$build/indexer/hotsearch-index" --content "$work/site" --db "$db" --quiet >/dev/null 2>&1
check "the indexer goes on incrementally in the compacted generation" [ $? -eq 0 ]

# --compact while an indexer holds the lock: exit 3, index untouched.
exec 8>>"$db/.lock"
flock -n 8
"$script" --content "$work/site" --db "$db" --indexer "$fake" --no-pull --compact > "$work/log" 2>&1
code=$?
exec 8>&-
check "--compact under a held lock exits 3" [ "$code" -eq 3 ]
check "--compact under a held lock says why" grep -q "is locked by an indexer; not compacting" "$work/log"
check "--compact under a held lock leaves the stub" grep -qx "glass gen-2" "$db/XAPIANDB"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
