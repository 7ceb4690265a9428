"""Per-locale search on the real help center: each locale finds its own pages, stemmed."""

from __future__ import annotations

import json

import pytest

from polyhelp.site.material_internals import point_search_at_locale
from polyhelp.site.search import (
    LocaleSearch,
    locale_entries,
    search_boost,
)


def searcher(site, prefix: str) -> LocaleSearch:
    return LocaleSearch(site / prefix / "search" / "search_index.json")


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
        index = json.loads((real_site / prefix / "search" / "search_index.json").read_text("utf-8"))
        assert index["config"]["lang"] == [locale]
        assert not any(doc["location"].startswith(("fr/", "de/", "es/")) for doc in index["docs"])


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


def test_search_base_points_at_the_locale_root():
    page = (
        '<script id="__config" type="application/json">{"base": "../..", "search": "x.js"}</script>'
    )
    config = json.loads(
        point_search_at_locale(page, "fr")[
            len('<script id="__config" type="application/json">') : -len("</script>")
        ]
    )
    assert config == {"base": "../../fr/", "search": "x.js"}


def test_guides_outrank_faqs_and_faqs_outrank_the_home_page():
    assert search_boost("guide") > search_boost("faq") > search_boost("home")
