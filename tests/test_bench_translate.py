"""The translate benchmark runs end to end on a small corpus (a smoke test, not a timed one)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "bench_translate.py"


def test_benchmark_prints_its_table_and_the_noop_rerun_sends_nothing(tmp_path):
    env = dict(os.environ, NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")
    for name in ("DEEPL_AUTH_KEY", "DEEPL_SERVER_URL"):
        env.pop(name, None)
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--pages", "12", "--locales", "fr", "--edited", "3"],
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
    rows = {line.split("  ")[0].strip(): line for line in out.splitlines()}
    assert {"1 full", "2 edited", "3 no-op"} <= set(rows)
    noop = rows["3 no-op"].split()
    # label (2 words), pages, locales, segments sent, chars billed, chars plain, requests
    assert noop[2:5] == ["12", "1", "0"] and noop[5:8] == ["0", "0", "0"]
    assert "run 3 (no-op): sent 0 characters in 0 requests: OK" in out
    pattern = r"^run 2 ratio: characters sent / characters changed = .*? = ([\d.]+)"
    ratio = re.search(pattern, out, re.M)
    assert ratio and float(ratio.group(1)) <= 1.05
    assert "characters changed:" in out
