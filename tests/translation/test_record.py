"""The translation record is read strictly: only pages Polyhelp wrote as machine are rewritten."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from polyhelp.errors import FrontMatterError
from polyhelp.site.mkdocs_config import load_site
from polyhelp.translation.command import run_translate
from polyhelp.translation.record import check_record
from polyhelp.translation.segment import segment
from tests.conftest import make_site, page_text

ENGLISH = {
    "en/index.md": ("home", "Help center", "## Welcome\n\nSee [returns](returns.md).\n"),
    "en/returns.md": ("guide", "Returns", "## Returning an item\n\nReturns are free.\n"),
    "en/refunds.md": ("guide", "Refunds", "## Timing\n\nWe refund within 14 days.\n"),
    "en/faq.md": ("faq", "FAQ", "Answers.\n\n## Can I return a gift?\n\nYes.\n"),
}


@pytest.fixture
def site(tmp_path) -> Path:
    return make_site(tmp_path / "help", pages=ENGLISH)


def french_page(config: Path, **record: str) -> tuple[Path, int]:
    """A hand-written French returns.md with `record`; returns it and the line of its status."""
    docs = config.parent / "docs"
    source_hash = segment((docs / "en" / "returns.md").read_text("utf-8")).source_hash()
    text = page_text("guide", "Retours", "## Retourner un article\n\nLes retours sont gratuits.\n")
    fields = "".join(f"  {key}: {value}\n" for key, value in record.items())
    text = text.replace("---\n\n", f"translation:\n  source_hash: {source_hash}\n{fields}---\n\n")
    path = docs / "fr" / "returns.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    status_line = next(n for n, line in enumerate(text.splitlines(), 1) if "status:" in line)
    return path, status_line


def pseudo_translate(config: Path) -> list[str]:
    return list(run_translate(load_site(config)[0], [], "fr", False, "pseudo"))


def test_status_typo_is_not_a_reviewed_page(site):
    path, line = french_page(site, status="Reviewed", engine="human")
    before = path.read_bytes()
    with pytest.raises(FrontMatterError, match="translation.status is 'Reviewed'") as raised:
        pseudo_translate(site)
    assert (raised.value.path, raised.value.line) == (path, line)
    assert path.read_bytes() == before


def test_unknown_engine_is_an_error(site):
    path, line = french_page(site, status="machine", engine="google")
    before = path.read_bytes()
    with pytest.raises(FrontMatterError, match="translation.engine is 'google'") as raised:
        pseudo_translate(site)
    assert raised.value.line == line + 1
    assert path.read_bytes() == before


def test_human_page_is_never_rewritten(site):
    # engine: human with status: machine is no page Polyhelp wrote: refused, not regenerated.
    path, _ = french_page(site, status="machine", engine="human")
    before = path.read_bytes()
    with pytest.raises(FrontMatterError, match="engine is human"):
        pseudo_translate(site)
    assert path.read_bytes() == before


def test_record_without_status_is_an_error():
    with pytest.raises(FrontMatterError, match="translation.status is nothing"):
        check_record({"engine": "deepl"}, "---\ntranslation:\n  engine: deepl\n---\n", "p.md")


def test_record_that_is_not_a_block_is_an_error():
    with pytest.raises(FrontMatterError, match="must be a block") as raised:
        check_record("reviewed", "---\ntitle: T\ntranslation: reviewed\n---\n", "p.md")
    assert raised.value.line == 3


def polyhelp(config: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "polyhelp", *args],
        cwd=config.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "command",
    [
        ["status"],
        ["check"],
        ["review", "docs/fr/returns.md"],
        ["build", "--site-dir", "out"],
        ["translate", "--engine", "pseudo"],
    ],
    ids=lambda command: command[0],
)
def test_unknown_status_is_a_one_line_error_in_every_command(site, command):
    path, line = french_page(site, status="approved", engine="human")
    before = path.read_bytes()
    result = polyhelp(site, *command)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert f"docs/fr/returns.md:{line}: translation.status is 'approved'" in result.stderr
    assert path.read_bytes() == before
