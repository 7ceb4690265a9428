"""The help center as a customer meets it in headless Chromium: contact details to tap, quiet
pages, a phone's screen, every word in the reader's language, the 404 and the home page.

The site is built and served as in tests/site/test_in_browser.py, once for this module; the
browser fixtures are tests/site/conftest.py's.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from tests.conftest import REPO
from tests.site.test_in_browser import (
    AXE,
    LOCALE_PREFIXES,
    _QuietHandler,
    _serve,
    serious_violations,
)

pytestmark = pytest.mark.browser


class _PagesHandler(_QuietHandler):
    """Serves a missing file as GitHub Pages does: the site's 404.html, status 404."""

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def origin(tmp_path_factory) -> str:
    server, origin = _serve(tmp_path_factory)
    directory = server.RequestHandlerClass.keywords["directory"]
    server.RequestHandlerClass = functools.partial(_PagesHandler, directory=directory)
    yield origin
    server.shutdown()
    server.server_close()


SHOP = yaml.safe_load((REPO / "data" / "shop.yml").read_text(encoding="utf-8"))
E164 = re.compile(r"tel:\+[1-9][0-9]{7,14}")


def _hrefs(page, selector: str) -> list[str]:
    return page.locator(selector).evaluate_all("els => els.map(e => e.getAttribute('href'))")


# --- contacting the shop -----------------------------------------------------------------


@pytest.mark.parametrize("locale", list(LOCALE_PREFIXES))
def test_contact_details_are_links_a_customer_can_tap(page, origin, locale):
    page.goto(f"{origin}/{LOCALE_PREFIXES[locale]}support/contact/")
    article = page.locator("article")
    email = article.locator(f'a[href="mailto:{SHOP["email"]}"]').first
    assert email.inner_text() == SHOP["email"]
    for key in ("account_url", "returns_url", "chat_url"):
        assert article.locator(f'a[href="{SHOP[key]}"]').count() >= 1, key
    # The phone numbers are each country's (the support table), every one a tel: link.
    phones = _hrefs(page, 'article a[href^="tel:"]')
    assert len(phones) >= 3 and all(E164.fullmatch(href) for href in phones), phones


@pytest.mark.parametrize(
    "path", ["fr/markets/ch/contact/", "markets/us/contact/", "de/support/contact/"]
)
def test_every_phone_number_dials_in_e164_and_every_address_writes(page, origin, path):
    page.goto(f"{origin}/{path}")
    phones = _hrefs(page, 'article a[href^="tel:"]')
    assert phones and all(E164.fullmatch(href) for href in phones), phones
    mails = _hrefs(page, 'article a[href^="mailto:"]')
    assert mails and all(re.fullmatch(r"mailto:[^@\s]+@[^@\s]+\.\w+", m) for m in mails)
    text = page.locator("article").inner_text()
    for address in re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text):
        assert f"mailto:{address}" in mails, f"{address} is plain text"


# --- quiet pages -------------------------------------------------------------------------

QUIET_PAGES = [
    "",
    "fr/returns-refunds/refunds/",
    "de/markets/at/shipping/",
    "es/payment-account/invoices/",
    "404.html",
]


def _watch(page) -> list[str]:
    """Console errors, uncaught exceptions and failed responses of `page`, as lines."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else 0)
    page.on("pageerror", lambda error: problems.append(f"exception: {error}"))
    page.on(
        "response",
        lambda r: (
            problems.append(f"{r.status}: {r.url}")
            if r.status >= 400 and not r.url.endswith("/404.html")
            else 0
        ),
    )
    return problems


@pytest.mark.parametrize("path", QUIET_PAGES)
def test_a_page_view_fetches_no_sitemap_beside_the_page_and_logs_no_error(
    page, origin, requests_seen, path
):
    problems = _watch(page)
    page.goto(f"{origin}/{path}", wait_until="networkidle")
    page.locator(".md-header__option .md-select").first.hover()
    page.wait_for_load_state("networkidle")
    sitemaps = [url for url in requests_seen if url.split("?")[0].endswith("sitemap.xml")]
    assert set(sitemaps) <= {f"{origin}/sitemap.xml"}, sitemaps
    assert problems == []


def test_robots_txt_points_at_the_sitemap(page, origin):
    response = page.goto(f"{origin}/robots.txt")
    assert response.status == 200
    text = page.locator("body").inner_text()
    assert f"Sitemap: {origin}/sitemap.xml" in text
    assert "Disallow: /translation-status/" in text


@pytest.mark.parametrize(
    "path, locale, og_locale",
    [
        ("", "en", "en_US"),
        ("fr/returns-refunds/refunds/", "fr", "fr_FR"),
        ("de/markets/ch/shipping/", "de", "de_DE"),
        ("es/payment-account/faq/", "es", "es_ES"),
    ],
)
def test_open_graph_and_twitter_cards_speak_the_page_language(
    page, origin, path, locale, og_locale
):
    page.goto(f"{origin}/{path}")

    def meta(attribute: str, key: str) -> str:
        return page.locator(f'meta[{attribute}="{key}"]').get_attribute("content")

    assert meta("property", "og:locale") == og_locale
    assert meta("property", "og:url") == f"{origin}/{path}"
    assert meta("property", "og:site_name") == page.locator(".md-header__topic").first.inner_text()
    assert meta("property", "og:description") == meta("name", "description")
    assert meta("name", "twitter:card") == "summary"
    assert meta("name", "twitter:title") == meta("property", "og:title")
    if path:
        assert meta("property", "og:title") == page.locator("article h1").first.inner_text()


@pytest.mark.parametrize("path", ["", "fr/support/contact/", "404.html", "translation-status/"])
def test_every_page_has_a_favicon_that_loads(page, origin, path):
    page.goto(f"{origin}/{path}")
    icon = page.locator('link[rel="icon"]')
    assert icon.count() == 1
    href = icon.evaluate("link => link.href")
    assert page.request.get(href).status == 200


def test_the_writers_status_page_has_a_main_landmark(page, origin):
    page.goto(f"{origin}/translation-status/")
    assert page.get_by_role("main").count() == 1
    assert serious_violations(page) == []


@pytest.mark.parametrize("path", ["fr/returns-refunds/refunds/", "markets/us/shipping/"])
def test_a_printed_page_carries_the_shop_the_url_and_the_date(page, origin, path):
    page.goto(f"{origin}/{path}")
    header = page.locator(".polyhelp-print-header")
    assert not header.is_visible(), "on screen the header says it already"
    page.emulate_media(media="print")
    assert header.is_visible()
    text = header.inner_text()
    assert SHOP["name"] in text
    assert f"{origin}/{path}" in text
    page.evaluate("dispatchEvent(new Event('beforeprint'))")
    today = page.evaluate(
        "new Date().toLocaleDateString(document.documentElement.lang, {dateStyle: 'long'})"
    )
    assert header.locator("time").inner_text() == today


# --- on a phone --------------------------------------------------------------------------

TABLE_PAGES = [
    "de/markets/at/shipping/",
    "markets/us/shipping/",
    "es/markets/mx/returns/",
    "fr/markets/ch/contact/",
    "orders-delivery/shipping/",
    "de/support/contact/",
]


@pytest.mark.parametrize("path", TABLE_PAGES)
def test_every_fact_of_a_table_is_on_a_375px_screen_without_scrolling(phone, origin, path):
    phone.goto(f"{origin}/{path}")
    cells = phone.locator("article td")
    assert cells.count() > 0
    offscreen = cells.evaluate_all(
        """cells => cells.filter(cell => {
            const box = cell.getBoundingClientRect();
            return box.left < 0 || box.right > 375 || cell.scrollWidth > cell.clientWidth + 1;
        }).map(cell => cell.textContent.trim())"""
    )
    assert offscreen == []
    scrolling = phone.locator("article table, article .md-typeset__scrollwrap").evaluate_all(
        "els => els.filter(el => el.scrollWidth > el.clientWidth + 1).length"
    )
    assert scrolling == 0
    labels = phone.locator("article td[data-label]")
    if labels.count():  # a stacked row shows each fact under its heading
        label = labels.first.get_attribute("data-label")
        assert label and phone.locator(f'article th:text-is("{label}")').count() >= 1


@pytest.mark.parametrize("path", TABLE_PAGES[:3])
@pytest.mark.parametrize("width", [375, 800])
def test_a_table_that_scrolls_can_be_scrolled_by_keyboard(browser, origin, path, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{origin}/{path}")
    ids = {v["id"] for v in AXE.run(page).response["violations"]}
    context.close()
    assert "scrollable-region-focusable" not in ids


@pytest.mark.parametrize("locale", list(LOCALE_PREFIXES))
def test_the_header_shows_the_whole_name_of_the_help_center_on_a_phone(phone, origin, locale):
    phone.goto(f"{origin}/{LOCALE_PREFIXES[locale]}")
    name = phone.locator(".md-header__topic:first-child .md-ellipsis")
    assert name.evaluate(
        "el => el.scrollWidth <= el.clientWidth && el.scrollHeight <= "
        "el.closest('.md-header').clientHeight"
    )
    box = name.bounding_box()
    header = phone.locator(".md-header").bounding_box()
    assert box["y"] >= header["y"] and box["y"] + box["height"] <= header["y"] + header["height"]
    assert name.inner_text().replace("\n", " ") == phone.title()


@pytest.mark.parametrize(
    "path",
    [
        "",
        "fr/",
        "de/",
        "es/",
        "fr/returns-refunds/refunds/",
        "es/support/complaints/",
        "de/markets/ch/shipping/",
    ],
)
def test_a_page_title_never_repeats_itself(page, origin, path):
    page.goto(f"{origin}/{path}")
    parts = [part.strip().casefold().replace("’", "'") for part in page.title().split(" - ")]
    for index, part in enumerate(parts):
        for other in parts[index + 1 :]:
            assert part not in other and other not in part, page.title()


@pytest.mark.parametrize("path", ["", "es/", "de/markets/at/shipping/", "fr/support/contact/"])
def test_no_sideways_scrolling_on_a_phone_without_javascript(browser, origin, path):
    context = browser.new_context(
        viewport={"width": 375, "height": 812}, is_mobile=True, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(f"{origin}/{path}")
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 375, f"the page scrolls sideways ({width}px wide)"


# --- every word in the reader's language -------------------------------------------------


@pytest.mark.parametrize(
    "locale, dark, permalink",
    [
        ("fr", "Passer en mode sombre", "Lien permanent"),
        ("de", "Zum dunklen Modus wechseln", "Dauerhafter Link"),
        ("es", "Cambiar al modo oscuro", "Enlace permanente"),
    ],
)
def test_the_palette_toggle_and_permalinks_speak_the_page_language(
    page, origin, locale, dark, permalink
):
    page.emulate_media(color_scheme="light")
    page.goto(f"{origin}/{locale}/returns-refunds/returns/")
    assert page.get_by_title(dark).first.is_visible()
    assert page.locator(f'a.headerlink[title="{permalink}"]').count() >= 1
    assert page.locator('a.headerlink[title="Permanent link"]').count() == 0


def test_a_page_shown_in_english_is_named_in_spanish_and_marked_as_english(page, origin):
    page.goto(f"{origin}/es/payment-account/payment/")
    entry = page.locator("nav.md-nav--primary a[href$='invoices/']").first
    name = "Facturas con número de IVA para empresas (en inglés)"
    assert entry.inner_text().strip() == name
    page.goto(f"{origin}/es/payment-account/invoices/")
    assert page.title().startswith(f"{name} - ")
    tocs = page.locator("[data-md-component=toc]")
    assert tocs.count() >= 1
    assert tocs.evaluate_all("lists => lists.map(list => list.lang)") == ["en"] * tocs.count()


# --- 404 ---------------------------------------------------------------------------------

NOT_FOUND = {
    "en": ("Page not found", "Returns and refunds"),
    "fr": ("Page introuvable", "Retours et remboursements"),
    "de": ("Seite nicht gefunden", "Rücksendungen und Erstattungen"),
    "es": ("Página no encontrada", "Devoluciones y reembolsos"),
}


@pytest.mark.parametrize("locale", list(LOCALE_PREFIXES))
def test_a_missing_page_answers_in_the_readers_language_with_search_and_topics(
    page, origin, locale
):
    prefix = LOCALE_PREFIXES[locale]
    asked = f"{origin}/{prefix}returns-refunds/no-such-page/"
    response = page.goto(asked)
    assert response.status == 404
    title, topic = NOT_FOUND[locale]
    heading = page.locator("article h1")
    heading.wait_for()
    assert heading.inner_text() == title
    page.wait_for_function("lang => document.documentElement.lang === lang", arg=locale)
    assert page.url == asked, "the address the reader typed stays in the address bar"
    page.get_by_role("link", name=topic, exact=True).first.click()
    page.wait_for_url(f"{origin}/{prefix}returns-refunds/returns/")


@pytest.mark.parametrize("locale", ["fr", "de"])
def test_the_404_search_opens_the_locales_own_search(page, origin, locale):
    page.goto(f"{origin}/{locale}/nowhere/")
    box = page.locator("article input[name=q]")
    box.wait_for()
    box.fill("retour" if locale == "fr" else "Rücksendung")
    box.press("Enter")
    page.wait_for_url(re.compile(rf"{origin}/{locale}/\?q="))
    page.locator(".md-search-result__item").first.wait_for()
    links = page.locator(".md-search-result__item > .md-search-result__link")
    hrefs = links.evaluate_all("els => els.map(e => new URL(e.href).pathname)")
    assert hrefs and all(href.startswith(f"/{locale}/") for href in hrefs)


def test_without_javascript_a_missing_page_offers_every_language(browser, origin):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    response = page.goto(f"{origin}/es/nada/")
    assert response.status == 404
    assert page.locator("article h1").inner_text() == "Page not found"
    assert page.locator('article a[hreflang="es"]').get_attribute("href") == "/es/"
    assert not page.locator("article input[name=q]").is_visible(), "no search without JS"
    context.close()


@pytest.mark.parametrize("locale", ["en", "es"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_404_page_has_no_serious_accessibility_violations(page, origin, locale, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{origin}/{LOCALE_PREFIXES[locale]}gone/")
    page.locator("article h1").wait_for()
    assert serious_violations(page) == []


# --- home page ---------------------------------------------------------------------------

HOME = {
    "en": "How can we help?",
    "fr": "Comment pouvons-nous vous aider\u202f?",
    "de": "Wie können wir Ihnen helfen?",
    "es": "¿En qué podemos ayudarle?",
}


def _nav_groups(page) -> list[str]:
    """The names of the navigation's topic groups, as the menu shows them."""
    return page.locator("nav.md-nav--primary > ul > li.md-nav__item--nested").evaluate_all(
        "items => items.map(i => i.querySelector(':scope > .md-nav__link').textContent.trim())"
    )


@pytest.mark.parametrize("locale", list(LOCALE_PREFIXES))
def test_the_home_page_is_a_help_center_home(page, origin, locale):
    prefix = LOCALE_PREFIXES[locale]
    page.goto(f"{origin}/{prefix}")
    headings = page.locator("article h1")
    assert headings.count() == 1 and headings.inner_text() == HOME[locale]
    following = headings.evaluate("h1 => h1.nextElementSibling.tagName")
    assert following == "FORM", "the search, not a second heading, follows the question"
    assert page.locator("article input#polyhelp-search-home").is_visible()
    cards = page.locator(".polyhelp-topic")
    names = cards.locator(".polyhelp-topic__title a").evaluate_all(
        "els => els.map(e => e.textContent.trim())"
    )
    assert names and names == _nav_groups(page)
    assert cards.locator(".polyhelp-topic__icon svg").count() == cards.count()
    questions = page.locator(".polyhelp-home__questions a")
    assert questions.count() >= 4
    for href in questions.evaluate_all("els => els.map(e => e.href)"):
        assert "/faq/#" in href
    markets = page.locator(".polyhelp-home__markets a")
    assert urlparse(markets.get_attribute("href")).path.rstrip("/").endswith("markets")
    assert page.locator(f'article a[href="mailto:{SHOP["email"]}"]').count() == 1
    assert page.locator("article a[href$='support/contact/']").count() >= 1


@pytest.mark.parametrize("locale", ["en", "de"])
def test_a_most_asked_question_lands_on_its_answer(page, origin, locale):
    page.goto(f"{origin}/{LOCALE_PREFIXES[locale]}")
    question = page.locator(".polyhelp-home__questions a").first
    text = question.inner_text()
    question.click()
    page.wait_for_url(re.compile(r".*/faq/#.+"))
    anchor = urlparse(page.url).fragment
    assert page.locator(f"article h2[id='{anchor}']").inner_text().startswith(text)


def test_the_home_search_field_opens_the_search(page, origin):
    page.goto(f"{origin}/fr/")
    page.locator("#polyhelp-search-home").click()
    material = page.locator("input.md-search__input")
    page.wait_for_function("document.activeElement.classList.contains('md-search__input')")
    material.press_sequentially("retour", delay=20)
    page.locator(".md-search-result__item").first.wait_for()
    assert page.locator("#__search").is_checked()


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_without_javascript_the_home_page_says_what_works(browser, origin, locale):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{origin}/{LOCALE_PREFIXES[locale]}")
    assert not page.locator("#polyhelp-search-home").is_visible(), "no search without JS"
    hint = page.locator(".polyhelp-home__no-script")
    assert hint.is_visible()
    assert page.locator(".polyhelp-topic a").count() > 10
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_the_home_page_has_no_serious_accessibility_violations(browser, origin, scheme, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{origin}/es/")
    assert serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


@pytest.mark.parametrize("locale", list(LOCALE_PREFIXES))
def test_without_javascript_every_question_and_article_is_listed_from_a_to_z(
    browser, origin, locale
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{origin}/{LOCALE_PREFIXES[locale]}")
    page.locator(".polyhelp-home__az a").click()
    page.wait_for_url(f"{origin}/{LOCALE_PREFIXES[locale]}a-z/")
    links = page.locator("ul.polyhelp-a-to-z a")
    entries = links.evaluate_all(
        "els => els.map(e => ({title: e.textContent.trim(), href: e.href}))"
    )
    titles = [entry["title"] for entry in entries]
    assert len(titles) > 40, "every article and every FAQ question"
    assert any("/faq/#" in entry["href"] for entry in entries)
    assert titles == sorted(titles, key=lambda t: _letters(t)), "alphabetical"
    pages: dict[str, str] = {}
    for entry in entries:
        address, _, anchor = entry["href"].partition("#")
        if address not in pages:
            response = page.request.get(address)
            assert response.status == 200, address
            pages[address] = response.text()
        if anchor:
            assert f'id="{anchor}"' in pages[address], entry["href"]
    context.close()


def _letters(title: str) -> str:
    decomposed = unicodedata.normalize("NFKD", title)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.lstrip("¿¡«»\"'“„(").casefold()
