"""The translate benchmark runs end to end on a small corpus (a smoke test, not a timed one)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.conftest import REPO

SCRIPT = REPO / "scripts" / "bench_translate.py"


def test_benchmark_prints_its_table_the_edit_ratios_and_the_noop_rerun_sends_nothing(tmp_path):
    env = dict(os.environ, NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")
    for name in ("DEEPL_AUTH_KEY", "DEEPL_SERVER_URL"):
        env.pop(name, None)
    # --quick: the same runs, measured the same way, each traced replay alongside its run.
    # 12 pages: the first templates with a paragraph of three sentences are the 6th and 9th.
    command = [sys.executable, str(SCRIPT), "--pages", "12", "--locales", "fr", "--edited", "2"]
    done = subprocess.run(
        command + ["--quick"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
    )
    out = done.stdout
    assert done.returncode == 0, out + done.stderr
    header = next(line for line in out.splitlines() if line.startswith("run "))
    for column in ("pages", "locales", "segments sent", "requests", "wall s", "max RSS MiB"):
        assert column in header
    assert "py peak MiB" in header
    rows = {line.split("  ")[0].strip(): line for line in out.splitlines()}
    labels = ["1 full", "2 start", "3 middle", "4 end", "5 no-op"]
    assert set(labels) <= set(rows)
    # label (2 words), pages, locales, segments sent, chars billed, chars plain, requests,
    # pages written, wall s, py peak MiB, max RSS MiB, billed/changed
    full = rows["1 full"].split()
    assert full[2:4] == ["12", "1"] and int(full[4]) > 0 and full[8] == "12"
    for label in labels:
        cells = rows[label].split()
        # The traced replay's peak and the measured worker's RSS both came back.
        assert float(cells[10]) > 0 and float(cells[11]) > 0, label
    for label in ("2 start", "3 middle", "4 end"):
        cells = rows[label].split()
        # Two pages edited, one sentence each: two texts billed, at most 1.05 x the sentences.
        assert cells[4] == "2" and float(cells[12]) <= 1.05, label
        where = label.split()[1]
        pattern = (
            rf"^run {label} \(one sentence at the {where} of a paragraph.*?\): billed / sentence "
            r"characters = ([\d,]+) / ([\d,]+) = ([\d.]+) .*?whole paragraphs: ([\d,]+)"
        )
        match = re.search(pattern, out, re.M)
        assert match, label
        billed, sentence, ratio, paragraphs = match.groups()
        assert billed == cells[5] and float(ratio) <= 1.05
        assert int(paragraphs.replace(",", "")) > int(sentence.replace(",", ""))
    noop = rows["5 no-op"].split()
    assert noop[2:5] == ["12", "1", "0"] and noop[5:8] == ["0", "0", "0"]
    assert "run 5 no-op: sent 0 characters in 0 requests, wrote 0 pages: OK" in out
    assert "characters changed:" in out
    assert "WARNING" not in out
    assert "--quick: each replay ran alongside its measured run" in out
