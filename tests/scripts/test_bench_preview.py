"""The preview benchmark runs end to end on a tiny size (a smoke test, not a timed one)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

SCRIPT = REPO / "scripts" / "bench_preview.py"


def test_benchmark_times_each_kind_of_save_against_the_full_build(tmp_path):
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--sizes", "3", "--saves", "1", "--topic-articles", "2"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert any(line.startswith("N = 3 articles per locale x 4 locales") for line in lines)
    for kind in ("en text", "fr text", "en title: its page", "en title: every listing"):
        row = next(line for line in lines if line.startswith(kind))
        median, largest, full, ratio = (float(value) for value in row.split()[-4:])
        assert 0 < median <= largest and full > 0
        # The figures are printed rounded (seconds to 0.1, the ratio to 0.001): the ratio
        # must be the median over the full build within what that rounding allows.
        assert abs(ratio * full - median) <= 0.05 + 0.05 * ratio + 0.0005 * full + 1e-9
