"""Interface text in gettext catalogs: complete, consistent with the English, plural by CLDR."""

from __future__ import annotations

import logging
import re

import pytest
from babel.messages.extract import extract_from_dir

from polyhelp.locales import catalog, lookup
from polyhelp.locales.catalog import CatalogError, save
from polyhelp.locales.lookup import as_html
from polyhelp.markets.labels import label
from tests.conftest import REPO, filled_catalog, line_of


@pytest.fixture(autouse=True)
def no_project():
    lookup.use_project(None)
    yield
    lookup.use_project(None)


@pytest.mark.parametrize("locale", ["fr", "de", "es"])
def test_shipped_catalogs_translate_every_entry_with_its_placeholders(locale):
    assert catalog.locale_problems(locale, None, publishing=True) == []
    states = catalog.entry_states(locale, None)
    assert set(states.values()) == {"reviewed"}


def test_code_asks_only_for_keys_the_template_has():
    # Babel's extractor finds the literal keys of message(locale, key) and label(locale, key).
    keywords = {"message": (2,), "label": (2,), "localized": (2,), "text_for": (2,)}
    used = {
        text
        for _, _, text, _, _ in extract_from_dir(
            REPO / "polyhelp", [("**.py", "python")], keywords=keywords
        )
        if isinstance(text, str)
    }
    assert used, "the extractor finds the keys the code names"
    # Babel joins the literals of one argument (`"a" if dark else "b"` gives "ab"): a text
    # made only of template keys names each of them.
    keys = sorted(catalog.template(), key=len, reverse=True)
    only_keys = re.compile("(?:" + "|".join(map(re.escape, keys)) + ")+")
    assert {text for text in used if not only_keys.fullmatch(text)} == set()


def test_a_translation_that_drops_a_placeholder_is_an_error_naming_file_and_line(tmp_path):
    path = filled_catalog(tmp_path, "el", {"stale_text": "Άλλαξε."})
    lookup.use_project(tmp_path)
    with pytest.raises(CatalogError) as raised:
        lookup.check_locales(["en", "el"])
    assert raised.value.path == path  # the line of the entry's msgid
    assert (
        raised.value.line == line_of(path.read_text(encoding="utf-8"), 'msgctxt "stale_text"') + 1
    )
    assert "drops {date}" in raised.value.message


def test_a_translation_that_invents_a_placeholder_is_an_error(tmp_path):
    filled_catalog(tmp_path, "el", {"head.price": "Τιμή {amount}"})
    lookup.use_project(tmp_path)
    with pytest.raises(CatalogError, match=r"'head.price' uses \{amount\}"):
        lookup.check_locales(["el"])


def test_a_locale_without_a_catalog_fails_the_check_saying_what_to_run(tmp_path):
    lookup.use_project(tmp_path)
    with pytest.raises(CatalogError) as raised:
        lookup.check_locales(["en", "fa"])
    assert raised.value.path == tmp_path / "locales" / "fa.po"
    assert "polyhelp locale add fa" in raised.value.message


def test_an_untranslated_entry_fails_the_check_naming_its_line(tmp_path):
    path = filled_catalog(tmp_path, "vi", {"picker.label": ""})
    lookup.use_project(tmp_path)
    with pytest.raises(CatalogError) as raised:
        lookup.check_locales(["vi"])
    assert (
        raised.value.line == line_of(path.read_text(encoding="utf-8"), 'msgctxt "picker.label"') + 1
    )
    assert "'picker.label' is not translated" in raised.value.message


def test_allowed_english_fallback_warns_and_marks_the_english(tmp_path, caplog):
    filled_catalog(tmp_path, "vi", {"picker.label": ""})
    lookup.use_project(tmp_path, frozenset({"vi"}))
    with caplog.at_level(logging.WARNING, logger="polyhelp.locales.lookup"):
        lookup.check_locales(["vi"])
    assert "'picker.label' is not translated" in caplog.text
    assert str(as_html(label("vi", "picker.label"))) == '<span lang="en" dir="ltr">Country</span>'
    assert label("vi", "picker.other") == "T:Other countries"


def test_fallback_allowed_does_not_excuse_a_broken_placeholder(tmp_path):
    filled_catalog(tmp_path, "vi", {"free_from": "miễn phí"})
    lookup.use_project(tmp_path, frozenset({"vi"}))
    with pytest.raises(CatalogError, match="drops {amount}"):
        lookup.check_locales(["vi"])


def test_help_centers_catalog_takes_precedence_over_the_shipped_one(tmp_path):
    filled_catalog(tmp_path, "fr", {"picker.label": "Votre pays"})
    lookup.use_project(tmp_path)
    assert label("fr", "picker.label") == "Votre pays"
    lookup.use_project(None)
    assert label("fr", "picker.label") == "Pays"


@pytest.mark.parametrize(
    ("locale", "count", "words"),
    [
        ("en", 0, "0 working days"),
        ("en", 1, "1 working day"),
        ("fr", 0, "0\u00a0jour ouvré"),  # French counts zero as one (CLDR)
        ("fr", 2, "2\u00a0jours ouvrés"),
        ("de", 1, "1 Werktag"),
        ("es", 5, "5 días hábiles"),
    ],
)
def test_plural_forms_follow_each_languages_rules(locale, count, words):
    assert label(locale, "working_days", count, n=str(count)) == words


def test_pseudo_entries_cannot_be_published(tmp_path):
    path = filled_catalog(tmp_path, "el")
    made = catalog.load_for_update(path, "el")
    entry = next(m for m in made if m.context == "head.price")
    entry.flags.add("fuzzy")
    entry.user_comments.append("machine: pseudo")
    save(made, path)
    lookup.use_project(tmp_path)
    lookup.check_locales(["el"])  # a preview shows it
    with pytest.raises(CatalogError, match="'head.price' is pseudo-localized"):
        lookup.check_locales(["el"], publishing=True)
    assert catalog.entry_states("el", tmp_path)["head.price"] == "pseudo"


def test_an_entry_whose_english_changed_is_stale(tmp_path):
    path = filled_catalog(tmp_path, "el")
    text = path.read_text(encoding="utf-8").replace('msgid "Country"', 'msgid "Your country"', 1)
    path.write_text(text, encoding="utf-8")
    assert catalog.entry_states("el", tmp_path)["picker.label"] == "stale"
