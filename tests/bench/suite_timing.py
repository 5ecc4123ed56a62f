"""How long `make test` takes: wall time of whole `make test` runs, their median, and the test count.

    .venv/bin/python tests/bench/suite_timing.py            # three warm runs (the kept test database reused)
    .venv/bin/python tests/bench/suite_timing.py --cold     # one more run first, after removing var/test-database
    .venv/bin/python tests/bench/suite_timing.py --runs 5

The target (issue 17): at most 60 s wall time from a warm `.venv` on a quiet 2-core machine, median of three.
Each run is also checked to leave `git status` as it found it (a test that writes into the repository fails
this bench). Timings move with the machine's load: the load average is printed before each run.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _git_status() -> str:
    return subprocess.run(["git", "status", "--short"], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def _one_run() -> tuple[float, str]:
    """(wall seconds of `make test`, pytest's summary line); exits if the suite failed."""
    started = time.monotonic()
    result = subprocess.run(["make", "test"], cwd=ROOT, capture_output=True, text=True)
    wall = time.monotonic() - started
    summary = next((line for line in reversed(result.stdout.splitlines()) if re.search(r"\d+ passed", line)), "")
    if result.returncode != 0:
        sys.exit(f"make test failed (rc {result.returncode}):\n{result.stdout[-3000:]}{result.stderr[-2000:]}")
    return wall, summary.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cold", action="store_true", help="first, one run without the kept test database")
    args = parser.parse_args()

    before = _git_status()
    runs = ["warm"] * args.runs
    if args.cold:
        shutil.rmtree(ROOT / "var" / "test-database", ignore_errors=True)
        runs.insert(0, "cold")
    warm = []
    for kind in runs:
        load = " ".join(f"{value:.2f}" for value in os.getloadavg())
        wall, summary = _one_run()
        if kind == "warm":
            warm.append(wall)
        print(f"{kind} run: {wall:.1f} s wall  ({summary}; load before: {load})", flush=True)
        if (after := _git_status()) != before:
            sys.exit(f"the run changed git status:\n{after}")
    print(f"median of {len(warm)} warm runs: {statistics.median(warm):.1f} s  (nproc {os.cpu_count()})")


if __name__ == "__main__":
    main()
