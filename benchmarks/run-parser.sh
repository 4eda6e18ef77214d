#!/usr/bin/env bash
# benchmarks/run-parser.sh [N]: the parser against xmllint on one body of
# N members (default 100,000), wall time and peak memory, side by side.
# Needs the project built in _build/bench (done here) and, for the
# comparison, xmllint (libxml2-utils) and GNU time.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-100000}
build="$top/_build/bench"
body=$(mktemp --suffix=.xml)
trap 'rm -f "$body"' EXIT

[ -f "$build/build.ninja" ] || meson setup "$build" --buildtype=release >/dev/null
meson compile -C "$build" >/dev/null
python3 "$top/benchmarks/gen-multistatus.py" "$n" > "$body"
echo "body: $n members, $(du -h "$body" | cut -f1)"

measure () {
  local label=$1; shift
  local best=
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f "%e %M" -o /tmp/bench.time "$@" >/dev/null 2>&1 || true
    read -r wall rss < <(tail -n 1 /tmp/bench.time)
    if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall; mem=$rss; fi
  done
  printf "%-40s %6.2f s  %7.1f MiB\n" "$label" "$best" "$(awk "BEGIN{print $mem/1024}")"
}

measure "davscope parser (SAX2 push, 64 KiB chunks)" "$build/benchmarks/bench-parser" "$body"
measure "xmllint --stream --noout" xmllint --stream --noout "$body"
measure "xmllint --noout (DOM)" xmllint --noout "$body"
measure "davscope-cli inspect --json > /dev/null" "$build/src/cli/davscope-cli" inspect --json "$body"
