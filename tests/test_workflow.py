"""The publishing workflow is the shop's supply chain: zizmor finds nothing in it, and CI
runs zizmor so that a new finding fails."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "site.yml"
# zizmor is in the [test] extra, beside the interpreter that runs the tests.
ZIZMOR = Path(sys.executable).parent / "zizmor"


def test_zizmor_finds_nothing_in_the_workflow():
    # --offline: no GitHub API (CI reaches only package registries), the audits that need
    # none (pinning, credentials, template injection) still run.
    result = subprocess.run(
        [str(ZIZMOR), "--offline", "--no-progress", str(WORKFLOW)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_every_action_is_pinned_to_a_commit_with_its_tag_beside_it():
    uses = re.findall(r"uses: (\S+)(.*)", WORKFLOW.read_text(encoding="utf-8"))
    assert len(uses) == 5
    for action, comment in uses:
        assert re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r"  # v\d+\.\d+\.\d+", comment), comment


def test_ci_fails_on_a_zizmor_finding():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in ci
    assert "\n.venv/bin/zizmor --offline .github/workflows/\n" in ci
