#!/usr/bin/env bash
# Parse speed: `runbook check` against the cmark-gfm CLI on the same ~5 MB runbook, in one run.
# Prints best-of-N wall times and their ratio (target: runbook check <= 2x cmark-gfm).
#   RUNS=7 SIZE=5242880 bash bench/parse.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-7}
size=${SIZE:-5242880}
out=bench/out
mkdir -p "$out"
swift build -c release >/dev/null
command -v cmark-gfm >/dev/null || { echo "cmark-gfm CLI missing: run make deps" >&2; exit 1; }
python3 bench/gen_runbook.py "$out/big.md" "$size"
python3 bench/time_ratio.py "$runs" "$out/big.md"
