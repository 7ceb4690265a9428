"""Per-locale search on the real help center: each locale finds its own pages, stemmed."""

from __future__ import annotations

import json

import pytest

from polyhelp.errors import PolyhelpError
from polyhelp.search.index import build_index
from polyhelp.search.query import LocaleSearch, SearchIndexError, SearchQueryError
from polyhelp.site.material_internals import point_search_at_locale
from polyhelp.site.search import locale_entries, page_documents, search_boost


def searcher(site, prefix: str) -> LocaleSearch:
    return LocaleSearch(site / prefix / "search" / "lunr_index.json")


@pytest.mark.parametrize(
    "prefix, query, first_page",
    [
        ("de/", "Rücksendungen", "returns-refunds/returns/"),
        ("fr/", "rembourser", "returns-refunds/refunds/"),
        ("es/", "devoluciones", "returns-refunds/returns/"),
        ("", "refund", "returns-refunds/refunds/"),
    ],
)
def test_a_customer_finds_the_topic_page_first_in_their_language(
    real_site, prefix, query, first_page
):
    assert searcher(real_site, prefix).pages(query)[0] == first_page


def test_stemming_follows_the_locale(real_site):
    french = searcher(real_site, "fr/")
    # "remboursé", "remboursements" and "rembourser" share the French stem; English
    # stemming would not join them.
    assert french.pages("remboursements")[0] == french.pages("rembourser")[0]


@pytest.mark.parametrize(
    "prefix, foreign_word",
    [
        ("fr/", "Rücksendungen"),
        ("de/", "devoluciones"),
        ("es/", "remboursement"),
        ("", "Rücksendungen"),
    ],
)
def test_a_word_from_another_language_finds_nothing(real_site, prefix, foreign_word):
    assert searcher(real_site, prefix).pages(foreign_word) == []


def test_every_locale_index_has_one_language_and_relative_locations(real_site):
    for prefix, locale in [("", "en"), ("fr/", "fr"), ("de/", "de"), ("es/", "es")]:
        index = json.loads((real_site / prefix / "search" / "lunr_index.json").read_text("utf-8"))
        assert index["lang"] == locale
        assert index["docs"] and not any(
            location.startswith(("fr/", "de/", "es/")) for location, _, _ in index["docs"]
        )


def test_what_every_page_fetches_is_the_search_settings_without_any_document(real_site):
    for prefix, locale in [("", "en"), ("fr/", "fr"), ("de/", "de"), ("es/", "es")]:
        path = real_site / prefix / "search" / "search_index.json"
        settings = json.loads(path.read_text("utf-8"))
        assert settings["config"]["lang"] == [locale] and settings["docs"] == []
        assert path.stat().st_size < 1000


def test_a_page_is_one_document_with_its_sections_words_apart():
    entries = [
        {"location": "shipping/", "title": "Shipping", "text": "<p>We ship to Canada</p>"},
        {"location": "shipping/#costs", "title": "Costs", "text": "<p>Free from $50</p>"},
        {"location": "returns/", "title": "Returns", "text": "", "boost": 1.25},
    ]
    documents = page_documents(entries)
    assert [(d.location, d.text, d.boost) for d in documents] == [
        ("shipping/", "We ship to Canada Costs Free from $50", 1.0),
        ("returns/", "", 1.25),
    ]


def test_locale_entries_keep_only_that_locale_and_rebase_locations():
    entries = [
        {"location": "returns/", "title": "Returns"},
        {"location": "fr/returns/", "title": "Retours"},
        {"location": "de/returns/#x", "title": "Rücksendungen"},
    ]
    assert locale_entries(entries, "fr/", ["de/"]) == [{"location": "returns/", "title": "Retours"}]
    assert locale_entries(entries, "", ["fr/", "de/"]) == [
        {"location": "returns/", "title": "Returns"}
    ]


def test_search_base_points_at_the_locale_root_and_at_polyhelps_worker():
    page = (
        '<script id="__config" type="application/json">'
        '{"base": "../..", "search": "../../assets/javascripts/workers/search.a7633da7.min.js"}'
        "</script>"
    )
    config = json.loads(
        point_search_at_locale(page, "fr")[
            len('<script id="__config" type="application/json">') : -len("</script>")
        ]
    )
    assert config == {
        "base": "../../fr/",
        "search": "../../assets/javascripts/polyhelp-search.js"
        "?lunr=workers%2Fsearch.a7633da7.min.js&index=..%2F..%2Ffr%2Fsearch%2Flunr_index.json",
    }


def test_guides_outrank_faqs_and_faqs_outrank_the_home_page():
    assert search_boost("guide") > search_boost("faq") > search_boost("home")


# --- queries with lunr syntax and damaged indexes: results or one line, never a traceback ----


@pytest.mark.parametrize(
    "query, words",
    [
        ("refund:", "refund"),
        ("refund^", "refund"),
        ("refund~x", "refund x"),
        ("foo:refund", "foo refund"),
        ("+refund -card", "refund card"),
    ],
)
def test_lunr_syntax_other_than_a_field_is_punctuation_between_words(real_site, query, words):
    english = searcher(real_site, "")
    assert english.search(query) == english.search(words)
    assert english.search(query)


@pytest.mark.parametrize("query", ["+", "-", "~", "^", "::", "title:"])
def test_search_query_with_no_word_is_a_one_line_error(real_site, query):
    with pytest.raises(SearchQueryError) as caught:
        searcher(real_site, "").search(query)
    assert isinstance(caught.value, PolyhelpError)
    assert "\n" not in str(caught.value) and "no word" in str(caught.value)


def test_lunr_syntax_that_parses_keeps_its_meaning(real_site):
    english = searcher(real_site, "")
    titles = english.search("title:refund")
    assert titles and len(titles) < len(english.search("refund"))


def index_with(tmp_path, text: str | bytes):
    path = tmp_path / "search" / "lunr_index.json"
    path.parent.mkdir(parents=True)
    (path.write_bytes if isinstance(text, bytes) else path.write_text)(text)
    return path


GOOD = build_index("en", [])


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        b"\xff\xfe{}",
        "[]",
        json.dumps({**GOOD, "format": 0}),
        json.dumps({key: value for key, value in GOOD.items() if key != "index"}),
        json.dumps({**GOOD, "docs": [["a/", "title"]]}),
        json.dumps({**GOOD, "docs": [["a/", "title", 3]]}),
        json.dumps({**GOOD, "index": {"version": "2.3.9"}}),
    ],
)
def test_corrupt_search_index_is_a_one_line_error_naming_the_file(tmp_path, content):
    path = index_with(tmp_path, content)
    with pytest.raises(SearchIndexError) as caught:
        LocaleSearch(path)
    assert isinstance(caught.value, PolyhelpError)
    assert caught.value.path == path
    assert "\n" not in str(caught.value) and "polyhelp build" in str(caught.value)


def test_polyhelp_search_with_lunr_syntax_or_a_damaged_index_prints_one_line(tiny_site, tmp_path):
    import subprocess
    import sys

    site_dir = tmp_path / "built"
    from polyhelp.site.build import build_site

    build_site(tiny_site, site_dir=site_dir)
    command = [sys.executable, "-m", "polyhelp", "search", "-f", str(tiny_site)]
    command += ["--site-dir", str(site_dir), "-l", "en"]
    found = subprocess.run([*command, "returns:"], capture_output=True, text=True)
    assert found.returncode == 0 and "returns/" in found.stdout, found.stderr
    nothing = subprocess.run([*command, "+"], capture_output=True, text=True)
    assert nothing.returncode != 0 and "Traceback" not in nothing.stderr
    assert len(nothing.stderr.strip().splitlines()) == 1, nothing.stderr
    (site_dir / "search" / "lunr_index.json").write_text("{", encoding="utf-8")
    damaged = subprocess.run([*command, "returns"], capture_output=True, text=True)
    assert damaged.returncode != 0 and "Traceback" not in damaged.stderr
    assert damaged.stderr.startswith("polyhelp: error: ") and "lunr_index.json" in damaged.stderr
