"""Per-market pages in the built site: facts from the data in each page's language, only
the languages a market offers, sections and announcements the data turns on, SEO links.

Every build in this module starts from one snapshot of the repository's help center (others
edit it while tests run), built as on BUILD_DATE; the unchanged snapshot is built once.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from unittest.mock import patch
from urllib.parse import urljoin, urlparse

import pytest

from polyhelp.content import frontmatter
from polyhelp.content.typography import apply_typography
from polyhelp.markets.formatting import formatting_locale, money
from polyhelp.markets.labels import label
from polyhelp.markets.load import MarketData, load_market_data
from polyhelp.markets.view import TOPICS, market_values
from polyhelp.project.build_date import ENVIRONMENT_VARIABLE
from polyhelp.project.config import Site
from polyhelp.site.build import build_site
from polyhelp.site.mkdocs_config import load_site
from tests.conftest import REPO, copy_help_center, replace_once

BUILD_DATE = date(2026, 11, 23)  # inside at-carrier-strike (2026-11-20 to 2026-11-27)
NBSP = "\u00a0"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
XHTML_LINK = "{http://www.w3.org/1999/xhtml}link"
MARKET_PAGE = re.compile(r"(?:[a-z]{2}/)?markets/([a-z]{2})/([a-z]+)/index\.html")


def _market_locales() -> list[tuple[str, str]]:
    data = load_market_data(load_site(REPO / "mkdocs.yml")[0])
    return [(code, locale) for code, market in data.markets.items() for locale in market.locales]


MARKET_LOCALES = _market_locales()


# --- builds ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory) -> Path:
    """The repository's help center as it is now; every build below copies it."""
    return copy_help_center(tmp_path_factory.mktemp("snapshot") / "help").parent


def build_variant(snapshot: Path, work: Path, prepare=None, build_date: date = BUILD_DATE) -> Path:
    """The snapshot, changed by `prepare(root)`, built as on `build_date`; its site folder."""
    root = work / "help"
    shutil.copytree(snapshot, root)  # keeps file times: the same "last changed" dates
    if prepare is not None:
        prepare(root)
    with patch.dict(os.environ, {ENVIRONMENT_VARIABLE: build_date.isoformat()}):
        return build_site(root / "mkdocs.yml", site_dir=work / "site").site_dir


@pytest.fixture(scope="module")
def built(snapshot, tmp_path_factory) -> Path:
    return build_variant(snapshot, tmp_path_factory.mktemp("original"))


@pytest.fixture(scope="module")
def site(snapshot) -> Site:
    return load_site(snapshot / "mkdocs.yml")[0]


@pytest.fixture(scope="module")
def data(site) -> MarketData:
    return load_market_data(site)


# --- reading pages -----------------------------------------------------------------------


def market_page(site: Site, locale: str, code: str, topic: str) -> str:
    """The path of a market page's file under the site folder."""
    return f"{site.url_prefix(locale)}markets/{code}/{topic}/index.html"


def read(built: Path, path: str) -> str:
    return (built / path).read_text(encoding="utf-8")


def article(page_html: str) -> str:
    """The page's own content, as text a reader sees (entities resolved)."""
    match = re.search(r"<article\b.*?</article>", page_html, re.S)
    assert match, "the page has an article"
    return html.unescape(match.group(0))


def text_language(page_html: str, locale: str) -> str:
    """The language of the text a page shows: English where it falls back to English (the
    facts inside an English text are formatted in English)."""
    return (
        "en"
        if '<div class="polyhelp-fallback-content" lang="en" dir="ltr">' in page_html
        else locale
    )


def table_rows(page_html: str) -> list[list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", page_html, re.S)
    return [
        [html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)] for row in rows
    ]


def canonical(page_html: str) -> str:
    return re.search(r'<link rel="canonical" href="([^"]+)">', page_html).group(1)


def announcements_on(page_html: str) -> list[str]:
    return re.findall(r'data-announcement="([^"]+)"', page_html)


def sitemap(built: Path) -> dict[str, dict[str, str]]:
    """Each URL of the sitemap with its alternates (hreflang -> URL)."""
    root = ET.fromstring(read(built, "sitemap.xml"))
    return {
        url.findtext("s:loc", namespaces=SITEMAP_NS): {
            link.get("hreflang"): link.get("href") for link in url.iter(XHTML_LINK)
        }
        for url in root.findall("s:url", SITEMAP_NS)
    }


def all_market_pages(built: Path) -> list[str]:
    return sorted(
        path.relative_to(built).as_posix()
        for path in built.rglob("index.html")
        if MARKET_PAGE.fullmatch(path.relative_to(built).as_posix())
    )


def differing_files(one: Path, two: Path) -> set[str]:
    """Files (relative paths) that are in one site only or differ byte for byte."""
    files_one = {p.relative_to(one).as_posix() for p in one.rglob("*") if p.is_file()}
    files_two = {p.relative_to(two).as_posix() for p in two.rglob("*") if p.is_file()}
    return (files_one ^ files_two) | {
        name
        for name in files_one & files_two
        if (one / name).read_bytes() != (two / name).read_bytes()
    }


def standard(data: MarketData, code: str):
    return next(o for o in data.markets[code].shipping.options if o.service == "standard")


# --- facts on every page, formatted for its language -------------------------------------


@pytest.mark.parametrize("code, locale", MARKET_LOCALES)
def test_shipping_page_shows_every_option_formatted_for_its_language(
    built, site, data, code, locale
):
    page = read(built, market_page(site, locale, code, "shipping"))
    values = market_values(data, code, text_language(page, locale), BUILD_DATE)["shipping"]
    rows = table_rows(page)
    for option in data.markets[code].shipping.options:
        shown = values[option.service]
        row = [
            shown["name"],
            shown["carrier"],
            shown["delivery"],
            shown["price"],
            shown["free_from"],
        ]
        assert row in rows, f"{option.service} of {code} in {locale}"
    # As the page's typography writes it (French: one way of writing a time, 14:00).
    assert apply_typography(values["cutoff"], locale) in article(page)


def test_german_pages_write_german_and_swiss_prices_as_cldr_says(built, site, data):
    german = standard(data, "de").price
    swiss = standard(data, "ch").price
    german_page = article(read(built, market_page(site, "de", "de", "shipping")))
    swiss_page = article(read(built, market_page(site, "de", "ch", "shipping")))
    assert f"{german:.2f}".replace(".", ",") + f"{NBSP}€" in german_page  # 4,90 €
    assert f"CHF{NBSP}{swiss:.2f}" in swiss_page  # CHF 4.90
    assert f"CHF{NBSP}" not in german_page and f"{NBSP}€" not in swiss_page


def test_a_market_has_no_pages_in_languages_it_does_not_offer(built, site, data):
    assert not (built / "markets" / "de").exists(), "no English pages for Germany"
    assert not (built / "es" / "markets" / "ch").exists(), "no Spanish pages for Switzerland"
    for code, market in data.markets.items():
        for locale in set(site.locales) - set(market.locales):
            assert not (built / f"{site.url_prefix(locale)}markets" / code).exists(), (code, locale)


def test_each_market_has_one_page_per_topic_in_each_of_its_languages(built, site, data):
    expected = {
        market_page(site, locale, code, topic)
        for code, market in data.markets.items()
        for locale in market.locales
        for topic in TOPICS
    }
    pages = all_market_pages(built)
    assert set(pages) == expected
    assert len(pages) == sum(len(market.locales) for market in data.markets.values()) * 6


def test_topic_texts_are_no_pages_of_their_own(built):
    assert not [p for p in built.rglob("*") if "markets/topics" in p.as_posix()]


# --- one fact changed in the data --------------------------------------------------------

PRICE_STEP = Decimal("0.50")


@pytest.fixture(scope="module")
def austrian_price_changed(snapshot, data, tmp_path_factory) -> Path:
    old = standard(data, "at").price

    def prepare(root: Path) -> None:
        replace_once(
            root / "data" / "markets" / "at.yml",
            f"price: {old:.2f}",
            f"price: {old + PRICE_STEP:.2f}",
        )

    return build_variant(snapshot, tmp_path_factory.mktemp("price"), prepare)


def test_a_changed_price_changes_every_page_that_shows_it_and_nothing_else(
    built, austrian_price_changed, data
):
    old = standard(data, "at").price
    locale = formatting_locale("de", data.markets["at"].country)
    old_price, new_price = (money(p, "EUR", locale) for p in (old, old + PRICE_STEP))
    # Every German page: the Austrian pages, and the general pages whose market tables
    # (polyhelp.markets.overview) have a row for Austria.
    german = sorted(p.relative_to(built).as_posix() for p in (built / "de").rglob("*.html"))
    showing = {name for name in german if old_price in article(read(built, name))}
    assert "de/markets/at/shipping/index.html" in showing
    assert "de/orders-delivery/shipping/index.html" in showing
    changed = differing_files(built, austrian_price_changed)
    # The German search index holds the German pages' text; nothing else may change.
    assert changed == showing | {"de/search/lunr_index.json"}
    for name in showing:
        page = article(read(austrian_price_changed, name))
        assert new_price in page and old_price not in page, name


# --- privacy -----------------------------------------------------------------------------


@pytest.mark.parametrize("code, locale", MARKET_LOCALES)
def test_privacy_page_links_the_authority_of_the_market(built, site, data, code, locale):
    page = read(built, market_page(site, locale, code, "privacy"))
    privacy = market_values(data, code, text_language(page, locale), BUILD_DATE)["privacy"]
    assert privacy["authority_url"] == data.markets[code].privacy.authority.url
    link = f'<a href="{privacy["authority_url"]}">{privacy["authority_name"]}</a>'
    assert link in article(page)


def do_not_sell_shown(built: Path, site: Site, locale: str, code: str) -> bool:
    # The heading keeps the law's English name in every language.
    return "Do Not Sell or Share" in article(
        read(built, market_page(site, locale, code, "privacy"))
    )


@pytest.mark.parametrize("code, locale", MARKET_LOCALES)
def test_do_not_sell_section_shows_exactly_where_the_law_requires_it(
    built, site, data, code, locale
):
    required = data.markets[code].privacy.do_not_sell_link.required
    assert do_not_sell_shown(built, site, locale, code) == required


def test_a_shop_that_neither_sells_nor_shares_shows_no_do_not_sell_section(built, site, data):
    link = data.markets["us"].privacy.do_not_sell_link
    assert link.sells_or_shares is False and link.required is False
    assert not do_not_sell_shown(built, site, "en", "us")
    assert not do_not_sell_shown(built, site, "es", "us")


@pytest.fixture(scope="module")
def do_not_sell_flipped(snapshot, tmp_path_factory) -> Path:
    """The shop starts selling or sharing in the US, so the US requires the section."""

    def prepare(root: Path) -> None:
        markets = root / "data" / "markets"
        replace_once(markets / "us.yml", "sells_or_shares: false", "sells_or_shares: true")
        replace_once(markets / "us.yml", "  required: false", "  required: true")

    return build_variant(snapshot, tmp_path_factory.mktemp("do-not-sell"), prepare)


def test_the_data_flag_alone_adds_or_removes_the_do_not_sell_section(do_not_sell_flipped, site):
    assert do_not_sell_shown(do_not_sell_flipped, site, "en", "us")
    assert do_not_sell_shown(do_not_sell_flipped, site, "es", "us")
    assert not do_not_sell_shown(do_not_sell_flipped, site, "en", "uk")
    assert not do_not_sell_shown(do_not_sell_flipped, site, "en", "ca")


# --- announcements -----------------------------------------------------------------------


def test_pages_show_the_announcements_current_on_the_build_date(built, data):
    for name in all_market_pages(built):
        code = MARKET_PAGE.fullmatch(name).group(1)
        current = [
            item.id
            for item in data.announcements
            if code in item.markets and item.starts <= BUILD_DATE <= item.ends
        ]
        assert announcements_on(read(built, name)) == current, name


def test_the_austrian_strike_shows_on_every_austrian_page_in_german(built, site, data):
    strike = next(item for item in data.announcements if item.id == "at-carrier-strike")
    assert strike.starts <= BUILD_DATE <= strike.ends
    for topic in TOPICS:
        page = read(built, market_page(site, "de", "at", topic))
        assert announcements_on(page) == ["at-carrier-strike"]
        assert f"<p>{strike.text['de']}</p>" in article(page)
    assert not announcements_on(read(built, market_page(site, "de", "de", "shipping")))


def _announcement(item_id: str, market: str, starts: date, ends: date, texts: dict) -> str:
    lines = [f"- id: {item_id}", f"  markets: [{market}]", f"  starts: {starts}", f"  ends: {ends}"]
    lines += ["  text:", *(f"    {locale}: {text}" for locale, text in texts.items())]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def announcements_day(data) -> date:
    """The build date of `announcements_site`: the day after the first announcement ends."""
    return data.announcements[0].ends + timedelta(days=1)


@pytest.fixture(scope="module")
def announcements_site(snapshot, data, announcements_day, tmp_path_factory) -> Path:
    day = announcements_day
    first = data.announcements[0]
    assert not {"de", "fr", "es", "uk", "ch"} & set(first.markets)
    english = {"en": "Notice."}
    added = [
        _announcement("starts-tomorrow", "fr", day + timedelta(1), day + timedelta(5), english),
        _announcement("starts-today", "uk", day, day + timedelta(3), english),
        _announcement("ends-today", "es", day - timedelta(3), day, english),
        _announcement(
            "no-french-text",
            "ch",
            day,
            day,
            {"en": "Swiss parcels are late.", "de": "Pakete in die Schweiz kommen später."},
        ),
    ]

    def prepare(root: Path) -> None:
        path = root / "data" / "announcements.yml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.rstrip("\n") + "\n" + "".join(added), encoding="utf-8")

    return build_variant(snapshot, tmp_path_factory.mktemp("notices"), prepare, day)


def test_an_announcement_is_gone_the_day_after_it_ends(announcements_site, site, data):
    first = data.announcements[0]
    for code in first.markets:
        for locale in data.markets[code].locales:
            page = read(announcements_site, market_page(site, locale, code, "shipping"))
            assert first.id not in announcements_on(page)


def test_an_announcement_is_absent_the_day_before_it_starts(announcements_site, site):
    page = read(announcements_site, market_page(site, "fr", "fr", "shipping"))
    assert announcements_on(page) == []


def test_an_announcement_shows_on_its_first_and_on_its_last_day(announcements_site, site):
    assert announcements_on(read(announcements_site, market_page(site, "en", "uk", "returns"))) == [
        "starts-today"
    ]
    assert announcements_on(read(announcements_site, market_page(site, "es", "es", "returns"))) == [
        "ends-today"
    ]


def test_an_announcement_without_the_page_language_shows_english_labelled(announcements_site, site):
    french = article(read(announcements_site, market_page(site, "fr", "ch", "contact")))
    assert '<span lang="en">Swiss parcels are late.</span>' in french
    assert label("fr", "announcement.in_english") in french
    german = article(read(announcements_site, market_page(site, "de", "ch", "contact")))
    assert "<p>Pakete in die Schweiz kommen später.</p>" in german
    assert "Swiss parcels are late." not in german
    assert label("de", "announcement.in_english") not in german


# --- links between languages and markets -------------------------------------------------


def test_swiss_pages_announce_their_german_and_french_versions(built, site):
    base = site.site_url
    assert sitemap(built)[f"{base}de/markets/ch/shipping/"] == {
        "de-CH": f"{base}de/markets/ch/shipping/",
        "fr-CH": f"{base}fr/markets/ch/shipping/",
        "x-default": f"{base}de/markets/ch/shipping/",
    }


def test_the_sitemap_lists_market_pages_and_no_topic_text(built, site, data):
    urls = sitemap(built)
    for code, locale in MARKET_LOCALES:
        assert f"{site.site_url}{site.url_prefix(locale)}markets/{code}/shipping/" in urls
    assert not [url for url in urls if "/markets/topics/" in url]


@pytest.fixture(scope="module")
def unreviewed_privacy(snapshot, tmp_path_factory) -> Path:
    """No translation of the privacy topic is reviewed: every locale shows its English text
    (a legal text), also for markets that have no English pages."""

    def prepare(root: Path) -> None:
        for path in (root / "docs").glob("*/markets/topics/privacy.md"):
            block = frontmatter.read(path, max_description=None).meta.get("translation")
            if isinstance(block, dict) and block.get("status") == "reviewed":
                block.update(status="machine", engine="deepl")
                text = frontmatter.set_block(path.read_text("utf-8"), "translation", block)
                path.write_text(text, encoding="utf-8")

    return build_variant(snapshot, tmp_path_factory.mktemp("unreviewed"), prepare)


def test_unreviewed_privacy_texts_show_english_on_swiss_pages(unreviewed_privacy, site):
    page = read(unreviewed_privacy, market_page(site, "de", "ch", "privacy"))
    assert text_language(page, "de") == "en"


SEO_BUILDS = ["built", "unreviewed_privacy"]


@pytest.mark.parametrize("build", SEO_BUILDS)
def test_a_market_page_is_canonical_itself_or_its_english_version(request, build, site):
    built = request.getfixturevalue(build)
    wrong = {}
    for name in all_market_pages(built):
        code, topic = MARKET_PAGE.fullmatch(name).groups()
        itself = site.site_url + name.removesuffix("index.html")
        english = f"{site.site_url}markets/{code}/{topic}/"
        found = canonical(read(built, name))
        if found not in (itself, english):
            wrong[name] = found
    assert wrong == {}


@pytest.mark.parametrize("build", SEO_BUILDS)
def test_the_sitemap_lists_market_pages_as_the_pages_themselves_declare_them(request, build, site):
    # A page that shows the English text is no alternate (polyhelp.site.seo.alternates): the
    # sitemap and each page's canonical must say the same.
    built = request.getfixturevalue(build)
    disagreeing = []
    for url, links in sitemap(built).items():
        name = url.removeprefix(site.site_url) + "index.html"
        if MARKET_PAGE.fullmatch(name):
            page = read(built, name)
            if canonical(page) != url or url not in links.values():
                disagreeing.append(name)
    assert disagreeing == []


def test_the_language_switcher_keeps_market_and_topic_where_the_market_offers_it(built, site):
    name = market_page(site, "de", "ch", "shipping")
    page = read(built, name)
    links = re.findall(r'<a href="([^"]+)" hreflang="([^"]+)" class="md-select__link">', page)
    page_url = site.site_url + name.removesuffix("index.html")
    targets = {lang: urlparse(urljoin(page_url, href)).path for href, lang in links}
    assert targets == {
        "fr": "/fr/markets/ch/shipping/",
        "de": "/de/markets/ch/shipping/",
        "en": "/markets/",
        "es": "/es/markets/",
    }


def test_the_market_picker_links_the_same_topic_and_marks_the_current_market(built, site, data):
    name = market_page(site, "de", "de", "returns")
    page = read(built, name)
    picker = re.search(r'<nav class="polyhelp-market-picker".*?</nav>', page, re.S).group(0)
    page_url = site.site_url + name.removesuffix("index.html")
    own = re.search(r'<ul class="polyhelp-market-picker__own">(.*?)</ul>', picker).group(1)
    links = re.findall(r'<a href="([^"]+)"( aria-current="page")?>', own)
    assert {urlparse(urljoin(page_url, href)).path for href, _ in links} == {
        f"/de/markets/{code}/returns/" for code in data.markets_for("de")
    }
    assert [href for href, current in links if current] == ["../../../../de/markets/de/returns/"]


# --- legal citations in the reader's language ---------------------------------------------

# Forms only English writes: "GDPR Art. 12(3)", "FADP Art. 25", "PIPEDA s. 8(3)",
# "Directive 2011/83/EU", "Regulations 2013, reg. 34", "ss. 212 and 212.1".
ENGLISH_CITATION = re.compile(
    r"\bGDPR Art\.|\bFADP\b|\bPIPEDA s\.|Cal\. Civ\. Code|Directive 2011/83/EU|"
    r"\bArt\. \d+\(\d+\)|Regulations 2013|\bss?\. \d|No such requirement|Excise Tax Act|"
    r"Consumer Protection Act|Swiss Post"
)


def test_no_french_german_or_spanish_market_page_shows_an_english_citation(built, site):
    checked = 0
    for path in sorted(built.glob("*/markets/*/*/index.html")):
        locale = path.relative_to(built).parts[0]
        if locale not in ("fr", "de", "es"):
            continue
        page = path.read_text(encoding="utf-8")
        if text_language(page, locale) == "en":
            continue  # an English fallback text rightly shows English facts
        found = ENGLISH_CITATION.findall(article(page))
        assert not found, f"{path.relative_to(built)} shows English citations: {found}"
        checked += 1
    assert checked >= 6 * 8  # the market pages of fr, de and es (8 market-languages)


@pytest.mark.parametrize(
    ("locale", "code", "topic", "shown"),
    [
        ("de", "de", "privacy", "Art. 15 DSGVO"),
        ("de", "at", "privacy", "Art. 7 Abs. 3 DSGVO"),
        ("fr", "fr", "privacy", "art. 15 du RGPD"),
        ("es", "es", "privacy", "art. 15 del RGPD"),
        ("fr", "ch", "privacy", "art. 25 LPD"),
        ("de", "ch", "privacy", "Art. 25 Abs. 7 DSG"),
        ("fr", "ca", "privacy", "LPRPDE, par. 8(3)"),
        ("es", "us", "privacy", "Código Civil de California, § 1798.105"),
        ("de", "ch", "shipping", "Die Post"),
        ("fr", "ch", "shipping", "La Poste"),
        ("es", "mx", "shipping", "$319.00\u00a0MXN"),
        ("fr", "ch", "customs", "art. 25, al. 1, LTVA"),
    ],
)
def test_market_pages_cite_the_law_in_the_reader_s_form(built, site, locale, code, topic, shown):
    page = read(built, market_page(site, locale, code, topic))
    assert text_language(page, locale) == locale
    assert shown in article(page)
