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
