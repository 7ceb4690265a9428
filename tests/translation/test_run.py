"""polyhelp translate through the real deepl SDK against a local fake DeepL server."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from polyhelp.content import frontmatter
from polyhelp.site.mkdocs_config import load_site
from polyhelp.translation.command import run_translate
from polyhelp.translation.engines import BadKeyError, NetworkError, QuotaError
from tests.conftest import REPO, TINY_MKDOCS, make_site
from tests.fake_deepl import _words as words_in_upper_case
from tests.fake_deepl import deepl_for_polyhelp, fast_sdk_retries

KEY = "test-key:fx"

PAGES = {
    "en/index.md": ("home", "Help center", "## Welcome\n\nSee [returns](returns.md).\n"),
    "en/returns.md": (
        "guide",
        "Returns",
        "## Returning an item\n\nReturns are free within 30 days at {{ shop.name }}.\n\n"
        "Print your return label in your account. Use `NH-123` as reference.\n\n"
        "Pay with PayPal or a card.\n",
    ),
    "en/refunds.md": (
        "guide",
        "Refunds",
        "## Refund timing\n\nWe refund within **14 days**, see [returns](returns.md).\n\n"
        "Refunds go back to your original payment method.\n",
    ),
    "en/faq.md": (
        "faq",
        "FAQ",
        "Quick answers.\n\n## Can I return a gift?\n\nYes, with the gift receipt.\n",
    ),
    # German is written by hand and reviewed; French is machine-translated from scratch.
    "de/index.md": ("home", "Hilfe", "## Willkommen\n\nSiehe [Rücksendungen](returns.md).\n"),
    "de/returns.md": (
        "guide",
        "Rücksendungen",
        "## Artikel zurücksenden\n\nRücksendungen sind 30 Tage lang kostenlos.\n",
    ),
}
GLOSSARY = "do_not_translate:\n  - PayPal\nterms:\n  return label:\n    fr: étiquette de retour\n"
SETTINGS = "formality:\n  fr: prefer_more\n  de: prefer_more\n"


@pytest.fixture
def fake(monkeypatch):
    with deepl_for_polyhelp(monkeypatch, KEY) as server:
        yield server


@pytest.fixture
def site(tmp_path) -> Path:
    config = make_site(tmp_path / "help", pages=PAGES)
    (config.parent / "data" / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    (config.parent / "data" / "translation.yml").write_text(SETTINGS, encoding="utf-8")
    return config


def translate(config: Path, *paths: str, to: str | None = None, engine: str = "deepl", **kw):
    return list(
        run_translate(
            load_site(config)[0],
            list(paths),
            to,
            kw.get("dry_run", False),
            engine,
            kw.get("adopt", False),
        )
    )


def docs(config: Path) -> Path:
    return config.parent / "docs"


def snapshot(config: Path) -> dict[str, bytes]:
    root = config.parent
    return {
        str(p.relative_to(root)): p.read_bytes()
        for folder in ("docs", "translations")
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    }


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- what is written ---------------------------------------------------------------------


def test_first_run_writes_machine_pages_with_their_translation_front_matter(site, fake):
    translate(site, adopt=True)
    page = frontmatter.read(docs(site) / "fr" / "refunds.md")
    assert page.meta["translation"]["status"] == "machine"
    assert page.meta["translation"]["engine"] == "deepl"
    assert len(page.meta["translation"]["source_hash"]) == 16
    assert page.meta["title"] == "REFUNDS·fr"
    assert "We refund within **14·fr DAYS·fr**, see [RETURNS·fr](returns.md)." not in page.body
    assert "WE·fr REFUND·fr WITHIN·fr **14 DAYS·fr**, SEE·fr [RETURNS·fr](returns.md)." in page.body


def test_markdown_code_placeholders_and_protected_terms_come_back_exactly(site, fake):
    translate(site, adopt=True)
    body = (docs(site) / "fr" / "returns.md").read_text(encoding="utf-8")
    assert "{{ shop.name }}" in body
    assert "`NH-123`" in body
    assert "PayPal" in body and "PAYPAL" not in body
    assert "[RETURNS·fr](returns.md)" in (docs(site) / "fr" / "index.md").read_text("utf-8")


def test_glossary_term_and_formality_reach_deepl(site, fake):
    translate(site, adopt=True)
    assert fake.glossaries_created == 1
    glossary = next(iter(fake.glossaries.values()))
    assert glossary["entries"] == {"return label": "étiquette de retour"}
    assert "étiquette de retour" in (docs(site) / "fr" / "returns.md").read_text("utf-8")
    assert fake.last_params["formality"] == "prefer_more"
    assert fake.last_params["tag_handling"] == "xml"


def test_segments_are_batched_not_sent_one_by_one(site, fake):
    translate(site, to="fr")
    assert len(fake.texts) > 10
    assert fake.translate_requests == 1


def test_adding_a_locale_to_mkdocs_yml_creates_its_pages(site, fake):
    site.write_text(
        TINY_MKDOCS.replace(
            "        - {locale: de, name: Deutsch}\n",
            "        - {locale: de, name: Deutsch}\n        - {locale: it, name: Italiano}\n",
        ),
        encoding="utf-8",
    )
    translate(site, to="it")
    assert sorted(p.name for p in (docs(site) / "it").glob("*.md")) == [
        "faq.md",
        "index.md",
        "refunds.md",
        "returns.md",
    ]
    assert fake.last_params["target_lang"] == "IT"


# --- what is sent ------------------------------------------------------------------------


def test_rerun_with_nothing_changed_sends_nothing_and_changes_no_byte(site, fake):
    translate(site, adopt=True)
    before, characters = snapshot(site), fake.characters
    translate(site)
    assert fake.characters == characters
    assert snapshot(site) == before


def test_editing_one_sentence_sends_only_that_sentence_for_each_locale(site, fake):
    translate(site, adopt=True)
    sent_before = len(fake.texts)
    edit(docs(site) / "en" / "refunds.md", "original payment method", "original payment card")
    translate(site)
    new_texts = fake.texts[sent_before:]
    # French re-translates it in place; German is reviewed, so it gets it as a suggestion.
    assert new_texts == ["Refunds go back to your original payment card."] * 2
    assert "ORIGINAL·fr PAYMENT·fr CARD·fr" in (docs(site) / "fr" / "refunds.md").read_text("utf-8")


def test_memory_files_are_sorted_and_deterministic(site, fake, tmp_path):
    translate(site, adopt=True)
    memory = (site.parent / "translations" / "fr.jsonl").read_text("utf-8").splitlines()
    keys = [json.loads(line)["key"] for line in memory]
    assert keys == sorted(keys) and len(keys) == len(set(keys))
    again = make_site(tmp_path / "again", pages=PAGES)
    (again.parent / "data" / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    (again.parent / "data" / "translation.yml").write_text(SETTINGS, encoding="utf-8")
    translate(again, adopt=True)
    for name in ("fr.jsonl", "fr.pages.jsonl"):
        first = (site.parent / "translations" / name).read_bytes()
        assert first == (again.parent / "translations" / name).read_bytes()


def test_unchanged_glossary_creates_no_new_glossary(site, fake):
    translate(site, adopt=True)
    edit(docs(site) / "en" / "returns.md", "a card", "a bank card")
    translate(site)
    assert fake.glossaries_created == 1


# --- never overwrite a human -------------------------------------------------------------


def test_reviewed_page_is_never_changed_and_becomes_stale(site, fake):
    translate(site, adopt=True)
    german = (docs(site) / "de" / "returns.md").read_bytes()
    edit(docs(site) / "en" / "returns.md", "within 30 days", "within 45 days")
    lines = translate(site)
    assert (docs(site) / "de" / "returns.md").read_bytes() == german
    assert "de: stale (reviewed, English changed since): returns.md" in lines
    memory = (site.parent / "translations" / "de.jsonl").read_text("utf-8")
    assert "45 days" in memory, "the fresh machine translation waits as a suggestion"


def test_hand_edited_machine_text_is_kept_even_when_its_english_changes(site, fake):
    translate(site, adopt=True)
    french = docs(site) / "fr" / "refunds.md"
    edit(french, "WE·fr REFUND·fr WITHIN·fr", "Nous remboursons sous")
    edit(docs(site) / "en" / "refunds.md", "within **14 days**", "within **10 days**")
    edit(docs(site) / "en" / "refunds.md", "original payment method", "original card")
    lines = translate(site)
    text = french.read_text("utf-8")
    assert "Nous remboursons sous **14 DAYS·fr**" in text, "the person's words stay"
    assert "ORIGINAL·fr CARD·fr" in text, "untouched machine text follows the English"
    assert any("edited by hand, kept although its English changed" in line for line in lines)


def test_hand_edit_survives_later_runs(site, fake):
    translate(site, to="fr")
    french = docs(site) / "fr" / "faq.md"
    edit(french, "YES·fr, WITH·fr THE·fr GIFT·fr RECEIPT·fr.", "Oui, avec le ticket cadeau.")
    translate(site, to="fr")
    translate(site, to="fr")
    assert "Oui, avec le ticket cadeau." in french.read_text("utf-8")


def test_deleted_english_paragraph_leaves_machine_pages_and_stales_reviewed_ones(site, fake):
    translate(site, adopt=True)
    edit(docs(site) / "en" / "returns.md", "Pay with PayPal or a card.\n", "")
    edit(docs(site) / "en" / "index.md", "See [returns](returns.md).", "See the returns page.")
    lines = translate(site)
    assert "PayPal" not in (docs(site) / "fr" / "returns.md").read_text("utf-8")
    assert "de: stale (reviewed, English changed since): index.md" in lines


# --- machine output is untrusted ---------------------------------------------------------


@pytest.mark.parametrize("damage", ["drop", "swap"])
def test_translation_with_damaged_tags_is_refused_and_english_kept(site, fake, damage):
    fake.wrong_tags = damage
    lines = translate(site, to="fr")
    text = (docs(site) / "fr" / "refunds.md").read_text("utf-8")
    if damage == "drop":
        assert "We refund within **14 days**, see [returns](returns.md)." in text
        assert any("refunds.md" in line and "(English kept)" in line for line in lines)
    else:
        assert "**" in text and "](returns.md)" in text


def test_machine_output_can_never_add_html(site, fake):
    fake.wrong_tags = "inject"
    translate(site, to="fr")
    for page in (docs(site) / "fr").glob("*.md"):
        text = page.read_text("utf-8")
        assert "<script" not in text and "<img" not in text, page


# --- faults: nothing lost ----------------------------------------------------------------


def test_quota_exhausted_midway_keeps_everything_translated_before(site, fake, monkeypatch):
    monkeypatch.setattr("polyhelp.translation.run.MAX_TEXTS", 2)  # several requests for two pages
    fake.quota(200)
    with pytest.raises(QuotaError) as stopped:
        translate(site, "refunds.md", "returns.md", to="fr")
    assert stopped.value.exit_code == 4
    assert "still to translate" in str(stopped.value)
    kept = len(fake.texts)
    assert kept > 0, "some batches were answered before the quota ran out"
    memory = (site.parent / "translations" / "fr.jsonl").read_text("utf-8").splitlines()
    assert len(memory) == kept
    fake.quota(10**9)
    translate(site, "refunds.md", "returns.md", to="fr")
    sent = fake.texts
    assert len(sent) == len(set(sent)), "nothing was sent twice"
    assert (docs(site) / "fr" / "returns.md").exists() and (
        docs(site) / "fr" / "refunds.md"
    ).exists()


def test_bad_key_writes_nothing(site, fake, monkeypatch):
    monkeypatch.setenv("DEEPL_AUTH_KEY", "wrong-key")
    with pytest.raises(BadKeyError) as refused:
        translate(site, to="fr")
    assert refused.value.exit_code == 3
    assert "wrong-key" not in str(refused.value)
    assert not (docs(site) / "fr").exists()
    assert not (site.parent / "translations").exists()


def test_server_errors_outlasting_the_sdk_retries_stop_resumably(site, fake):
    fake.fail_next(500, times=3)  # the SDK sends 3 times (2 retries), all fail
    with pytest.raises(NetworkError) as stopped:
        translate(site, to="fr")
    assert stopped.value.exit_code == 5
    assert fake.requests.count(("POST", "/v2/translate")) == 3
    translate(site, to="fr")
    assert (docs(site) / "fr" / "faq.md").exists()


def test_rate_limit_bursts_are_retried_by_the_sdk(site, fake):
    fake.fail_next(429, times=2)
    translate(site, to="fr")
    assert fake.requests.count(("POST", "/v2/translate")) == 3
    assert (docs(site) / "fr" / "faq.md").exists()


def test_killed_process_loses_nothing_and_rerun_sends_only_the_rest(site, fake):
    environment = {**os.environ, "DEEPL_AUTH_KEY": KEY, "DEEPL_SERVER_URL": fake.url}
    fake.delay = 0.3
    process = subprocess.Popen(
        [sys.executable, "-m", "polyhelp", "translate", "-f", str(site)],
        cwd=site.parent,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    journal_or_memory = [
        site.parent / "translations" / n for n in (".de.journal.jsonl", "de.jsonl")
    ]
    deadline = time.monotonic() + 30
    while not any(p.exists() for p in journal_or_memory) and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    fake.delay = 0
    stored = [
        json.loads(line)["source"]
        for path in journal_or_memory
        if path.exists()
        for line in path.read_text("utf-8").splitlines()
        if line.endswith("}")
    ]
    assert stored, "at least one batch was confirmed before the kill"
    sent_before = len(fake.texts)
    translate(site)
    assert not set(stored) & set(fake.texts[sent_before:]), "nothing stored is sent again"
    for page in docs(site).rglob("*.md"):
        frontmatter.read(page)  # every file is whole
    assert (docs(site) / "fr" / "refunds.md").exists()
    assert not (site.parent / "translations" / ".de.journal.jsonl").exists()


# --- command line ------------------------------------------------------------------------


def polyhelp(site: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "polyhelp", "translate", "-f", str(site), *args],
        cwd=site.parent,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_missing_key_is_one_line_saying_how_to_set_it(site):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DEEPL")}
    result = subprocess.run(
        [sys.executable, "-m", "polyhelp", "translate", "-f", str(site)],
        cwd=site.parent,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "polyhelp: error: DEEPL_AUTH_KEY is not set: export DEEPL_AUTH_KEY=<your DeepL API key> "
        "(or use --engine pseudo to try translation offline)"
    ]


def test_the_key_is_never_printed(site, fake):
    secret = "s3cr3t-key-value:fx"
    result = polyhelp(site, DEEPL_AUTH_KEY=secret, DEEPL_SERVER_URL=fake.url)
    assert result.returncode == 3
    assert secret not in result.stdout + result.stderr
    assert "DeepL refused the key" in result.stderr


def test_quota_exit_code_and_summary_lines(site, fake):
    fake.quota(50)
    result = polyhelp(site, "--to", "fr", DEEPL_AUTH_KEY=KEY, DEEPL_SERVER_URL=fake.url)
    assert result.returncode == 4
    assert "quota exhausted" in result.stderr


def test_dry_run_sends_nothing_and_shows_quota_and_plan(site, fake):
    result = polyhelp(site, "--dry-run", DEEPL_AUTH_KEY=KEY, DEEPL_SERVER_URL=fake.url)
    assert result.returncode == 0, result.stderr
    assert fake.translate_requests == 0
    assert result.stdout.splitlines()[0].startswith("DeepL quota: 0 characters used")
    assert any(line.startswith("fr: would send ") for line in result.stdout.splitlines())
    assert not (docs(site) / "fr").exists()


def test_ci_output_is_plain_summary_lines(site, fake):
    result = polyhelp(site, "--to", "fr", DEEPL_AUTH_KEY=KEY, DEEPL_SERVER_URL=fake.url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("fr: sent ")
    assert "\r" not in result.stdout + result.stderr, "no progress bar when not on a terminal"


def test_help_documents_the_exit_codes():
    result = subprocess.run(
        [sys.executable, "-m", "polyhelp", "translate", "--help"], capture_output=True, text=True
    )
    for code in ("0  done", "3  DeepL refused the key", "4  DeepL quota exhausted", "5  DeepL"):
        assert code in result.stdout


# --- pseudo ------------------------------------------------------------------------------


def test_pseudo_pages_are_marked_and_refused_by_build(site):
    from polyhelp.errors import BuildError
    from polyhelp.site.build import build_site

    translate(site, to="fr", engine="pseudo")
    page = frontmatter.read(docs(site) / "fr" / "faq.md")
    assert page.meta["translation"]["engine"] == "pseudo"
    assert "Çåñ Î ŕéţûŕñ å ĝîfţ?" in page.body
    with pytest.raises(BuildError, match="pseudo-localized page"):
        build_site(site, site_dir=site.parent / "site")


def test_timeouts_outlasting_the_retries_stop_resumably(site, fake):
    fake.delay = 0.5
    with fast_sdk_retries(max_retries=1, timeout=0.2), pytest.raises(NetworkError):
        translate(site, to="fr")
    fake.delay = 0
    translate(site, to="fr")
    assert (docs(site) / "fr" / "faq.md").exists()


def test_a_translation_longer_than_its_english_stays_managed_and_builds(site, fake):
    from polyhelp.site.build import build_site

    english = docs(site) / "en" / "refunds.md"
    long_description = "When and how your money comes back " + "after a return " * 10
    edit(english, "description: About refunds.", f"description: {long_description.strip()}")
    translate(site, to="fr")
    french = frontmatter.read(docs(site) / "fr" / "refunds.md", max_description=None)
    assert len(french.meta["description"]) > 200, "the fake engine makes text longer"
    edit(english, "original payment method", "original card")
    lines = translate(site, to="fr")
    assert not any("left alone" in line for line in lines)
    assert "ORIGINAL·fr CARD·fr" in (docs(site) / "fr" / "refunds.md").read_text("utf-8")
    build_site(site, site_dir=site.parent / "site")


def test_pseudo_never_replaces_a_page_deepl_or_a_person_wrote(site, fake):
    translate(site, to="fr")
    refunds = docs(site) / "fr" / "refunds.md"
    edit(refunds, "REFUNDS·fr GO·fr", "Les remboursements")
    before = snapshot(site)
    lines = translate(site, to="fr", engine="pseudo")
    assert snapshot(site) == before
    assert any(
        "refunds.md: written by deepl; a pseudo draft never replaces it" in line for line in lines
    )


# --- sentence by sentence ------------------------------------------------------------------

SENTENCES = [
    "Print your return label in your account, e.g. on the orders page.",
    "Pack the item in its original box with all its parts.",
    "Drop the parcel at any post office within 30 days.",
]
EDITED = {
    "start": "Print your return label from the link in your confirmation e-mail.",
    "middle": "Pack the item safely, in any sturdy box.",
    "end": "Drop the parcel at any post office or parcel locker within 30 days.",
}


def sentence_site(tmp_path) -> Path:
    body = "## Returning an item\n\n" + " ".join(SENTENCES) + "\n\nNothing else changes here.\n"
    return make_site(tmp_path / "help", pages={"en/index.md": ("guide", "Returns", body)})


@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_a_one_sentence_edit_sends_that_sentence_with_its_paragraph_as_unbilled_context(
    tmp_path, fake, where
):
    config = sentence_site(tmp_path)
    translate(config, to="fr")
    before_texts, before_billed = len(fake.texts), fake.characters
    position = ["start", "middle", "end"].index(where)
    english = docs(config) / "en" / "index.md"
    edit(english, SENTENCES[position], EDITED[where])

    translate(config, to="fr")

    sent = fake.texts[before_texts:]
    assert sent == [EDITED[where]]  # the new sentence alone, as XML (it has no tags)
    billed = fake.characters - before_billed
    assert billed == len(EDITED[where]) <= 1.05 * len(EDITED[where])
    # The rest of the paragraph travelled as context, which the server did not bill.
    rest = [sentence for index, sentence in enumerate(SENTENCES) if index != position]
    assert fake.contexts[-1] == " ".join(rest)
    page = (docs(config) / "fr" / "index.md").read_text(encoding="utf-8")
    translated = [
        "PRINT·fr YOUR·fr RETURN·fr LABEL·fr IN·fr YOUR·fr ACCOUNT·fr, E·fr.G·fr. ON·fr THE·fr "
        "ORDERS·fr PAGE·fr.",
        "PACK·fr THE·fr ITEM·fr IN·fr ITS·fr ORIGINAL·fr BOX·fr WITH·fr ALL·fr ITS·fr PARTS·fr.",
        "DROP·fr THE·fr PARCEL·fr AT·fr ANY·fr POST·fr OFFICE·fr WITHIN·fr 30 DAYS·fr.",
    ]
    translated[position] = words_in_upper_case(EDITED[where], "fr")  # the fake engine's
    assert " ".join(translated) in page


def test_a_rerun_after_a_sentence_edit_sends_nothing_and_rewrites_nothing(tmp_path, fake):
    config = sentence_site(tmp_path)
    translate(config, to="fr")
    edit(docs(config) / "en" / "index.md", SENTENCES[1], EDITED["middle"])
    translate(config, to="fr")
    before, texts = snapshot(config), len(fake.texts)
    translate(config, to="fr")
    assert len(fake.texts) == texts
    assert snapshot(config) == before


def test_a_new_paragraph_is_sent_whole_without_context(tmp_path, fake):
    config = sentence_site(tmp_path)
    translate(config, to="fr")
    assert " ".join(SENTENCES) in fake.texts
    assert set(fake.contexts) == {None}


def test_a_paragraph_stored_whole_by_an_earlier_version_is_reused_as_is(tmp_path, fake):
    # The memory as it was before sentences: one line per paragraph, keyed by its XML.
    config = sentence_site(tmp_path)
    translate(config, to="fr")
    memory = (config.parent / "translations" / "fr.jsonl").read_text(encoding="utf-8")
    assert [json.loads(line)["source"] for line in memory.splitlines()].count(
        " ".join(SENTENCES)
    ) == 1
    before, texts = snapshot(config), len(fake.texts)
    translate(config, to="fr")
    assert len(fake.texts) == texts and snapshot(config) == before


def test_two_edited_sentences_of_one_paragraph_go_in_one_request(tmp_path, fake):
    config = sentence_site(tmp_path)
    translate(config, to="fr")
    english = docs(config) / "en" / "index.md"
    edit(english, SENTENCES[0], EDITED["start"])
    edit(english, SENTENCES[2], EDITED["end"])
    requests = fake.translate_requests
    translate(config, to="fr")
    assert fake.translate_requests == requests + 1
    assert fake.texts[-2:] == [EDITED["start"], EDITED["end"]]
    assert fake.contexts[-1] == SENTENCES[1]


def test_a_paragraph_whose_stored_translation_does_not_align_is_sent_whole(tmp_path, fake):
    config = sentence_site(tmp_path)
    translate(config, to="fr")
    # A stored translation whose sentences cannot be matched with the English ones.
    path = config.parent / "translations" / "fr.jsonl"
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        if line["source"] == " ".join(SENTENCES):
            line["target"] = "Une seule phrase pour trois."
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    edit(docs(config) / "en" / "index.md", SENTENCES[1], EDITED["middle"])
    texts = len(fake.texts)
    translate(config, to="fr")
    assert fake.texts[texts:] == [" ".join([SENTENCES[0], EDITED["middle"], SENTENCES[2]])]
    assert fake.contexts[-1] is None


def test_the_fake_server_refuses_a_context_that_is_not_text(fake):
    import deepl

    translator = deepl.Translator(KEY, server_url=fake.url)
    result = translator.translate_text("Hello", target_lang="FR", context="Said at the door.")
    assert result.text == "HELLO·fr" and fake.characters == len("Hello")
    assert fake.contexts == ["Said at the door."]
    with pytest.raises(deepl.DeepLException):
        translator.translate_text("Hello", target_lang="FR", context=["not", "text"])


def repository_copy(tmp_path) -> Path:
    """This repository's help center (pages, data, memory and page records) in `tmp_path`."""
    root = tmp_path / "help"
    for folder in ("docs", "data", "translations", "hooks", "overrides"):
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns(".*"))
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root / "mkdocs.yml"


def test_translating_the_repository_with_nothing_changed_sends_nothing_and_rewrites_nothing(
    tmp_path, fake
):
    config = repository_copy(tmp_path)
    before = snapshot(config)
    english = docs(config) / "en"
    every_page = sorted(str(path.relative_to(english)) for path in english.rglob("*.md"))
    for locale in ("fr", "de", "es"):
        # A page deliberately left untranslated (README) would be new: it is not asked for.
        translated = [name for name in every_page if (docs(config) / locale / name).is_file()]
        translate(config, *translated, to=locale)
    assert fake.characters == 0 and fake.texts == []
    # Only the lock files git ignores are new.
    after = {name: text for name, text in snapshot(config).items() if "/." not in name}
    assert after == before


def test_a_sentence_added_to_a_paragraph_sends_that_sentence_alone(tmp_path, fake):
    config = sentence_site(tmp_path)
    translate(config, to="fr,de")
    added = "Keep the receipt until we confirm it."
    edit(docs(config) / "en" / "index.md", SENTENCES[1], f"{SENTENCES[1]} {added}")
    texts, billed = len(fake.texts), fake.characters
    translate(config, to="fr,de")
    assert fake.texts[texts:] == [added, added]  # once per locale
    assert fake.characters - billed == 2 * len(added)
    page = (docs(config) / "de" / "index.md").read_text(encoding="utf-8")
    assert "PARTS·de. KEEP·de THE·de RECEIPT·de UNTIL·de WE·de CONFIRM·de IT·de. DROP·de" in page
