#!/usr/bin/env python3
"""Best-of-N wall time of `runbook check` against the cmark-gfm CLI on one file, and their ratio.

usage: time_ratio.py RUNS FILE
"""
import subprocess
import sys
import time

runs, path = int(sys.argv[1]), sys.argv[2]


def best(cmd):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return min(times)


baseline = best(["cmark-gfm", "--extension", "table", "--extension", "tasklist", path])
ours = best([".build/release/runbook", "check", path])
ours_json = best([".build/release/runbook", "check", "--json", path])
print(f"cmark-gfm CLI (HTML out)  {baseline * 1000:8.1f} ms")
print(f"runbook check             {ours * 1000:8.1f} ms   ratio {ours / baseline:5.2f}x  (target <= 2x)")
print(f"runbook check --json      {ours_json * 1000:8.1f} ms   ratio {ours_json / baseline:5.2f}x")
