#!/usr/bin/env bash
# Replay index: builds a ~200 MB incident log with the real writer (`logtool generate`, kept in bench/out
# between runs), then in one run times `wc -l` and `LogIndex.build` on it (best of N; target: close to
# wc -l) and the worst random `event(i)` read and `lastIndex` lookup (target: well under 1 ms).
#   RUNS=5 SIZE_MB=200 bash bench/replay.sh      (SCRATCH=.build-x to use another build directory)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
size_mb=${SIZE_MB:-200}
scratch=${SCRATCH:-.build}
out=bench/out
mkdir -p "$out"
swift build -c release --scratch-path "$scratch" --product logtool >/dev/null 2>&1 || swift build -c release --scratch-path "$scratch" --product logtool
logtool="$scratch/release/logtool"
log="$out/replay-${size_mb}mb.jsonl"
if [ ! -f "$log" ]; then
  echo "generating $log (once; delete it to regenerate)..."
  "$logtool" generate "$log.tmp" "$size_mb" 1
  mv "$log.tmp" "$log"
fi
cat "$log" >/dev/null  # both sides read from the page cache
"$logtool" index-bench "$log" "$runs"
# Whole replay jumps (fold to the play head + the output tail the pane is redrawn from).
swift build -c release --scratch-path "$scratch" --product runbook >/dev/null 2>&1 || swift build -c release --scratch-path "$scratch" --product runbook
"$scratch/release/runbook" replay "$log" --bench-seeks 200
