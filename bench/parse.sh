#!/usr/bin/env bash
# Parse speed: `runbook check` against the cmark-gfm CLI on the same ~5 MB runbook, in one run.
# Prints best-of-N wall times and their ratio (target: runbook check <= 2x cmark-gfm).
#   RUNS=7 SIZE=5242880 bash bench/parse.sh
#   SCRATCH=.build-perf bash bench/parse.sh   # build and time from another build directory (default .build)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-7}
size=${SIZE:-5242880}
scratch=${SCRATCH:-.build}
out=bench/out
mkdir -p "$out"
swift build -c release --scratch-path "$scratch" >/dev/null
command -v cmark-gfm >/dev/null || { echo "cmark-gfm CLI missing: run make deps" >&2; exit 1; }
python3 bench/gen_runbook.py "$out/big.md" "$size"
if [ "$scratch" = .build ]; then
    python3 bench/time_ratio.py "$runs" "$out/big.md"
else
    # time_ratio.py runs .build/release/runbook from the current directory: give it one whose .build
    # is the scratch directory.
    root=$PWD
    case "$scratch" in /*) build=$scratch ;; *) build=$root/$scratch ;; esac
    shim=$(mktemp -d)
    trap 'rm -rf "$shim"' EXIT
    ln -s "$build" "$shim/.build"
    (cd "$shim" && python3 "$root/bench/time_ratio.py" "$runs" "$root/$out/big.md")
fi
