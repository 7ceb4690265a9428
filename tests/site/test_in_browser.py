"""The built help center in headless Chromium: what a customer sees and what the page loads.

One site is built and served on 127.0.0.1 for the whole module. It is built with its
site_url set to that server, as in production, where the site is served from site_url.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from polyhelp.content import frontmatter
from polyhelp.site.build import build_site
from tests.conftest import REPO

pytestmark = pytest.mark.browser

LOCALE_PREFIXES = {"en": "", "fr": "fr/", "de": "de/", "es": "es/"}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


def _serve(tmp_path_factory, prepare=None):
    """Build the repository's help center (changed by `prepare`) and serve it on 127.0.0.1."""
    handler = functools.partial(_QuietHandler, directory=None)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    work = tmp_path_factory.mktemp("browser")
    config = REPO / "mkdocs.yml"
    if prepare is not None:
        for item in ("docs", "data", "hooks", "overrides", "translations"):
            shutil.copytree(REPO / item, work / "help" / item)
        shutil.copy(config, work / "help" / "mkdocs.yml")
        config = work / "help" / "mkdocs.yml"
        prepare(config.parent)
    site_dir = work / "site"
    build_site(config, site_dir=site_dir, site_url=f"{origin}/")
    server.RequestHandlerClass = functools.partial(_QuietHandler, directory=str(site_dir))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, origin


@pytest.fixture(scope="module")
def origin(tmp_path_factory) -> str:
    server, origin = _serve(tmp_path_factory)
    yield origin
    server.shutdown()
    server.server_close()


def _unreview(root: Path) -> None:
    """French shipping becomes a machine translation; the German privacy policy too."""
    for page in ("fr/orders-delivery/shipping.md", "de/policies/privacy.md"):
        path = root / "docs" / page
        block = frontmatter.read(path).meta["translation"]
        block.update(status="machine", engine="deepl")
        path.write_text(frontmatter.set_block(path.read_text("utf-8"), "translation", block))


@pytest.fixture(scope="module")
def notices_origin(tmp_path_factory) -> str:
    server, origin = _serve(tmp_path_factory, _unreview)
    yield origin
    server.shutdown()
    server.server_close()


def search(page: Page, query: str) -> list[str]:
    """Type `query` in Material's search box; return the result links' paths, best first."""
    box = page.locator("input.md-search__input")
    box.click()
    # Typed key by key, as a customer does: Material searches on keyboard input.
    box.press_sequentially(query, delay=20)
    config = json.loads(page.locator("#__config").text_content())
    none_text = config["translations"]["search.result.none"]
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        """([none]) => {
            const meta = document.querySelector('.md-search-result__meta');
            return meta && (meta.textContent.trim() === none
                || document.querySelectorAll('.md-search-result__item').length > 0);
        }""",
        arg=[none_text],
    )
    assert meta.text_content().strip(), "search answered"
    links = page.locator(".md-search-result__item > .md-search-result__link")
    return [urlparse(href).path for href in links.evaluate_all("els => els.map(e => e.href)")]


# --- language switcher -------------------------------------------------------------------


@pytest.mark.parametrize(
    "start, language, expected",
    [
        ("fr/returns-refunds/refunds/", "Deutsch", "/de/returns-refunds/refunds/"),
        ("de/policies/privacy/", "Español", "/es/policies/privacy/"),
        ("payment-account/faq/", "Français", "/fr/payment-account/faq/"),
        ("es/orders-delivery/tracking/", "English", "/orders-delivery/tracking/"),
    ],
)
def test_language_switcher_lands_on_the_same_page(page, origin, start, language, expected):
    page.goto(f"{origin}/{start}")
    page.locator(".md-header__option .md-select").first.hover()
    page.get_by_role("link", name=language, exact=True).click()
    page.wait_for_url(f"{origin}{expected}")
    assert urlparse(page.url).path == expected


# --- per-locale search -------------------------------------------------------------------


@pytest.mark.parametrize(
    "locale, query, expected_first",
    [
        ("de", "Rücksendungen", "/de/returns-refunds/returns/"),
        ("fr", "rembourser", "/fr/returns-refunds/refunds/"),
        ("es", "devoluciones", "/es/returns-refunds/returns/"),
        ("en", "refund", "/returns-refunds/refunds/"),
    ],
)
def test_search_finds_the_locale_page_first_and_only_that_locale(
    page, origin, requests_seen, locale, query, expected_first
):
    prefix = LOCALE_PREFIXES[locale]
    page.goto(f"{origin}/{prefix}")
    results = search(page, query)
    assert results, f"no results for {query!r} on /{prefix}"
    assert results[0] == expected_first
    other_prefixes = [f"/{p}" for p in LOCALE_PREFIXES.values() if p and p != prefix]
    assert not [r for r in results if r.startswith(tuple(other_prefixes))]
    if prefix:
        assert all(r.startswith(f"/{prefix}") for r in results)
    assert f"{origin}/{prefix}search/search_index.json" in requests_seen


@pytest.mark.parametrize("locale, foreign", [("fr", "Rücksendungen"), ("de", "devoluciones")])
def test_search_in_the_wrong_language_finds_nothing(page, origin, locale, foreign):
    page.goto(f"{origin}/{LOCALE_PREFIXES[locale]}")
    assert search(page, foreign) == []


def test_no_search_data_is_fetched_until_the_customer_types(page, origin, requests_seen):
    page.goto(f"{origin}/fr/", wait_until="networkidle")
    page.locator("input.md-search__input").focus()
    page.wait_for_load_state("networkidle")
    paths = [urlparse(url).path for url in requests_seen]
    # Only Polyhelp's worker (a few KB) and the search settings (no document) load with a page.
    assert not [path for path in paths if "lunr" in path or "/workers/" in path]
    assert search(page, "remboursement")
    assert f"{origin}/fr/search/lunr_index.json" in requests_seen


# --- honest fallback ---------------------------------------------------------------------


def test_untranslated_page_says_so_in_the_customer_language(page, origin):
    page.goto(f"{origin}/es/payment-account/invoices/")
    notice = page.get_by_role("note")
    assert notice.is_visible()
    assert "Esta página aún no está disponible en español" in notice.inner_text()
    assert page.locator("html").get_attribute("lang") == "es"
    content = page.locator(".polyhelp-fallback-content")
    assert content.get_attribute("lang") == "en"
    assert "Invoices" in content.locator("h1").inner_text()


# --- no third-party requests -------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["", "fr/orders-delivery/faq/", "de/policies/privacy/", "es/payment-account/invoices/"],
)
def test_a_page_load_requests_nothing_but_the_local_server(page, origin, requests_seen, path):
    page.goto(f"{origin}/{path}", wait_until="networkidle")
    search(page, "order")  # the search worker and its language scripts load too
    page.wait_for_load_state("networkidle")
    foreign = [url for url in requests_seen if not url.startswith((origin + "/", "data:", "blob:"))]
    assert requests_seen and not foreign


# --- accessibility -----------------------------------------------------------------------

AXE = Axe()


def serious_violations(page: Page) -> list[str]:
    """What axe-core finds serious or critical on the page, one line each."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in AXE.run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("locale", list(LOCALE_PREFIXES))
@pytest.mark.parametrize("page_path", ["", "orders-delivery/faq/", "policies/privacy/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations(page, origin, locale, page_path, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{origin}/{LOCALE_PREFIXES[locale]}{page_path}")
    assert serious_violations(page) == []


# --- mobile ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["", "de/returns-refunds/returns/", "fr/policies/privacy/"])
def test_pages_read_on_a_375px_phone(phone, origin, path):
    phone.goto(f"{origin}/{path}")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways ({width}px wide)"
    assert phone.locator("label.md-header__button[for=__drawer]").is_visible(), "menu button"
    assert phone.locator("label.md-header__button[for=__search]").is_visible(), "search button"
    heading = phone.locator("article h1, article h2").first
    box = heading.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375
    font_size = phone.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)"
    )
    assert font_size >= 12, "body text is readable without zooming"


def test_the_menu_opens_on_a_phone_and_lists_the_topics(phone, origin):
    phone.goto(f"{origin}/fr/")
    phone.locator("label.md-header__button[for=__drawer]").click()
    drawer = phone.locator("nav.md-nav--primary")
    drawer.get_by_text("Retours et remboursements").first.wait_for(state="visible")


# --- notices on pages that are not reviewed ----------------------------------------------


def test_a_screen_reader_finds_the_machine_translation_notice(page, notices_origin):
    page.goto(f"{notices_origin}/fr/orders-delivery/shipping/")
    notice = page.get_by_role("note", name="Traduction automatique")
    assert notice.is_visible()
    assert "traduite automatiquement" in notice.inner_text()
    notice.get_by_role("link", name="Lire l’original en anglais").click()
    page.wait_for_url(f"{notices_origin}/orders-delivery/shipping/")


def test_an_unreviewed_legal_page_shows_the_english_text_with_a_notice(page, notices_origin):
    page.goto(f"{notices_origin}/de/policies/privacy/")
    notice = page.get_by_role("note", name="Übersetzung wird aktualisiert")
    assert "Maßgeblich ist die englische Fassung" in notice.inner_text()
    content = page.locator(".polyhelp-fallback-content")
    assert content.get_attribute("lang") == "en"
    assert "Privacy" in content.locator("h1").inner_text()


@pytest.mark.parametrize("path", ["fr/orders-delivery/shipping/", "de/policies/privacy/"])
def test_pages_with_notices_have_no_serious_accessibility_violations(page, notices_origin, path):
    page.goto(f"{notices_origin}/{path}")
    violations = AXE.run(page).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []


# --- markets -----------------------------------------------------------------------------


def test_market_picker_keeps_the_language_and_the_topic(page, origin):
    page.goto(f"{origin}/de/markets/de/returns/")
    picker = page.locator("nav.polyhelp-market-picker")
    current = picker.locator("a[aria-current=page]")
    assert current.inner_text() == "Deutschland"
    picker.get_by_role("link", name="Österreich", exact=True).click()
    page.wait_for_url(f"{origin}/de/markets/at/returns/")
    assert urlparse(page.url).path == "/de/markets/at/returns/"
    assert page.locator("html").get_attribute("lang") == "de"
    assert current.inner_text() == "Österreich"


def test_language_switcher_keeps_the_market_and_the_topic(page, origin):
    page.goto(f"{origin}/de/markets/ch/privacy/")
    page.locator(".md-header__option .md-select").first.hover()
    page.get_by_role("link", name="Français", exact=True).click()
    page.wait_for_url(f"{origin}/fr/markets/ch/privacy/")
    assert urlparse(page.url).path == "/fr/markets/ch/privacy/"
    assert page.locator("html").get_attribute("lang") == "fr"


def test_market_picker_is_usable_on_a_375px_phone(phone, origin):
    phone.goto(f"{origin}/de/markets/de/shipping/")
    picker = phone.locator("nav.polyhelp-market-picker")
    assert picker.is_visible()
    links = picker.locator(".polyhelp-market-picker__own a")
    assert links.count() >= 2
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375, f"link {index} is cut off"
        assert box["height"] > 0
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways ({width}px wide)"
    picker.get_by_role("link", name="Schweiz", exact=True).tap()
    phone.wait_for_url(f"{origin}/de/markets/ch/shipping/")


@pytest.mark.parametrize(
    "path",
    [
        "de/markets/at/shipping/",  # with the picker, an announcement (while current) and a table
        "markets/us/privacy/",
        "fr/markets/ca/contact/",
        "es/markets/mx/returns/",
        "de/markets/",
    ],
)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_market_pages_have_no_serious_accessibility_violations(page, origin, path, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{origin}/{path}")
    assert serious_violations(page) == []
