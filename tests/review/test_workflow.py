"""Human review in git: states from the files, honest labels in the built site, status, review."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from polyhelp.content import frontmatter
from polyhelp.review.gate import values_hash
from polyhelp.review.qa import segment_key
from polyhelp.review.states import site_states
from polyhelp.site.build import build_site
from polyhelp.site.mkdocs_config import load_site
from polyhelp.translation.segment import segment
from tests.conftest import make_site, page_text

ENGLISH = {
    "en/index.md": ("home", "Help center", "## Welcome\n\nSee [returns](returns.md).\n"),
    "en/returns.md": (
        "guide",
        "Returns",
        "## Returning an item\n\nReturns are free within 30 days.\n\nUse the label.\n",
    ),
    "en/refunds.md": ("guide", "Refunds", "## Timing\n\nWe refund within 14 days.\n"),
    "en/faq.md": ("faq", "FAQ", "Answers.\n\n## Can I return a gift?\n\nYes, within 30 days.\n"),
}
NAV_PAGES = ["returns.md", "refunds.md", "faq.md", "privacy.md"]


def english_hash(root: Path, name: str) -> str:
    return segment((root / "docs" / "en" / name).read_text("utf-8")).source_hash()


def translated(root: Path, locale: str, name: str, page_type: str, title: str, body: str, **block):
    path = root / "docs" / locale / name
    path.parent.mkdir(parents=True, exist_ok=True)
    text = page_text(page_type, title, body)
    if block.get("status") == "reviewed":  # as `review --accept` records it
        block["reviewed_values_hash"] = values_hash(text, path)
    if block:
        text = frontmatter.set_block(text, "translation", block)
    path.write_text(text, encoding="utf-8")
    return path


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def help_center(tmp_path) -> Path:
    """English pages committed in git on 2026-03-04, then French and German in every state."""
    pages = dict(ENGLISH)
    pages["en/privacy.md"] = ("legal", "Privacy", "## Your rights\n\nAsk us within 30 days.\n")
    config = make_site(tmp_path / "help", pages=pages)
    config.write_text(
        config.read_text().replace("      - faq.md\n", "      - faq.md\n      - privacy.md\n"),
        encoding="utf-8",
    )
    root = config.parent
    git(root, "init", "-q")
    git(root, "config", "user.name", "Rita Reviewer")
    git(root, "config", "user.email", "rita@example.test")
    git(root, "add", ".")
    env_date = {
        "GIT_COMMITTER_DATE": "2026-03-04T10:00:00",
        "GIT_AUTHOR_DATE": "2026-03-04T10:00:00",
    }
    subprocess.run(
        ["git", "commit", "-qm", "English"], cwd=root, check=True, env={**_env(), **env_date}
    )
    current = {name: english_hash(root, name) for name in ["index.md", *NAV_PAGES]}
    reviewed = {
        "status": "reviewed",
        "engine": "human",
        "reviewed_by": "A",
        "reviewed_at": "2026-03-05",
    }
    translated(
        root,
        "fr",
        "index.md",
        "home",
        "Aide",
        "## Bienvenue\n\nVoir [retours](returns.md).\n",
        source_hash=current["index.md"],
        reviewed_source_hash=current["index.md"],
        **reviewed,
    )
    translated(
        root,
        "fr",
        "returns.md",
        "guide",
        "Retours",
        "## Retourner un article\n\nRetours gratuits sous 30 jours.\n\nUtilisez l’étiquette.\n",
        source_hash=current["returns.md"],
        status="machine",
        engine="deepl",
    )
    translated(
        root,
        "fr",
        "refunds.md",
        "guide",
        "Remboursements",
        "## Délai\n\nNous remboursons sous 14 jours.\n",
        source_hash="0000000000000000",
        status="reviewed",
        engine="human",
        reviewed_source_hash="0000000000000000",
    )
    translated(
        root,
        "fr",
        "privacy.md",
        "legal",
        "Confidentialité",
        "## Vos droits\n\nDemandez-nous sous 30 jours.\n",
        source_hash=current["privacy.md"],
        status="machine",
        engine="deepl",
    )
    translated(
        root,
        "de",
        "privacy.md",
        "legal",
        "Datenschutz",
        "## Ihre Rechte\n\nFragen Sie uns binnen 30 Tagen.\n",
        source_hash=current["privacy.md"],
        reviewed_source_hash=current["privacy.md"],
        **reviewed,
    )
    translated(
        root,
        "de",
        "faq.md",
        "faq",
        "FAQ",
        "Antworten.\n\n## Geschenk?\n\nJa, 30 Tage.\n",
        source_hash=current["faq.md"],
        status="machine",
        engine="pseudo",
    )
    return config


def _env() -> dict:
    import os

    return dict(os.environ)


def states_of(config: Path) -> dict[str, str]:
    site, _ = load_site(config)
    return {f"{s.locale}/{s.name}": s.state for s in site_states(site)}


# --- states ------------------------------------------------------------------------------


def test_each_state_is_derived_from_the_files(help_center):
    states = states_of(help_center)
    assert states["fr/index.md"] == "reviewed"
    assert states["fr/returns.md"] == "machine"
    assert states["fr/refunds.md"] == "stale"
    assert states["fr/faq.md"] == "missing"
    assert states["de/faq.md"] == "pseudo"
    assert states["de/privacy.md"] == "reviewed"


def test_editing_the_english_makes_its_translations_stale(help_center):
    english = help_center.parent / "docs" / "en" / "returns.md"
    english.write_text(english.read_text().replace("30 days", "45 days"), encoding="utf-8")
    assert states_of(help_center)["fr/returns.md"] == "stale"


# --- what customers see ------------------------------------------------------------------


def built(config: Path, tmp_path: Path) -> Path:
    pseudo = config.parent / "docs" / "de" / "faq.md"
    pseudo.unlink()  # polyhelp build refuses pseudo pages; tested elsewhere
    return build_site(config, site_dir=tmp_path / "site").site_dir


def test_machine_guide_is_published_with_a_localized_notice_and_a_link_to_english(
    help_center, tmp_path
):
    page = (built(help_center, tmp_path) / "fr" / "returns" / "index.html").read_text("utf-8")
    notice = re.search(r'<aside class="[^"]*polyhelp-machine"[^>]*>(.*?)</aside>', page, re.S)
    assert notice, "machine notice present"
    assert 'role="note"' in page and 'aria-label="Traduction automatique"' in page
    assert "traduite automatiquement" in notice.group(1)
    assert 'href="../../returns/"' in notice.group(1)
    assert "Retourner un article" in page


def test_stale_guide_says_since_when_in_the_page_language(help_center, tmp_path):
    page = (built(help_center, tmp_path) / "fr" / "refunds" / "index.html").read_text("utf-8")
    assert "La version anglaise de cette page a changé le 4 mars 2026" in page
    assert "polyhelp-stale" in page


def test_legal_page_shows_only_reviewed_text_otherwise_english(help_center, tmp_path):
    site = built(help_center, tmp_path)
    french = (site / "fr" / "privacy" / "index.html").read_text("utf-8")
    assert "Demandez-nous" not in french, "machine text of a legal page never reaches customers"
    assert "La version anglaise ci-dessous fait foi." in french
    english = re.search(
        r'<div class="polyhelp-fallback-content" lang="en" dir="ltr">(.*?)</div>', french, re.S
    )
    assert english and "Ask us within 30 days." in english.group(1)
    assert '<link rel="canonical" href="https://help.example.test/privacy/">' in french
    assert '<link rel="alternate" hreflang="fr"' not in french, "not announced in French"
    assert "https://help.example.test/fr/privacy/" not in (site / "sitemap.xml").read_text()
    assert "https://help.example.test/de/privacy/" in (site / "sitemap.xml").read_text()
    german = (site / "de" / "privacy" / "index.html").read_text("utf-8")
    assert "Fragen Sie uns binnen 30 Tagen." in german and "polyhelp-notice" not in german


def test_reviewed_page_has_no_notice(help_center, tmp_path):
    page = (built(help_center, tmp_path) / "fr" / "index.html").read_text("utf-8")
    assert "polyhelp-notice" not in page


def test_status_page_for_writers_is_built_but_hidden_from_customers(help_center, tmp_path):
    site = built(help_center, tmp_path)
    page = (site / "translation-status" / "index.html").read_text("utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "fr/refunds" in page or "refunds.md" in page
    assert "translation-status" not in (site / "sitemap.xml").read_text("utf-8")
    for index in site.rglob("lunr_index.json"):
        assert "translation-status" not in index.read_text("utf-8")
    assert "translation-status" not in (site / "index.html").read_text("utf-8")


# --- polyhelp status ---------------------------------------------------------------------


def polyhelp(config: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "polyhelp", *args, "-f", str(config)],
        cwd=config.parent,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_status_json_lists_every_page_with_its_state_and_totals(help_center):
    result = polyhelp(help_center, "status", "--format", "json")
    data = json.loads(result.stdout)
    assert set(data["locales"]) == {"fr", "de"}
    assert data["locales"]["fr"]["pages"] == {
        "reviewed": 1,
        "machine": 2,
        "stale": 1,
        "missing": 1,
        "pseudo": 0,
    }
    assert {
        "locale": "fr",
        "page": "refunds.md",
        "state": "stale",
        "type": "guide",
        "words": 9,  # title 1, description 2, heading 1, paragraph 5
        "fails_qa": False,
    } in data["pages"]
    assert 0 < data["locales"]["fr"]["reviewed_percent"] < 100


def test_status_fails_on_the_states_asked_for(help_center):
    assert polyhelp(help_center, "status", "--fail-on", "stale").returncode == 1
    assert polyhelp(help_center, "status", "--fail-on", "stale:legal").returncode == 0
    default = polyhelp(help_center, "status")
    assert default.returncode == 1, "pseudo fails by default"
    assert "polyhelp: pseudo: de/faq.md" in default.stderr


# --- polyhelp review ---------------------------------------------------------------------


def test_review_shows_the_english_change_word_by_word_since_the_translation(help_center):
    root = help_center.parent
    english = root / "docs" / "en" / "returns.md"
    english.write_text(english.read_text().replace("within 30 days", "within 45 days"), "utf-8")
    result = polyhelp(help_center, "review", "docs/fr/returns.md")
    assert result.returncode == 0, result.stderr
    assert "Returns are free within [-30-] {+45+} days." in result.stdout


def test_review_accept_records_who_and_when(help_center):
    result = polyhelp(help_center, "review", "docs/fr/returns.md", "--accept")
    assert result.returncode == 0, result.stderr
    block = frontmatter.read(help_center.parent / "docs" / "fr" / "returns.md").meta["translation"]
    assert block["status"] == "reviewed" and block["reviewed_by"] == "Rita Reviewer"
    assert block["reviewed_source_hash"] == block["source_hash"]
    assert states_of(help_center)["fr/returns.md"] == "reviewed"


def accept_despite_qa(config: Path, page: str, reason: str) -> subprocess.CompletedProcess:
    return polyhelp(config, "review", page, "--accept", "--by", "Sam", "--despite-qa", reason)


def test_review_refuses_a_page_that_fails_qa_unless_told_why(help_center):
    page = help_center.parent / "docs" / "fr" / "returns.md"
    page.write_text(page.read_text().replace("30 jours", "trente jours"), "utf-8")
    refused = polyhelp(help_center, "review", "docs/fr/returns.md", "--accept", "--by", "Sam")
    assert refused.returncode == 1
    assert "QA error" in refused.stderr and "30" in refused.stderr
    assert states_of(help_center)["fr/returns.md"] == "machine"
    forced = accept_despite_qa(help_center, "docs/fr/returns.md", "number written out on purpose")
    assert forced.returncode == 0, forced.stderr
    assert "1 accepted QA findings recorded" in forced.stdout
    block = frontmatter.read(page).meta["translation"]
    assert block["reviewed_by"] == "Sam"
    assert "qa_override" not in block


def test_accepting_despite_qa_records_exactly_that_finding(help_center):
    root = help_center.parent
    page = root / "docs" / "fr" / "returns.md"
    page.write_text(page.read_text().replace("30 jours", "trente jours"), "utf-8")
    assert accept_despite_qa(help_center, "docs/fr/returns.md", "spelled out").returncode == 0
    paragraph = segment((root / "docs" / "en" / "returns.md").read_text("utf-8")).segments[3]
    assert paragraph.source == "Returns are free within 30 days."
    block = frontmatter.read(page).meta["translation"]
    assert block["accepted_findings"] == [
        {
            "rule": "numbers",
            "segment": segment_key(paragraph),
            "value": "30 (missing)",
            "reason": "spelled out",
        }
    ]
    assert re.fullmatch(r"[0-9a-f]{16}", block["reviewed_values_hash"])


def test_an_accepted_finding_stays_accepted_and_a_new_one_fails(help_center):
    page = help_center.parent / "docs" / "fr" / "returns.md"
    page.write_text(page.read_text().replace("30 jours", "trente jours"), "utf-8")
    assert accept_despite_qa(help_center, "docs/fr/returns.md", "spelled out").returncode == 0
    # Reworded, and on other lines: the same finding, still accepted.
    text = page.read_text().replace("Retours gratuits", "\nLes retours sont gratuits")
    page.write_text(text, "utf-8")
    # --no-literal-facts: this tiny site types its durations by hand, another rule.
    checked = polyhelp(help_center, "check", "--show-accepted", "--no-literal-facts")
    assert checked.returncode == 0, checked.stdout
    assert "docs/fr/returns.md:" in checked.stdout and "accepted: spelled out" in checked.stdout
    assert checked.stdout.splitlines()[-1] == "0 errors, 1 accepted findings"
    quiet = polyhelp(help_center, "check", "--no-literal-facts")
    assert "number 30" not in quiet.stdout, "accepted findings are not listed unless asked"
    # A new finding on the same page fails, and reviewing again does not accept it silently.
    page.write_text(text.replace("l’étiquette", "l’[étiquette](labels.md)"), "utf-8")
    failed = polyhelp(help_center, "check")
    assert failed.returncode == 1
    assert "error: link target labels.md is not in the English" in failed.stdout
    again = polyhelp(help_center, "review", "docs/fr/returns.md", "--accept", "--by", "Sam")
    assert again.returncode == 1 and "1 QA error(s)" in again.stderr
    assert "labels.md" in again.stderr


def test_reviewing_again_keeps_the_findings_accepted_before(help_center):
    page = help_center.parent / "docs" / "fr" / "returns.md"
    page.write_text(page.read_text().replace("30 jours", "trente jours"), "utf-8")
    assert accept_despite_qa(help_center, "docs/fr/returns.md", "spelled out").returncode == 0
    page.write_text(page.read_text().replace("Utilisez", "Imprimez"), "utf-8")
    again = polyhelp(help_center, "review", "docs/fr/returns.md", "--accept", "--by", "Ana")
    assert again.returncode == 0, again.stderr
    block = frontmatter.read(page).meta["translation"]
    assert block["reviewed_by"] == "Ana"
    assert [entry["reason"] for entry in block["accepted_findings"]] == ["spelled out"]


# --- machine translations that fail QA are not published -----------------------------------


def failing_machine_page(config: Path) -> Path:
    """The machine-translated French returns guide, with a number QA finds missing."""
    page = config.parent / "docs" / "fr" / "returns.md"
    page.write_text(page.read_text("utf-8").replace("30 jours", "31 jours"), "utf-8")
    (config.parent / "docs" / "de" / "faq.md").unlink()  # pseudo: the build refuses it
    return page


def test_machine_page_failing_qa_is_published_as_english_with_its_notice(help_center):
    failing_machine_page(help_center)
    result = polyhelp(help_center, "build", "--site-dir", "out")
    assert result.returncode == 0, result.stderr
    assert re.search(
        r"^INFO +- +fr/returns\.md: machine translation not published, it fails QA "
        r"\(1 errors; first: docs/fr/returns\.md:\d+: error: number 30 of the English is "
        r"missing",
        result.stderr,
        re.M,
    ), result.stderr
    site = help_center.parent / "out"
    page = (site / "fr" / "returns" / "index.html").read_text("utf-8")
    assert "31 jours" not in page and "Retourner un article" not in page
    assert "Pas encore traduite" in page and 'role="note"' in page
    english = re.search(
        r'<div class="polyhelp-fallback-content" lang="en"[^>]*>(.*?)</div>', page, re.S
    )
    assert english and "Returns are free within 30 days." in english.group(1)
    assert '<link rel="canonical" href="https://help.example.test/returns/">' in page
    assert "https://help.example.test/fr/returns/" not in (site / "sitemap.xml").read_text()


def test_status_lists_a_machine_page_that_fails_qa(help_center):
    failing_machine_page(help_center)
    table = polyhelp(help_center, "status", "--locale", "fr")
    assert "  machine  fr/returns.md (guide), fails QA: the English page is shown" in (
        table.stdout.splitlines()
    )
    pages = json.loads(polyhelp(help_center, "status", "--format", "json").stdout)["pages"]
    flagged = [(p["locale"], p["page"]) for p in pages if p["fails_qa"]]
    assert flagged == [("fr", "returns.md")]


# --- one sentence of a reviewed paragraph ------------------------------------------------

REVIEWED_EN = (
    "Print your return label in your account. Pack the item in its box. "
    "Drop the parcel at a post office."
)
REVIEWED_FR = (
    "Imprimez votre étiquette de retour dans votre compte. Emballez l’article dans sa boîte. "
    "Déposez le colis dans un bureau de poste."
)


@pytest.fixture
def reviewed_paragraph(tmp_path, monkeypatch):
    """A French page a person wrote, adopted as reviewed, committed; then the English changed."""
    from tests.fake_deepl import FakeDeepL, fast_sdk_retries

    pages = {
        "en/index.md": ("guide", "Returns", f"## Sending it back\n\n{REVIEWED_EN}\n"),
        "fr/index.md": ("guide", "Retours", f"## Le renvoyer\n\n{REVIEWED_FR}\n"),
    }
    config = make_site(tmp_path / "help", pages=pages)
    root = config.parent
    with FakeDeepL("review-key:fx") as fake, fast_sdk_retries(max_retries=1):
        monkeypatch.setenv("DEEPL_AUTH_KEY", "review-key:fx")
        monkeypatch.setenv("DEEPL_SERVER_URL", fake.url)
        run = polyhelp(config, "translate", "--to", "fr", "--adopt-existing")
        assert run.returncode == 0, run.stderr
        git(root, "init", "-q")
        git(root, "add", ".")
        git(root, "-c", "user.name=A", "-c", "user.email=a@example.test", "commit", "-qm", "x")
        yield config, fake


def translate_fr(config: Path) -> None:
    run = polyhelp(config, "translate", "--to", "fr")
    assert run.returncode == 0, run.stderr


def test_a_changed_sentence_of_a_reviewed_paragraph_alone_is_sent(reviewed_paragraph):
    config, fake = reviewed_paragraph
    english = config.parent / "docs" / "en" / "index.md"
    english.write_text(english.read_text().replace("in its box", "in any sturdy box"), "utf-8")
    translate_fr(config)
    assert fake.texts == ["Pack the item in any sturdy box."]
    assert fake.contexts == [
        "Print your return label in your account. Drop the parcel at a post office."
    ]
    texts = len(fake.texts)
    translate_fr(config)  # the reviewer has not looked yet: nothing more to send
    assert len(fake.texts) == texts


def test_review_shows_the_changed_sentence_and_keeps_the_reviewed_ones(reviewed_paragraph):
    config, _ = reviewed_paragraph
    english = config.parent / "docs" / "en" / "index.md"
    english.write_text(english.read_text().replace("in its box", "in any sturdy box"), "utf-8")
    translate_fr(config)
    result = polyhelp(config, "review", "docs/fr/index.md")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Pack the item in [-its-] {+any sturdy+} box." in out
    assert "Print your return label" not in out  # unchanged sentences are not re-read
    suggestion = (
        "Imprimez votre étiquette de retour dans votre compte. "
        "PACK·fr THE·fr ITEM·fr IN·fr ANY·fr STURDY·fr BOX·fr. "
        "Déposez le colis dans un bureau de poste."
    )
    assert f"machine suggestion:\n    {suggestion}" in out


def test_a_reviewed_paragraph_that_does_not_align_by_sentence_is_suggested_whole(
    reviewed_paragraph,
):
    config, fake = reviewed_paragraph
    root = config.parent
    french = root / "docs" / "fr" / "index.md"
    # Two sentences where the English has three: which one says what cannot be told.
    french.write_text(french.read_text().replace(" Emballez l’article dans sa boîte.", ""), "utf-8")
    git(root, "-c", "user.name=A", "-c", "user.email=a@example.test", "commit", "-qam", "y")
    english = root / "docs" / "en" / "index.md"
    english.write_text(english.read_text().replace("in its box", "in any sturdy box"), "utf-8")
    translate_fr(config)
    assert fake.texts == [REVIEWED_EN.replace("in its box", "in any sturdy box")]
    result = polyhelp(config, "review", "docs/fr/index.md")
    assert result.returncode == 0, result.stderr
    assert "does not align with its English sentence by sentence" in result.stdout
    assert "PRINT·fr YOUR·fr RETURN·fr" in result.stdout  # the whole paragraph, by machine
