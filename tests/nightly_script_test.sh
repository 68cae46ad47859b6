#!/usr/bin/env bash
# Tests of scripts/nightly-reindex: git pull of a content checkout (and when it must not pull),
# timestamped logging, exit statuses passed on, usage errors, the lock respected by --compact,
# failed compactions leaving the index as it was, and real runs of the indexer with compaction.
# Usage: nightly_script_test.sh BUILD_DIR   (BUILD_DIR holds indexer/hotsearch-index and
# query/hotsearch). Prints `N passed, N failed`; exits non-zero when a check failed.
set -uo pipefail
build="$(cd "${1:?usage: nightly_script_test.sh BUILD_DIR}" && pwd)"
root="$(cd "$(dirname "$0")/.." && pwd)"
script="$root/scripts/nightly-reindex"
indexer="$build/indexer/hotsearch-index"
cli="$build/query/hotsearch"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
check() {  # check DESCRIPTION COMMAND...
  local what="$1"
  shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $what"; fi
}
has() { grep -qF -- "$2" <<<"$1"; }     # has TEXT STRING
lacks() { ! grep -qF -- "$2" <<<"$1"; }  # lacks TEXT STRING
# Every line starts with a UTC ISO-8601 timestamp and the script's name.
all_stamped() { ! grep -vqE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z nightly-reindex: ' <<<"$1"; }
finds() { "$cli" --db "$1" "$2" | grep -qF -- "$3"; }  # finds DB QUERY TITLE
ids_of() { "$cli" --db "$1" --json --limit 100 "${@:2}" | grep -o '"id":"[^"]*"' | sort; }

# The tester's own git settings must not change what is tested.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL="$work/gitconfig"
git config --global user.name tester
git config --global user.email tester@example.org
git config --global init.defaultBranch main
git config --global advice.detachedHead false
unset HOTSEARCH_DB HOTSEARCH_CONTENT HOTSEARCH_INDEXER

# A content checkout with an upstream, and an editor's clone that pushes a new page to it.
git init -q --bare "$work/upstream.git"
git clone -q "$work/upstream.git" "$work/site" 2>/dev/null
cp -r "$root/content/." "$work/site/"
git -C "$work/site" add -A
git -C "$work/site" commit -qm "site"
git -C "$work/site" push -q origin HEAD 2>/dev/null
git clone -q "$work/upstream.git" "$work/editor"
printf -- '---\ntitle: Pulled page about quetzalmapping\n---\nfrom upstream\n' > "$work/editor/pulled.md"
git -C "$work/editor" add -A
git -C "$work/editor" commit -qm "new page"
git -C "$work/editor" push -q origin HEAD 2>/dev/null

# A stand-in indexer: prints its arguments, a line on stderr and a last line without a newline,
# and exits with $FAKE_STATUS.
fake="$work/bin/hotsearch-index"
mkdir -p "$work/bin"
cat > "$fake" <<'EOF'
#!/bin/sh
echo "fake indexer ran with $*"
echo "fake warning on stderr" >&2
printf 'fake last line'
exit "${FAKE_STATUS:-0}"
EOF
chmod +x "$fake"

# --- exit statuses and logging, with the stand-in indexer ---
for status in 0 1 3; do
  out="$(FAKE_STATUS=$status "$script" --content "$work/site" --indexer "$fake" --no-pull 2>&1)"
  code=$?
  check "indexer exit $status is passed on (got $code)" [ "$code" -eq "$status" ]
  check "every log line is timestamped (indexer exit $status)" all_stamped "$out"
  check "the indexer's stdout is logged ($status)" has "$out" "index: fake indexer ran with --content $work/site"
  check "the indexer's stderr is logged ($status)" has "$out" "index: fake warning on stderr"
  check "the indexer's unterminated last line is logged ($status)" has "$out" "index: fake last line"
done
check "a run that fails says so" has "$out" "error: the indexer could not run (exit 3)"

out="$("$script" --content "$work/site" --indexer "$fake" --no-pull 2>&1)"
check "without --db the indexer's own default applies" lacks "$out" "--db"
out="$(HOTSEARCH_DB="$work/envdb" "$script" --content "$work/site" --indexer "$fake" --no-pull 2>&1)"
check "HOTSEARCH_DB is passed as --db" has "$out" "ran with --content $work/site --db $work/envdb"
out="$("$script" --content "$work/site" --db "$work/flagdb" --indexer "$fake" --no-pull 2>&1)"
check "--db is passed on" has "$out" "ran with --content $work/site --db $work/flagdb"
out="$(PATH="$work/bin:$PATH" "$script" --content "$work/site" --no-pull 2>&1)"
check "hotsearch-index is found on PATH" has "$out" "indexer $work/bin/hotsearch-index"
check "... and run" has "$out" "index: fake indexer ran"

"$script" --content "$work/site" --indexer /nonexistent --no-pull > "$work/log" 2>&1
check "a missing indexer exits 3" [ $? -eq 3 ]
check "a missing indexer is named" grep -q "error: indexer not found at /nonexistent" "$work/log"

# --- usage ---
"$script" --bogus > "$work/log" 2>&1
check "an unknown option exits 2" [ $? -eq 2 ]
check "an unknown option is named" grep -qx "nightly-reindex: unknown option --bogus" "$work/log"
"$script" --content "$work/site" --db > "$work/log" 2>&1
check "--db without a value exits 2" [ $? -eq 2 ]
check "--db without a value says so" grep -qx "nightly-reindex: --db needs a value" "$work/log"
"$script" --help > "$work/log" 2>&1
check "--help exits 0" [ $? -eq 0 ]
check "--help shows the usage" grep -q "^Usage: nightly-reindex \[--content DIR\]" "$work/log"

# --- git pull ---
out="$("$script" --content "$work/site" --indexer "$fake" 2>&1)"
code=$?
check "a checkout with an upstream is pulled" test -f "$work/site/pulled.md"
check "the pull is logged" has "$out" "updating content: git pull --ff-only (origin/main)"
check "git's own output is logged" has "$out" "git: Fast-forward"
check "the new head is logged" has "$out" "content at $(git -C "$work/site" log -1 --format=%h) "
check "a pulled run exits 0" [ "$code" -eq 0 ]
check "every line of a pulled run is timestamped" all_stamped "$out"

# A second run while one is pulling or indexing the same checkout does nothing: its pull would
# change the files under the first run's indexer.
flock "$work/site/.git/hotsearch-nightly.lock" sleep 3 &
holder=$!
sleep 0.3
out="$("$script" --content "$work/site" --indexer "$fake" 2>&1)"
code=$?
wait "$holder"
check "a second run on the same checkout exits 3 (exit $code)" [ "$code" -eq 3 ]
check "... and says why" has "$out" "error: another nightly-reindex is updating $work/site"
check "... without pulling or indexing" lacks "$out" "git pull"

git -C "$work/site" log -1 --format=%H > "$work/head-before"
out="$("$script" --content "$work/site" --indexer "$fake" --no-pull 2>&1)"
check "--no-pull does not pull" lacks "$out" "git pull"

# A checkout without an upstream is indexed as it is.
cp -r "$root/content" "$work/local"
git -C "$work/local" init -q && git -C "$work/local" add -A && git -C "$work/local" commit -qm local
out="$("$script" --content "$work/local" --indexer "$fake" 2>&1)"
code=$?
check "a checkout without an upstream is indexed (exit $code)" [ "$code" -eq 0 ]
check "a checkout without an upstream is not pulled, and says so" \
  has "$out" "content is a git checkout without an upstream branch (or a detached HEAD): not pulling"
# ... even when its .git cannot be written to (no lock is needed when nothing is pulled). Root
# writes anywhere, so the run goes without CAP_DAC_OVERRIDE (setpriv).
as_a_user=()
[ "$(id -u)" -eq 0 ] && as_a_user=(setpriv --inh-caps=-dac_override,-dac_read_search
                                    --bounding-set=-dac_override,-dac_read_search)
chmod -R a-w "$work/local/.git"
out="$("${as_a_user[@]}" "$script" --content "$work/local" --indexer "$fake" 2>&1)"
code=$?
chmod -R u+w "$work/local/.git"
check "a read-only .git without an upstream is still indexed (exit $code)" [ "$code" -eq 0 ]

# Content inside a larger checkout (like the project's own content/) is not pulled.
mkdir -p "$work/outer/site"
cp -r "$root/content/." "$work/outer/site/"
git -C "$work/outer" init -q
out="$("$script" --content "$work/outer/site" --indexer "$fake" 2>&1)"
code=$?
check "content inside a checkout is indexed (exit $code)" [ "$code" -eq 0 ]
check "content inside a checkout is not pulled, and says so" \
  has "$out" "content is inside the git checkout $work/outer, not the top of one: not pulling"

# A .git that git cannot use is a failure, not a silent skip.
cp -r "$root/content" "$work/broken"
echo "gitdir: $work/nowhere" > "$work/broken/.git"
out="$("$script" --content "$work/broken" --indexer "$fake" 2>&1)"
code=$?
check "an unusable .git exits 4 (got $code)" [ "$code" -eq 4 ]
check "an unusable .git is reported" has "$out" "error: $work/broken has a .git that git cannot use: "
check "an unusable .git stops before indexing" lacks "$out" "fake indexer ran"

# A diverged checkout cannot fast-forward: exit 4, the indexer not run, the tree unchanged.
printf 'local edit\n' > "$work/site/local.md"
git -C "$work/site" add -A && git -C "$work/site" commit -qm local
printf 'other\n' > "$work/editor/other.md"
git -C "$work/editor" add -A && git -C "$work/editor" commit -qm other
git -C "$work/editor" push -q origin HEAD 2>/dev/null
head_before="$(git -C "$work/site" rev-parse HEAD)"
out="$("$script" --content "$work/site" --indexer "$fake" 2>&1)"
code=$?
check "a failed pull exits 4 (got $code)" [ "$code" -eq 4 ]
check "a failed pull says so" has "$out" "error: git pull --ff-only failed; nothing indexed, the index is left as it was"
check "a failed pull does not index" lacks "$out" "fake indexer ran"
check "a failed pull leaves the checkout as it was" [ "$(git -C "$work/site" rev-parse HEAD)" = "$head_before" ]
check "every line of a failed pull is timestamped" all_stamped "$out"

# --- compaction failures, with the stand-in indexer ---
mkdir -p "$work/badstub"
echo "auto /somewhere/else" > "$work/badstub/XAPIANDB"
out="$("$script" --content "$work/site" --db "$work/badstub" --indexer "$fake" --no-pull --compact 2>&1)"
code=$?
check "compacting a foreign stub exits 5 (got $code)" [ "$code" -eq 5 ]
check "compacting a foreign stub says why" \
  has "$out" "error: $work/badstub/XAPIANDB is not a hotsearch index stub (expected \`glass gen-N\`)"
check "compacting a foreign stub leaves it" grep -qx "auto /somewhere/else" "$work/badstub/XAPIANDB"

mkdir -p "$work/notadb/gen-4"
echo "glass gen-4" > "$work/notadb/XAPIANDB"
out="$("$script" --content "$work/site" --db "$work/notadb" --indexer "$fake" --no-pull --compact 2>&1)"
code=$?
check "a failing xapian-compact exits 5 (got $code)" [ "$code" -eq 5 ]
check "a failing xapian-compact is logged" has "$out" "compacting gen-4 into gen-5"
check "a failing xapian-compact says the index is as it was" \
  has "$out" "error: compaction failed (exit 5); the index is left as it was"
check "a failing xapian-compact leaves the stub" grep -qx "glass gen-4" "$work/notadb/XAPIANDB"
check "a failing xapian-compact leaves no partial generation" test ! -e "$work/notadb/gen-5"
check "every line of a failed compaction is timestamped" all_stamped "$out"

out="$(FAKE_STATUS=3 "$script" --content "$work/site" --db "$work/notadb" --indexer "$fake" --no-pull --compact 2>&1)"
check "no compaction after an indexer that could not run" lacks "$out" "compacting"

# --- the real indexer, then compaction into a new generation that still answers queries ---
git -C "$work/site" reset -q --hard "origin/main"  # back in step with upstream
db="$work/db"
"$indexer" --content "$work/site" --db "$db" --quiet > /dev/null 2>&1
check "the real indexer builds the index" [ $? -eq 0 ]
stub_before="$(cat "$db/XAPIANDB")"
gen_before="${stub_before#glass }"
docs_before="$(xapian-delve "$db/$gen_before" | grep "number of documents")"
ids_before="$(ids_of "$db" --project "Missing Maps")"
"$script" --content "$work/site" --db "$db" --indexer "$indexer" --compact > "$work/log" 2>&1
code=$?
out="$(cat "$work/log")"
stub_after="$(cat "$db/XAPIANDB")"
gen_after="${stub_after#glass }"
check "a real run with --compact exits 0 (got $code)" [ "$code" -eq 0 ]
check "every line of a real run is timestamped" all_stamped "$out"
check "the real run pulled the editor's last page" test -f "$work/site/other.md"
check "the stub names a new generation" [ "$gen_after" != "$gen_before" ]
check "the stub has the indexer's form" grep -qxE "glass gen-[0-9]+" "$db/XAPIANDB"
check "the new generation exists" test -f "$db/$gen_after/iamglass"
check "the old generation is gone" test ! -e "$db/$gen_before"
check "no temporary stub is left" test ! -e "$db/XAPIANDB.tmp"
check "the compaction is logged" has "$out" "compacting $gen_before into $gen_after"
check "the lock file is left empty" test ! -s "$db/.lock"
check "the compacted generation has every document" \
  [ "$(xapian-delve "$db/$gen_after" | grep "number of documents")" = "$docs_before" ]
check "the compacted index answers a facet query as before" [ "$(ids_of "$db" --project "Missing Maps")" = "$ids_before" ]
check "the compacted index finds the pulled page" \
  finds "$db" quetzalmapping "Pulled page about quetzalmapping"

# A generation whose postlist is cut short: xapian-compact writes part of the new generation,
# then fails; the part is removed and the stub is left.
mkdir -p "$work/cut"
cp -r "$db/$gen_after" "$work/cut/gen-7"
echo "glass gen-7" > "$work/cut/XAPIANDB"
size="$(stat -c %s "$work/cut/gen-7/postlist.glass")"
truncate -s $((size / 2)) "$work/cut/gen-7/postlist.glass"
out="$("$script" --content "$work/site" --db "$work/cut" --indexer "$fake" --no-pull --compact 2>&1)"
code=$?
check "compacting a damaged generation exits 5 (got $code)" [ "$code" -eq 5 ]
check "xapian-compact's error is logged" grep -qE "Z nightly-reindex: compact: .*xapian-compact: DatabaseError" <<<"$out"
check "compacting a damaged generation leaves the stub" grep -qx "glass gen-7" "$work/cut/XAPIANDB"
check "compacting a damaged generation leaves no partial generation" test ! -e "$work/cut/gen-8"

# The indexer goes on incrementally in the compacted generation, through the script.
printf -- '---\ntitle: Edited after compaction\n---\nxylophonemapping\n' > "$work/site/pulled.md"
"$script" --content "$work/site" --db "$db" --indexer "$indexer" --no-pull > "$work/log" 2>&1
check "an incremental run after compaction exits 0" [ $? -eq 0 ]
check "the indexer's summary is logged" grep -qE "index: incremental index of [0-9]+ pages: 0 added, 1 updated" "$work/log"
check "the incremental run writes in the compacted generation" [ "$(cat "$db/XAPIANDB")" = "$stub_after" ]
check "the edit is searchable" finds "$db" xylophonemapping "Edited after compaction"

# --- an indexer holds the lock ---
exec 8>>"$db/.lock"
flock -n 8
"$script" --content "$work/site" --db "$db" --indexer "$fake" --no-pull --compact > "$work/log" 2>&1
code=$?
check "--compact under a held lock exits 3 (got $code)" [ "$code" -eq 3 ]
check "--compact under a held lock says why" grep -q "error: $db is locked by an indexer; not compacting" "$work/log"
check "--compact under a held lock leaves the stub" [ "$(cat "$db/XAPIANDB")" = "$stub_after" ]
"$script" --content "$work/site" --db "$db" --indexer "$indexer" --no-pull > "$work/log" 2>&1
code=$?
check "the real indexer under a held lock exits 3 through the script (got $code)" [ "$code" -eq 3 ]
check "... and the indexer's reason is logged" grep -q "index: .*is locked by another indexer" "$work/log"
exec 8>&-

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
