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
)
from polyhelp.review.states import site_states
from polyhelp.site.mkdocs_config import load_site
from polyhelp.translation.glossary import load_settings
from tests.conftest import REPO, copy_help_center, line_of, make_site, replace_once

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


def test_the_repository_has_no_qa_error_but_where_the_english_moved_on():
    """Reviewed translations of the current English are clean; only a translation its English
    changed under (stale, waiting for its reviewer) may differ from it."""
    site, _ = load_site(REPO / "mkdocs.yml")
    findings = check_site(site, load_settings(site.data_dir))
    stale = {state.path for state in site_states(site) if state.state == "stale" and state.path}
    assert [str(f) for f in findings if f.severity == "error" and f.path not in stale] == []


def errors_about(result: subprocess.CompletedProcess, page: Path) -> list[str]:
    return [line for line in result.stdout.splitlines() if line.startswith(f"{page}:")]


def test_phishing_link_in_a_reviewed_translation_fails_check(repository):
    faq = repository.parent / FAQ
    assert errors_about(check_quiet(repository), FAQ) == []
    link = "sur [vos droits par pays](../markets/index.md)"  # the authorities' pages
    text = replace_once(faq, link, "sur [vos droits par pays](https://evil.example.net/)")
    result = check_quiet(repository)
    assert result.returncode == 1
    line = line_of(text, "(https://evil.example.net/)")
    assert (
        f"docs/fr/policies/faq.md:{line}: error: link target https://evil.example.net/ is not "
        "in the English" in result.stdout
    )
    assert any("[reviewed-values]" in error for error in errors_about(result, FAQ))


@pytest.mark.parametrize(
    ("page", "old", "new"),
    [
        (FAQ, "{{ policies.retention.invoices }}", "5 ans"),  # the data's duration, typed
        (Path("docs/fr/policies/privacy.md"), "l’art. 27 du", "l’art. 72 du"),
    ],
    ids=["faq-retention", "privacy-article"],
)
def test_changed_number_in_a_reviewed_translation_fails_check(repository, page, old, new):
    assert errors_about(check_quiet(repository), page) == []
    replace_once(repository.parent / page, old, new)
    result = check_quiet(repository)
    assert result.returncode == 1
    line = next(line for line in errors_about(result, page) if "[reviewed-values]" in line)
    assert "numbers, placeholders, code or HTML changed since this page was reviewed" in line
    assert f"polyhelp review {page} --accept" in line


def test_a_changed_value_names_what_changed_when_git_has_the_reviewed_page(repository):
    root = repository.parent
    for command in (["init", "-q"], ["add", "docs"], ["commit", "-qm", "pages"]):
        subprocess.run(
            ["git", "-c", "user.name=T", "-c", "user.email=t@example.test", *command],
            cwd=root,
            check=True,
        )
    replace_once(root / "docs/fr/policies/privacy.md", "l’art. 27 du", "l’art. 72 du")
    result = check_quiet(repository)
    assert "(added: 72; removed: 27)" in result.stdout


def test_migration_records_each_finding_of_a_blanket_override(repository):
    faq = repository.parent / FAQ
    replace_once(faq, "sur [vos droits par pays](../markets/index.md)", "sur vos droits par pays")
    original = frontmatter.read(faq, None).meta["translation"]
    block = {key: value for key, value in original.items() if key != "reviewed_values_hash"}
    block["qa_override"] = "adopted hand-written translation, not checked against the English"
    faq.write_text(frontmatter.set_block(faq.read_text("utf-8"), "translation", block), "utf-8")
    before = check_quiet(repository)
    assert "translation.qa_override accepts every QA finding at once" in before.stdout
    site, _ = load_site(repository)
    assert migrate_site(site, STARTER_REASON) == [(faq, 1)]
    record = frontmatter.read(faq, None).meta["translation"]
    assert "qa_override" not in record
    [accepted] = record["accepted_findings"]
    assert accepted["rule"] == "links" and accepted["reason"] == STARTER_REASON
    assert accepted["value"] == "../markets/index.md (missing)"
    after = check_quiet(repository)
    assert errors_about(after, FAQ) == []
    assert re.search(
        r"^\d+ errors, 1 accepted findings \(--show-accepted lists them\)$", after.stdout, re.M
    )
    assert migrate_site(site, STARTER_REASON) == [], "a second run changes nothing"


def test_malformed_accepted_findings_are_an_error_naming_the_line(repository):
    faq = repository.parent / FAQ
    block = dict(frontmatter.read(faq, None).meta["translation"])
    block["accepted_findings"] = [{"rule": "links", "segmnt": "page", "value": "x", "reason": "y"}]
    text = frontmatter.set_block(faq.read_text("utf-8"), "translation", block)
    with pytest.raises(FrontMatterError, match="entry 1: expected exactly the keys") as error:
        acceptances(block, text, faq)
    assert error.value.line == text.splitlines().index("  accepted_findings:") + 1


def test_adopting_hand_written_pages_records_their_findings_one_by_one(tmp_path):
    config = make_site(tmp_path / "help")
    adopted = subprocess.run(
        [sys.executable, "-m", "polyhelp", "translate", "--adopt-existing", "--dry-run"],
        cwd=config.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert adopted.returncode == 0, adopted.stderr
    assert "docs/fr/returns.md: 1 QA findings recorded as accepted" in adopted.stdout
    block = frontmatter.read(config.parent / "docs/fr/returns.md", None).meta["translation"]
    assert "qa_override" not in block
    assert [(entry["rule"], entry["value"]) for entry in block["accepted_findings"]] == [
        ("placeholders", "{{ shop.name }} (missing)")
    ]
    assert check_quiet(config).stdout.splitlines()[-1].startswith("0 errors")
