"""The QA gate: every finding fails but those a reviewer accepted one by one, on the real pages."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from polyhelp.content import frontmatter
from polyhelp.errors import FrontMatterError
from polyhelp.review.gate import (
    STARTER_REASON,
    acceptances,
    check_site,
    migrate_site,
    page_findings,
)
from polyhelp.site.mkdocs_config import load_site
from polyhelp.translation.glossary import load_settings
from tests.conftest import REPO, copy_help_center, line_of, replace_once

FAQ = Path("docs/fr/policies/faq.md")


@pytest.fixture
def repository(tmp_path) -> Path:
    """A copy of the repository's help center; returns its mkdocs.yml."""
    return copy_help_center(tmp_path)


def check_quiet(config: Path) -> subprocess.CompletedProcess:
    """The check step of .ci/run, run in the copy."""
    return subprocess.run(
        [sys.executable, "-m", "polyhelp", "check", "--quiet"],
        cwd=config.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_ci_runs_the_quiet_check_and_fails_with_it():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in ci
    assert re.search(r"^\.venv/bin/polyhelp check --quiet$", ci, re.M)


def test_the_repository_has_no_qa_error_and_counts_its_accepted_findings():
    site, _ = load_site(REPO / "mkdocs.yml")
    findings = check_site(site, load_settings(site.data_dir))
    assert [str(f) for f in findings if f.severity != "accepted"] == []
    assert len(findings) == 202  # the starter translations, until they are re-aligned


def test_phishing_link_in_a_reviewed_translation_fails_check(repository):
    assert check_quiet(repository).returncode == 0
    faq = repository.parent / FAQ
    text = replace_once(faq, "(https://www.cnil.fr)", "(https://evil.example.net/)")
    result = check_quiet(repository)
    assert result.returncode == 1
    line = line_of(text, "(https://evil.example.net/)")
    assert (
        f"docs/fr/policies/faq.md:{line}: error: link target https://evil.example.net/ is not "
        "in the English" in result.stdout
    )
    assert "[reviewed-values]" in result.stdout
    assert "0 errors" not in result.stdout.splitlines()[-1]


def test_changed_number_in_a_reviewed_translation_fails_check(repository):
    faq = repository.parent / FAQ
    # "10 ans" is written twice: QA against the English alone cannot see one of them change.
    replace_once(faq, "conservées 10 ans, les", "conservées 5 ans, les")
    result = check_quiet(repository)
    assert result.returncode == 1
    line = next(line for line in result.stdout.splitlines() if "[reviewed-values]" in line)
    assert line.startswith("docs/fr/policies/faq.md:")
    assert "numbers, placeholders, code or HTML changed since this page was reviewed" in line
    assert "polyhelp review docs/fr/policies/faq.md --accept" in line


def test_a_changed_value_names_what_changed_when_git_has_the_reviewed_page(repository):
    root = repository.parent
    for command in (["init", "-q"], ["add", "docs"], ["commit", "-qm", "pages"]):
        subprocess.run(
            ["git", "-c", "user.name=T", "-c", "user.email=t@example.test", *command],
            cwd=root,
            check=True,
        )
    replace_once(root / FAQ, "(https://www.cnil.fr)", "(https://evil.example.net/)")
    result = check_quiet(repository)
    assert "(added: https://evil.example.net/; removed: https://www.cnil.fr)" in result.stdout


def test_migration_records_each_finding_of_a_blanket_override(repository):
    faq = repository.parent / FAQ
    original = frontmatter.read(faq, None).meta["translation"]
    block = {
        key: value
        for key, value in original.items()
        if key not in ("accepted_findings", "reviewed_values_hash")
    }
    block["qa_override"] = "adopted hand-written translation, not checked against the English"
    faq.write_text(frontmatter.set_block(faq.read_text("utf-8"), "translation", block), "utf-8")
    before = check_quiet(repository)
    assert before.returncode == 1
    assert "translation.qa_override accepts every QA finding at once" in before.stdout
    site, _ = load_site(repository)
    assert migrate_site(site, STARTER_REASON) == [(faq, 4)]
    assert frontmatter.read(faq, None).meta["translation"] == original
    assert check_quiet(repository).returncode == 0
    assert migrate_site(site, STARTER_REASON) == [], "a second run changes nothing"


def test_check_summary_says_how_many_accepted_findings_remain(repository):
    result = check_quiet(repository)
    assert result.stdout.splitlines() == [
        "0 errors, 202 accepted findings (--show-accepted lists them)"
    ]


def test_malformed_accepted_findings_are_an_error_naming_the_line(repository):
    faq = repository.parent / FAQ
    text = faq.read_text("utf-8").replace("    segment: page\n", "    segmnt: page\n", 1)
    faq.write_text(text, "utf-8")
    with pytest.raises(FrontMatterError, match="entry 1: expected exactly the keys") as error:
        meta = frontmatter.read(faq, None).meta
        acceptances(meta["translation"], text, faq)
    assert error.value.line == text.splitlines().index("  accepted_findings:") + 1


def test_a_finding_accepted_on_one_page_is_not_accepted_on_another(repository):
    root = repository.parent
    french, spanish = root / FAQ, root / "docs/es/policies/faq.md"
    english = (root / "docs/en/policies/faq.md").read_text("utf-8")
    settings = load_settings(root / "data")
    # The French page lacks one of the two privacy.md links, accepted there; the same on the
    # Spanish page is not accepted.
    replace_once(spanish, "nuestra [política de privacidad](privacy.md)", "nuestra política")
    findings = page_findings(english, spanish.read_text("utf-8"), "es", spanish, settings)
    errors = [f.identity for f in findings if f.severity == "error"]
    assert ("links", "page", "privacy.md (1 of 2)") in errors
    french_findings = page_findings(english, french.read_text("utf-8"), "fr", french, settings)
    assert ("links", "page", "privacy.md (1 of 2)") in [f.identity for f in french_findings]
    assert all(f.severity == "accepted" for f in french_findings)
