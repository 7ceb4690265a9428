#!/usr/bin/env python3
"""Build time of the help center before and after per-market pages, measured in one run.

Builds the baseline commit (default: the one before polyhelp/markets/ was added) from a
temporary `git worktree` and the current working tree, alternately, --runs times each, each
into a fresh folder with the same Python environment, and prints the pages built, the median
build time (as `polyhelp build` reports it, and the wall time of the whole command) and the
ratio current / baseline.

    .venv/bin/python scripts/bench_markets.py [--baseline COMMIT] [--runs 5] [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REPORTED = re.compile(r"Built .* in ([\d.]+) s \(pages: (.*)\)")


def default_baseline() -> str:
    first = subprocess.run(
        ["git", "log", "--diff-filter=A", "--format=%H", "--", "polyhelp/markets/__init__.py"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    if not first:
        sys.exit("bench_markets: polyhelp/markets/ is not committed yet; pass --baseline")
    return f"{first[-1]}~1"


def build_once(tree: Path, site: Path, jobs: int, date: str) -> tuple[float, float, int]:
    """(reported build seconds, wall seconds, pages) of one `polyhelp build` of `tree`."""
    environment = dict(os.environ, PYTHONPATH=str(tree), POLYHELP_BUILD_DATE=date)
    command = [sys.executable, "-m", "polyhelp", "build", "-q", "--jobs", str(jobs)]
    command += ["--config-file", str(tree / "mkdocs.yml"), "--site-dir", str(site)]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=tree, env=environment, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"bench_markets: the build of {tree} failed:\n{result.stderr[-2000:]}")
    match = REPORTED.search(result.stdout)
    pages = sum(int(part.split()[1]) for part in match.group(2).split(", "))
    return float(match.group(1)), wall, pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", help="the commit to compare with (default: see above)")
    parser.add_argument("--runs", type=int, default=5, help="builds of each tree (default 5)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="build processes")
    parser.add_argument("--date", default="2026-11-25", help="POLYHELP_BUILD_DATE of the builds")
    args = parser.parse_args(argv)
    baseline = args.baseline or default_baseline()
    with tempfile.TemporaryDirectory(prefix="bench-markets-") as scratch:
        old = Path(scratch) / "baseline"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "-q", str(old), baseline], cwd=REPO, check=True
        )
        try:
            trees = {"baseline": old, "current": REPO}
            times: dict[str, list[tuple[float, float, int]]] = {name: [] for name in trees}
            for run in range(args.runs):
                for name, tree in trees.items():
                    site = Path(scratch) / f"site-{name}-{run}"
                    times[name].append(build_once(tree, site, args.jobs, args.date))
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=REPO)
    revision = subprocess.run(
        ["git", "rev-parse", "--short", baseline], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    print(f"runs: {args.runs} per tree, alternating; jobs: {args.jobs}; baseline {revision}")
    print(f"{'tree':<10} {'pages':>6} {'build s (median)':>17} {'wall s (median)':>16}")
    medians = {}
    for name, samples in times.items():
        build = statistics.median(sample[0] for sample in samples)
        wall = statistics.median(sample[1] for sample in samples)
        medians[name] = (build, wall)
        print(f"{name:<10} {samples[0][2]:>6} {build:>17.2f} {wall:>16.2f}")
    ratio_build = medians["current"][0] / medians["baseline"][0]
    ratio_wall = medians["current"][1] / medians["baseline"][1]
    print(f"ratio current/baseline: build {ratio_build:.2f}x, wall {ratio_wall:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
