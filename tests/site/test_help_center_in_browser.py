"""The help center as a customer meets it in headless Chromium: contact details to tap, quiet
pages, a phone's screen, every word in the reader's language, the 404 and the home page.

The site is built and served as in tests/site/test_in_browser.py (its fixtures), once for
this module.
"""

from __future__ import annotations

import re

import pytest
import yaml

from tests.conftest import REPO
from tests.site.test_in_browser import (  # noqa: F401  (fixtures)
    LOCALE_PREFIXES,
    browser,
    origin,
    page,
    phone,
    requests_seen,
    serious_violations,
)

pytestmark = pytest.mark.browser

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
    dial = "tel:" + "+" + re.sub(r"\D", "", SHOP["phone"])
    call = article.locator(f'a[href="{dial}"]').first
    assert call.inner_text() == SHOP["phone"]
    for key in ("account_url", "returns_url"):
        assert article.locator(f'a[href="{SHOP[key]}"]').count() >= 1, key
    assert all(E164.fullmatch(href) for href in _hrefs(page, 'article a[href^="tel:"]'))


@pytest.mark.parametrize(
    "path", ["fr/markets/ch/contact/", "markets/us/contact/", "de/policies/accessibility/"]
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
    "es/support/complaints/",
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
