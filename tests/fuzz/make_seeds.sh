#!/usr/bin/env bash
# Fills a fuzz target's starting corpus with real inputs: pages of the real corpus (when it is
# beside the checkout) and of content/; real queries; real HTTP requests.
# Usage: make_seeds.sh FUZZER_NAME DIR
set -euo pipefail
name="$1" out="$2"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
mkdir -p "$out"
one_per_line() {  # each line of a seed list becomes one input file
  local n=0
  while IFS= read -r line || [ -n "$line" ]; do
    n=$((n + 1))
    printf '%b' "$line" > "$out/seed-$n"
  done < "$1"
}
case "$name" in
  fuzz_page_reader)
    for dir in "$root/../shared/corpus/hotosm-website" "$root/content"; do
      [ -d "$dir" ] || continue
      find "$dir" -type f \( -name '*.md' -o -name '*.markdown' -o -name '*.html' \) -size -64k \
        -print0 | while IFS= read -r -d '' f; do
          cp "$f" "$out/$(printf '%s' "$f" | md5sum | cut -c1-16)"
        done
    done ;;
  fuzz_query) one_per_line "$here/seeds/queries.txt" ;;
  fuzz_http) one_per_line "$here/seeds/requests.txt" ;;
  *) echo "make_seeds.sh: no seeds for $name" >&2; exit 2 ;;
esac
