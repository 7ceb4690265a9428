"""Per-locale search on the real help center: each locale finds its own pages, stemmed."""

from __future__ import annotations

import json
import re

import pytest

from polyhelp.errors import PolyhelpError
from polyhelp.search.index import build_index
from polyhelp.search.query import LocaleSearch, SearchIndexError, SearchQueryError
from polyhelp.site.material_internals import point_search_at_locale
from polyhelp.site.search import collect_page, locale_entries, locale_pages, search_boost


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
            location.startswith(("fr/", "de/", "es/")) for location, *_ in index["docs"]
        )


def test_what_every_page_fetches_is_the_search_settings_without_any_document(real_site):
    for prefix, locale in [("", "en"), ("fr/", "fr"), ("de/", "de"), ("es/", "es")]:
        path = real_site / prefix / "search" / "search_index.json"
        settings = json.loads(path.read_text("utf-8"))
        assert settings["config"]["lang"] == [locale] and settings["docs"] == []
        assert path.stat().st_size < 1000


def test_a_page_is_one_document_with_its_blocks_words_apart(tmp_path):
    html = '<h2 id="c">Costs<a class="headerlink" href="#c">¶</a></h2><table><tr><td>Canada'
    html += "</td><td>Shipping</td></tr></table>"
    meta = {"title": "Shipping", "description": "Costs.", "keywords": ["parcel"]}
    collect_page(str(tmp_path), "fr/shipping/", meta | {"search": {"boost": 1.25}}, "", html)
    collect_page(str(tmp_path), "shipping/", meta, "", html)
    collect_page(str(tmp_path), "fr/old/", meta | {"search": {"exclude": True}}, "", html)
    (page,) = locale_pages(str(tmp_path), "fr/", ["de/"])
    assert (page.location, page.text, page.boost) == ("shipping/", "Costs Canada Shipping", 1.25)
    assert (page.description, page.keywords) == ("Costs.", ["parcel"])


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
        json.dumps({key: value for key, value in GOOD.items() if key != "postings"}),
        json.dumps({**GOOD, "docs": [["a/", "title"]]}),
        json.dumps({**GOOD, "docs": [["a/", "title", 3]]}),
        json.dumps({**GOOD, "terms": ["a"], "postings": [[0, 1, 0]]}),
        json.dumps({**GOOD, "docs": [["a/", "title", "snippet", 1]], "terms": ["a"]}),
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


# --- how customers write (issue 15) -------------------------------------------------------


@pytest.mark.parametrize(
    "prefix, typed, written",
    [
        ("fr/", "rembourser", "remboursement"),  # a verb finds its noun
        ("", "returned", "return"),  # an inflected form finds every form of its stem
        ("", "refnd", "refund"),  # one letter missed
        ("de/", "Rüksendungen", "Rücksendungen"),  # its stem one letter off
    ],
)
def test_an_inflected_or_misspelt_word_finds_what_the_written_one_finds(
    real_site, prefix, typed, written
):
    search = searcher(real_site, prefix)
    assert len(search.pages(written)) > 5
    assert search.pages(typed)[:5] == search.pages(written)[:5]


@pytest.mark.parametrize(
    "prefix, customers_word, page",
    [
        ("es/", "queja", "support/complaints/"),
        ("de/", "zurückschicken", "returns-refunds/returns/"),
        ("de/", "Retoure", "returns-refunds/returns/"),
        ("fr/", "plainte", "support/complaints/"),
    ],
)
def test_a_customers_own_word_finds_the_page_that_says_it_otherwise(
    real_site, prefix, customers_word, page
):
    assert searcher(real_site, prefix).pages(customers_word)[0] == page


@pytest.mark.parametrize(
    "prefix, question, section",
    [
        ("", "where is my order", "orders-delivery/"),
        ("", "buy", "payment-account/gift-cards/"),
        ("es/", "mi cuenta", "payment-account/"),
    ],
)
def test_a_shops_everyday_words_are_searched_not_dropped_as_stop_words(
    real_site, prefix, question, section
):
    # "order", "buy" and "cuenta" were stop words (dropped from the index): the first of these
    # questions found the privacy policy first, the second nothing.
    assert searcher(real_site, prefix).pages(question)[0].startswith(section)


def test_the_word_being_typed_finds_the_words_it_begins(real_site):
    assert searcher(real_site, "fr/").pages("rembours")[0] == "returns-refunds/refunds/"
    assert searcher(real_site, "").pages("refu")[0] == "returns-refunds/refunds/"


def test_page_keywords_reach_the_index(tmp_path):
    from polyhelp.site.build import build_site
    from tests.conftest import TINY_PAGES, make_site, page_text

    refunds = page_text(*TINY_PAGES["en/refunds.md"]).replace(
        "type: guide", "type: guide\nkeywords: [chargeback, money back]"
    )
    config = make_site(tmp_path / "help", {**TINY_PAGES, "en/refunds.md": refunds})
    site_dir = build_site(config, site_dir=tmp_path / "site").site_dir
    english = LocaleSearch(site_dir / "search" / "lunr_index.json")
    assert english.pages("chargeback") == ["refunds/"]
    assert english.pages("money")[0] == "refunds/"


def test_snippets_are_the_page_description_with_its_words_apart(real_site):
    index = json.loads((real_site / "search" / "lunr_index.json").read_text("utf-8"))
    snippets = {location: snippet for location, _, snippet, _ in index["docs"]}
    assert snippets["markets/ca/shipping/"]
    assert not [
        s for s in snippets.values() if re.search(r"[a-z][A-Z][a-z]", s) and "PayPal" not in s
    ]
