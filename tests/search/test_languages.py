"""Search in any language: a stemmer where Snowball has one, words as written where none does,
pairs of characters where words have no spaces; Python and the browser find the same pages."""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import threading
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from polyhelp.search.languages import (
    LANGUAGES,
    bigrams,
    language_of,
    mark_ranges,
    stemmer,
    stop_words,
    tokens,
)
from polyhelp.search.query import LocaleSearch
from tests.conftest import TINY_MKDOCS, TINY_PAGES, make_site
from tests.search.test_query import WORKER_ANSWERS

PAGES = {
    "el": {
        "returns.md": (
            "guide",
            "Επιστροφές",
            "Οι επιστροφές προϊόντων είναι δωρεάν για 30 ημέρες.",
        ),
        "refunds.md": ("guide", "Αποζημιώσεις", "Σας αποζημιώνουμε εντός 14 ημερών."),
    },
    "vi": {
        "returns.md": ("guide", "Trả hàng", "Bạn có thể trả hàng miễn phí trong 30 ngày."),
        "refunds.md": ("guide", "Hoàn tiền", "Chúng tôi hoàn tiền cho bạn trong vòng 14 ngày."),
    },
    "fa": {
        "returns.md": ("guide", "مرجوعی کالا", "مرجوع کردن کالاها تا ۳۰ روز رایگان است."),
        "refunds.md": ("guide", "بازپرداخت وجه", "مبلغ شما ظرف ۱۴ روز بازپرداخت می‌شود."),
    },
    "ja": {
        "returns.md": ("guide", "返品について", "商品は30日以内であれば無料で返品できます。"),
        "refunds.md": ("guide", "返金について", "返金は14日以内に行います。"),
    },
}
# (locale, what a customer types, the page it finds first)
QUERIES = [
    ("el", "επιστροφών", "returns/"),  # a form no page has: its ending stripped
    ("el", "αποζημιώσεις", "refunds/"),  # stemmed as the page's αποζημίωση
    ("vi", "hoàn tiền", "refunds/"),
    ("vi", "trả", "returns/"),
    ("fa", "بازپرداخت", "refunds/"),
    ("fa", "کالا", "returns/"),
    ("ja", "返品", "returns/"),
    ("ja", "返金", "refunds/"),
]


def page_text(page_type: str, title: str, body: str) -> str:
    meta = f"title: {title}\ndescription: {title}.\ntype: {page_type}"
    return f"---\n{meta}\n---\n\n## {title}\n\n{body}\n"


@pytest.fixture(scope="module")
def any_language_site(tmp_path_factory):
    """A tiny help center with English, Greek, Vietnamese, Persian and Japanese pages."""
    from polyhelp.site.build import build_site

    root = tmp_path_factory.mktemp("languages")
    locales = "".join(f"        - {{locale: {code}, name: {code}}}\n" for code in PAGES)
    mkdocs_yml = TINY_MKDOCS.replace(
        "        - {locale: fr, name: Français}\n        - {locale: de, name: Deutsch}\n", locales
    )
    pages = {name: page for name, page in TINY_PAGES.items() if name.startswith("en/")}
    for locale, texts in PAGES.items():
        pages |= {f"{locale}/{name}": page_text(*text) for name, text in texts.items()}
        pages[f"{locale}/index.md"] = page_text("home", "Help", "[x](returns.md)")
    config = make_site(root / "help", pages, mkdocs_yml)
    # No interface catalogs for these locales: Polyhelp's few words around pages in English.
    fallback = f"interface:\n  english_fallback: [{', '.join(PAGES)}]\n"
    (root / "help" / "data" / "translation.yml").write_text(fallback, encoding="utf-8")
    return build_site(config, site_dir=root / "site").site_dir


def test_every_language_has_a_row_or_is_searched_as_written():
    assert language_of("el").stemmer and language_of("fa").stemmer
    assert language_of("uz").stemmer is None and not language_of("uz").bigrams
    assert language_of("pt-BR") == LANGUAGES["pt"]
    for row in LANGUAGES.values():
        if row.stemmer:
            assert stemmer(row.code)("information") is not None


def words_by_category(text: str) -> list[str]:
    """The definition tokens() implements: runs of characters of Unicode's L, M and N."""
    words, word = [], []
    for char in text.lower():
        if unicodedata.category(char)[0] in "LMN":
            word.append(char)
        elif word:
            words.append("".join(word))
            word = []
    return words + (["".join(word)] if word else [])


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(codec="utf-8"), max_size=40))
def test_words_are_runs_of_letters_marks_and_digits(text):
    assert tokens(text) == words_by_category(text)


def test_every_mark_of_unicode_is_in_the_planes_searched_for_marks():
    assert mark_ranges() == mark_ranges([range(sys.maxunicode + 1)])


def test_words_keep_their_marks_and_lose_their_punctuation():
    assert tokens("Hello, wörld! नमस्ते e\u0301te 2x_y") == [
        "hello",
        "wörld",
        "नमस्ते",
        "e\u0301te",
        "2x",
        "y",
    ]


SHOP_WORDS = {
    "en": ["order", "help", "buy", "bill", "amount", "open", "close", "new", "account", "back"],
    "es": ["cuenta", "pedido", "nuevo", "valor", "total", "uso"],
    "fr": ["commande", "compte", "aide", "retour"],
    "de": ["bestellung", "konto", "hilfe", "rücksendung"],
}


@pytest.mark.parametrize("locale", sorted(SHOP_WORDS))
def test_stop_words_are_function_words_never_a_shops_words(locale):
    # A stop word is dropped from the index: "order" as one made "where is my order" find the
    # privacy policy first.
    assert {"the", "de", "la", "der", "el"} & stop_words(locale)
    assert not set(SHOP_WORDS[locale]) & stop_words(locale)


def test_norwegian_bokmal_shares_norwegians_stop_words_and_vietnamese_has_none():
    assert stop_words("nb") == stop_words("no") and "og" in stop_words("nb")
    assert stop_words("vi") == frozenset()


def test_scripts_without_spaces_are_cut_in_pairs_and_others_are_not():
    assert bigrams("東京タワー") == ["東京", "京タ", "タワ", "ワー"]
    assert tokens("ภาษา ไทย and 東", pairs=True) == ["ภา", "าษ", "ษา", "ไท", "ทย", "and", "東"]
    assert tokens("می‌شود", pairs=False) == ["می", "شود"]


@pytest.mark.parametrize("locale, query, page", QUERIES)
def test_polyhelp_search_finds_the_page_in_its_language(any_language_site, locale, query, page):
    search = LocaleSearch(any_language_site / locale / "search" / "lunr_index.json")
    assert search.pages(query)[0] == page
    english = LocaleSearch(any_language_site / "search" / "lunr_index.json")
    assert english.pages(query) == []


@pytest.mark.browser
def test_the_browser_finds_what_polyhelp_search_finds_in_every_language(any_language_site):
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(any_language_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as playwright:
            chromium = shutil.which("chromium")
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            page = browser.new_page()
            for locale, texts in PAGES.items():
                words = sorted({w for text in texts.values() for w in tokens(" ".join(text))})
                queries = (
                    words
                    + [word[:2] for word in words]
                    + [q for lc, q, _ in QUERIES if lc == locale]
                )
                python = LocaleSearch(any_language_site / locale / "search" / "lunr_index.json")
                expected = [[(h.location, h.score) for h in python.search(q)] for q in queries]
                page.goto(f"{origin}/{locale}/")
                answers = page.evaluate(WORKER_ANSWERS, queries)
                got = [[(location, score) for location, score in answer] for answer in answers]
                assert got == expected, locale
            browser.close()
    finally:
        server.shutdown()
        server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass
