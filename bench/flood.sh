#!/usr/bin/env bash
# Output flood: `runbook run` on a command printing `seq 1 5000000`, against `script -qc` on the same
# command, in one run. Prints best-of-N wall times, their ratio (target <= 1.5x) and the player's peak
# RSS (target < 80 MB).
#   RUNS=3 COUNT=5000000 bash bench/flood.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
count=${COUNT:-5000000}
out=bench/out
mkdir -p "$out"
swift build -c release >/dev/null
printf '# Flood\n\n## Print a lot\n\n```bash\nseq 1 %s\n```\n' "$count" > "$out/flood.md"

best() { # best wall seconds of "$@" over $runs runs; stdout of the command is discarded
  local best_time=""
  for _ in $(seq "$runs"); do
    local start end elapsed
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s.%N)
    elapsed=$(echo "$end - $start" | bc)
    if [ -z "$best_time" ] || [ "$(echo "$elapsed < $best_time" | bc)" = 1 ]; then best_time=$elapsed; fi
  done
  echo "$best_time"
}

run_ours() { rm -f "$out/flood.jsonl"; .build/release/runbook run "$out/flood.md" --log "$out/flood.jsonl"; }
command -v bc >/dev/null || { echo "bc missing: apt-get install bc" >&2; exit 1; }
baseline=$(best script -qc "seq 1 $count" /dev/null)
ours=$(best run_ours)
rm -f "$out/flood.jsonl"
rm -f "$out/flood-rss.jsonl"
/usr/bin/time -o "$out/flood-rss.txt" -f '%M' .build/release/runbook run "$out/flood.md" --log "$out/flood-rss.jsonl" >/dev/null 2>&1
rss_kb=$(tail -1 "$out/flood-rss.txt")
log_mb=$(du -m "$out/flood-rss.jsonl" | cut -f1)
rm -f "$out/flood-rss.jsonl"
printf 'script -qc (baseline)   %8.3f s\n' "$baseline"
printf 'runbook run             %8.3f s   ratio %.2fx (target <= 1.5x)\n' "$ours" "$(echo "$ours / $baseline" | bc -l)"
printf 'runbook peak RSS        %8.1f MB  (target < 80 MB); log %s MB\n' "$(echo "$rss_kb / 1024" | bc -l)" "$log_mb"
