"""The translate benchmark runs end to end on a small corpus (a smoke test, not a timed one)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.conftest import REPO

SCRIPT = REPO / "scripts" / "bench_translate.py"


def test_benchmark_prints_its_table_and_the_noop_rerun_sends_nothing(tmp_path):
    env = dict(os.environ, NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")
    for name in ("DEEPL_AUTH_KEY", "DEEPL_SERVER_URL"):
        env.pop(name, None)
    # --quick: the same runs, measured the same way, each traced replay alongside its run.
    command = [sys.executable, str(SCRIPT), "--pages", "3", "--locales", "fr", "--edited", "2"]
    done = subprocess.run(
        command + ["--quick"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    out = done.stdout
    assert done.returncode == 0, out + done.stderr
    header = next(line for line in out.splitlines() if line.startswith("run "))
    for column in ("pages", "locales", "segments sent", "requests", "wall s", "max RSS MiB"):
        assert column in header
    assert "py peak MiB" in header
    rows = {line.split("  ")[0].strip(): line for line in out.splitlines()}
    assert {"1 full", "2 edited", "3 no-op"} <= set(rows)
    # label (2 words), pages, locales, segments sent, chars billed, chars plain, requests,
    # pages written, wall s, py peak MiB, max RSS MiB, sent/changed
    full = rows["1 full"].split()
    assert full[2:4] == ["3", "1"] and int(full[4]) > 0 and full[8] == "3"
    for label in ("1 full", "2 edited", "3 no-op"):
        cells = rows[label].split()
        # The traced replay's peak and the measured worker's RSS both came back.
        assert float(cells[10]) > 0 and float(cells[11]) > 0, label
    noop = rows["3 no-op"].split()
    assert noop[2:5] == ["3", "1", "0"] and noop[5:8] == ["0", "0", "0"]
    assert "run 3 (no-op): sent 0 characters in 0 requests: OK" in out
    pattern = r"^run 2 ratio: characters sent / characters changed = .*? = ([\d.]+)"
    ratio = re.search(pattern, out, re.M)
    assert ratio and float(ratio.group(1)) <= 1.05
    assert "characters changed:" in out
    assert "WARNING" not in out
    assert "--quick: each replay ran alongside its measured run" in out
