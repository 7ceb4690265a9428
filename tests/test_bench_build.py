"""The build benchmark runs end to end on two tiny sizes (a smoke test, not a timed one)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "bench_build.py"
BUILD_COLUMNS = ["build", "wall s", "build_site s", "peak RSS MiB", "tree RSS MiB", "time x"]
INDEX_COLUMNS = ["search index", "entries", "raw KB", "gzip KB", "/ combined"]


def test_benchmark_prints_a_table_per_size_and_the_growth_exponent(tmp_path):
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--sizes", "20,40", "--no-browser"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=180,
    )
    out = done.stdout
    assert done.returncode == 0, out + done.stderr
    lines = out.splitlines()
    assert [line.split()[2] for line in lines if line.startswith("N = ")] == ["20", "40"]
    headers = [line for line in lines if line.startswith("build ")]
    assert len(headers) == 2
    for header in headers:
        assert all(column in header for column in BUILD_COLUMNS + ["RSS x"])
    assert sum(all(c in line for c in INDEX_COLUMNS) for line in lines) == 2
    polyhelp = [line for line in lines if line.startswith("polyhelp ")]
    baseline = [line for line in lines if line.startswith("baseline 4 x mkdocs")]
    assert len(polyhelp) == 2 and len(baseline) == 2
    for row in polyhelp + baseline:
        numbers = row.split()[-6:]  # wall s, build_site s, RSS, tree RSS, time x, RSS x
        assert float(numbers[0]) > 0 and float(numbers[2]) > 0
    assert all(row.split()[-2:] == ["1.00", "1.00"] for row in baseline)
    for locale in ("en", "fr", "de", "es", "combined"):
        assert sum(line.startswith(f"{locale} ") for line in lines) == 2, locale
    assert any(line.startswith("site: ") and "article pages" in line for line in lines)
    exponent = [line for line in lines if line.startswith("growth exponent of Polyhelp")]
    assert len(exponent) == 1 and "N=20 -> 40" in exponent[0]
    float(exponent[0].rsplit("=", 1)[1])
    assert "browser search" not in out
