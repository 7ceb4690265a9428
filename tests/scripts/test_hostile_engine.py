"""The hostile-engine figures: its detector sees what an engine injects, and it runs end to end."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys

import pytest

from tests.conftest import REPO

SCRIPT = REPO / "scripts" / "hostile_engine.py"


@pytest.fixture
def script(monkeypatch):
    spec = importlib.util.spec_from_file_location("hostile_engine", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    return module


def found(script, html: str):
    page = script._Found()
    page.feed(html)
    return page


@pytest.mark.parametrize(
    "html",
    [
        "<article><p>x</p><script>PWN()</script></article>",
        '<article><img src="x" onerror="y"></article>',
        '<article><a href="https://evil.example/">x</a></article>',
        '<script type="application/ld+json">{"name": "</script><script>PWN()</script>"}',
    ],
    ids=["script", "event-handler", "attacker-link", "json-ld-broken"],
)
def test_detector_sees_what_an_engine_injects(script, html):
    assert found(script, html).injected


def test_detector_takes_escaped_text_and_json_ld_data_for_text(script):
    html = (
        "<article><p>&lt;script&gt;PWN()&lt;/script&gt;</p></article>"
        '<script type="application/ld+json">{"name": "\\u003cscript>PWN()"}</script>'
    )
    assert found(script, html).injected == []


def test_an_element_the_honest_translation_lacks_is_an_injection(script):
    honest = {"a.html": found(script, "<article><p>x</p></article>")}
    hostile = {"a.html": found(script, "<article><p>x</p><h2>PWN</h2></article>")}
    assert script.injections(hostile, honest) == ["fr/a.html: 1 more <h2>"]


def test_figures_run_end_to_end_on_one_mode():
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--modes", "1", "--skip-timeouts"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    row = re.search(r"^raw <script>\s+(\d+)\s+(\d+)\s+(\d+)\s+True$", result.stdout, re.M)
    assert row, result.stdout
    assert int(row[1]) > 0 and int(row[3]) == 0
