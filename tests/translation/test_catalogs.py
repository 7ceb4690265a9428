"""Interface text is translated by the same pipeline as pages, and marked as machine text."""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po

from polyhelp.locales import catalog, lookup
from polyhelp.site.mkdocs_config import load_site
from polyhelp.translation.catalogs import from_xml, to_xml
from polyhelp.translation.command import run_translate
from tests.conftest import TINY_MKDOCS, make_site
from tests.fake_deepl import deepl_for_polyhelp
from tests.translation.english_site import KEY, PAGES

GREEK = TINY_MKDOCS.replace(
    "        - {locale: de, name: Deutsch}\n", "        - {locale: el, name: Ελληνικά}\n"
)


@pytest.fixture
def fake(monkeypatch):
    with deepl_for_polyhelp(monkeypatch, KEY) as server:
        yield server


@pytest.fixture
def greek_site(tmp_path):
    lookup.use_project(None)
    yield make_site(tmp_path, pages=PAGES, mkdocs_yml=GREEK)
    lookup.use_project(None)


def translate(config, to, engine="deepl"):
    return list(run_translate(load_site(config)[0], [], to, False, engine, False))


def entries(path):
    with path.open("rb") as handle:
        return {m.context: m for m in read_po(handle) if m.id}


def test_placeholders_travel_as_tags_and_come_back_as_placeholders():
    xml, names = to_xml("Prices include {tax} at {rate} ({source}) & <more>.")
    assert xml == 'Prices include <x id="1"/> at <x id="2"/> (<x id="3"/>) &amp; &lt;more&gt;.'
    answer = 'Τιμές <x id="2"/> με <x id="1"/> (<x id="3"/>) &amp; &lt;b&gt;.'
    assert from_xml(answer, names) == "Τιμές {rate} με {tax} ({source}) & <b>."


@pytest.mark.parametrize(
    "answer",
    [
        'Τιμές <x id="1"/> <x id="2"/>',  # one dropped
        'Τιμές <x id="1"/><x id="1"/><x id="2"/><x id="3"/>',  # one repeated
        'Τιμές <x id="1"/><x id="2"/><x id="3"/><x id="4"/>',  # one invented
        'Τιμές <b>x</b><x id="1"/><x id="2"/><x id="3"/>',  # another tag
        'Τιμές <x id="1"/><x id="2"/>\n<x id="3"/>',  # a line break
        None,
    ],
)
def test_an_answer_that_changes_the_placeholders_is_refused(answer):
    _, names = to_xml("Prices include {tax} at {rate} ({source}).")
    assert from_xml(answer, names) is None


def test_translate_fills_a_new_locales_catalog_as_machine_translations(greek_site, fake):
    lines = translate(greek_site, "el")
    path = greek_site.parent / "locales" / "el.po"
    assert any("interface: wrote" in line and "el.po" in line for line in lines)
    written = entries(path)
    assert set(written) == set(catalog.template())
    stale = written["stale_text"]
    assert stale.fuzzy and "machine: deepl" in stale.user_comments
    assert "{date}" in stale.string and "<x" not in stale.string
    assert set(catalog.entry_states("el", greek_site.parent).values()) == {"machine"}
    assert catalog.locale_problems("el", greek_site.parent, publishing=True) == []
    sent = fake.translate_requests
    assert not any("interface" in line for line in translate(greek_site, "el"))
    assert fake.translate_requests == sent, "a second run sends nothing"


def test_a_refused_answer_leaves_the_entry_to_translate(greek_site, fake):
    fake.rewrite = lambda source, text: text.replace('<x id="1"/>', "")
    lines = translate(greek_site, "el")
    states = catalog.entry_states("el", greek_site.parent)
    assert states["site_name"] == "missing", "{shop} came back dropped: not written"
    assert states["head.price"] == "machine"
    assert any("'site_name': the answer changed its placeholders" in line for line in lines)
    fake.rewrite = None
    translate(greek_site, "el")
    assert catalog.entry_states("el", greek_site.parent)["site_name"] == "machine"


def test_a_reviewed_entry_is_never_replaced_and_a_changed_english_makes_it_stale(greek_site, fake):
    translate(greek_site, "el")
    path = greek_site.parent / "locales" / "el.po"
    text = path.read_text(encoding="utf-8")
    # A reviewer approves one entry (as Weblate does: the fuzzy flag goes), with their words.
    start = text.index('msgctxt "picker.label"')
    block = text[text.rindex("\n\n", 0, start) : text.index("\n\n", start)]
    reviewed = "\n\n" + 'msgctxt "picker.label"\nmsgid "Your country"\nmsgstr "Χώρα"'
    path.write_text(text.replace(block, reviewed), encoding="utf-8")
    lines = translate(greek_site, "el")
    assert entries(path)["picker.label"].string == "Χώρα"
    assert "el: interface: stale (reviewed, English changed since): picker.label" in lines


def test_pseudo_fills_the_catalog_and_deepl_replaces_the_pseudo_entries(greek_site, fake):
    translate(greek_site, "el", engine="pseudo")
    assert set(catalog.entry_states("el", greek_site.parent).values()) == {"pseudo"}
    assert fake.translate_requests == 0
    translate(greek_site, "el")
    assert set(catalog.entry_states("el", greek_site.parent).values()) == {"machine"}


def test_plural_entries_get_every_form_of_the_locale(tmp_path, fake):
    persian = TINY_MKDOCS.replace(
        "        - {locale: de, name: Deutsch}\n", "        - {locale: fa, name: فارسی}\n"
    )
    config = make_site(tmp_path, pages=PAGES, mkdocs_yml=persian)
    translate(config, "fa", engine="pseudo")
    days = entries(tmp_path / "locales" / "fa.po")["working_days"]
    assert len(days.string) == 1  # Persian has one plural form (CLDR)
    assert "{n}" in days.string[0]


def test_shipped_locales_get_no_catalog_of_their_own(tmp_path, fake):
    config = make_site(tmp_path, pages=PAGES)
    translate(config, "fr")
    assert not (tmp_path / "locales").exists()


def test_a_dry_run_says_what_it_would_send_and_writes_nothing(greek_site, fake):
    lines = list(run_translate(load_site(greek_site)[0], [], "el", True, "deepl", False))
    assert any(line.startswith("el: would send") and "interface texts" in line for line in lines)
    assert not (greek_site.parent / "locales").exists()
    assert fake.translate_requests == 0
