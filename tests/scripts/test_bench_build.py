"""The build benchmark runs end to end on the smallest size (a smoke test, not a timed one)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys

import pytest

from tests.conftest import REPO

SCRIPT = REPO / "scripts" / "bench_build.py"
BUILD_COLUMNS = ["build", "wall s", "build_site s", "peak RSS MiB", "tree RSS MiB", "time x"]
INDEX_COLUMNS = ["search index", "entries", "raw KB", "gzip KB", "/ combined"]


@pytest.fixture
def bench(monkeypatch):
    """scripts/bench_build.py, imported as a module."""
    spec = importlib.util.spec_from_file_location("bench_build", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # its dataclasses look it up there
    spec.loader.exec_module(module)
    return module


def test_benchmark_prints_its_tables_for_a_size(tmp_path):
    # --quick: the same builds, measured the same way, with a baseline of one mkdocs build.
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--sizes", "1", "--no-browser", "--quick"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=180,
    )
    out = done.stdout
    assert done.returncode == 0, out + done.stderr
    lines = out.splitlines()
    sizes = [line for line in lines if line.startswith("N = ")]
    assert [line.split()[2] for line in sizes] == ["1"]
    # The pages each locale built, as the build child reported them.
    assert re.search(r"HTML pages: en [1-9]\d*, fr [1-9]\d*, de [1-9]\d*, es [1-9]\d*$", sizes[0])
    headers = [line for line in lines if line.startswith("build ")]
    assert len(headers) == 1
    assert all(column in headers[0] for column in BUILD_COLUMNS + ["RSS x", "time x pruned"])
    assert sum(all(c in line for c in INDEX_COLUMNS) for line in lines) == 1
    polyhelp = [line for line in lines if line.startswith("polyhelp ")]
    baseline = [line for line in lines if line.startswith("baseline 1 x mkdocs")]
    pruned = [line for line in lines if line.startswith("pruned baseline 1 x mkdocs")]
    assert len(polyhelp) == 1 and len(baseline) == 1 and len(pruned) == 1
    for row in polyhelp + baseline + pruned:
        # wall s, build_site s, RSS, tree RSS, time x, RSS x, time x pruned
        numbers = row.split()[-7:]
        assert float(numbers[0]) > 0 and float(numbers[2]) > 0
    assert float(polyhelp[0].split()[-6]) > 0  # build_site s, from the build child's report
    assert baseline[0].split()[-3:-1] == ["1.00", "1.00"]
    assert pruned[0].split()[-1] == "1.00"
    for locale in ("en", "fr", "de", "es", "combined"):
        assert sum(line.startswith(f"{locale} ") for line in lines) == 1, locale
    assert any(line.startswith("site: ") and "article pages" in line for line in lines)
    assert "growth exponent: n/a (one size only)" in lines
    assert "topics of about 25 articles:" in lines
    assert "browser search" not in out


def test_growth_exponent_is_the_slope_of_wall_time_against_size_on_log_scales(bench):
    results = [
        {"n": 10, "polyhelp": 2.0, "baseline": 1.0, "pruned": None},
        {"n": 25, "polyhelp": 3.0, "baseline": 1.5, "pruned": None},
        {"n": 40, "polyhelp": 8.0, "baseline": 2.0, "pruned": None},
    ]
    formula = "log(t_large/t_small)/log(N_large/N_small)"
    assert bench.growth_exponents(results, jobs=True) == [
        f"growth exponent of Polyhelp (jobs=2) wall time, N=10 -> 40: {formula} = 1.00",
        f"growth exponent of baseline wall time, N=10 -> 40: {formula} = 0.50",
    ]
    without_baseline = [dict(result, baseline=None) for result in results]
    assert bench.growth_exponents(without_baseline, jobs=False) == [
        f"growth exponent of Polyhelp (sequential) wall time, N=10 -> 40: {formula} = 1.00"
    ]
    assert bench.growth_exponents(results[:1], jobs=True) == [
        "growth exponent: n/a (one size only)"
    ]
