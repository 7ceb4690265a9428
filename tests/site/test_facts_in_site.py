"""Every fact on the built help center comes from data, and the known mismatches are gone.

Each test reads what a customer reads: the rendered page of the repository's own help
center, in every locale, compared with the value the data defines (formatted as the build
formats it), not with a sentence that used to be wrong.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from datetime import date
from pathlib import Path
from unittest.mock import patch

import pytest

from polyhelp.content.typography import apply_typography
from polyhelp.markets import formatting as fmt
from polyhelp.markets.labels import label
from polyhelp.markets.load import load_market_data
from polyhelp.markets.view import market_values
from polyhelp.project.build_date import ENVIRONMENT_VARIABLE
from polyhelp.project.shop import load_shop
from polyhelp.site.build import build_site
from polyhelp.site.mkdocs_config import load_site
from polyhelp.translation.segment import segment
from tests.conftest import REPO, copy_help_center

TODAY = date(2026, 12, 4)
LOCALES = ("en", "fr", "de", "es")
SITE = load_site(REPO / "mkdocs.yml")[0]
DATA = load_market_data(SITE)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = copy_help_center(tmp_path_factory.mktemp("facts") / "help").parent
    with patch.dict(os.environ, {ENVIRONMENT_VARIABLE: TODAY.isoformat()}):
        return build_site(root / "mkdocs.yml", site_dir=root.parent / "site").site_dir


def page(site: Path, locale: str, path: str) -> str:
    prefix = "" if locale == "en" else f"{locale}/"
    return (site / prefix / path / "index.html").read_text(encoding="utf-8")


def text(document: str) -> str:
    """The article's words, as a reader sees them (spaces of any width made plain)."""
    article = document[document.find("<article") : document.find("</article>")]
    words = html.unescape(re.sub(r"<[^>]+>", " ", article))
    return re.sub(r"[\s\u00a0\u202f]+", " ", words)


def shown(value: str, locale: str) -> str:
    """A value as a page of `locale` shows it (the build's typography), spaces made plain."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", apply_typography(value, locale))


def offering(locale: str) -> list[str]:
    return DATA.markets_for(locale)


@pytest.mark.parametrize("locale", LOCALES)
def test_shipping_page_gives_each_markets_own_cutoff(built, locale):
    # Mismatch 3: one Berlin cut-off was given to everyone.
    words = text(page(built, locale, "orders-delivery/shipping"))
    for code in offering(locale):
        market = DATA.markets[code]
        cutoff = fmt.clock(
            market.shipping.same_day_cutoff,
            market.timezone,
            TODAY,
            fmt.formatting_locale(locale, market.country),
        )
        assert shown(cutoff, locale) in words, code


@pytest.mark.parametrize("locale", LOCALES)
def test_contact_page_links_each_markets_local_phone_and_hours(built, locale):
    # Mismatches 4 and 5: Berlin hours and the German number for everyone.
    document = page(built, locale, "support/contact")
    for code in offering(locale):
        support = DATA.markets[code].support
        assert f'href="tel:{support.phone.replace(" ", "")}"' in document, code
        first = support.hours[0]
        market_locale = fmt.formatting_locale(locale, DATA.markets[code].country)
        hours = fmt.clock_range(
            first.opens, first.closes, DATA.markets[code].timezone, TODAY, market_locale
        )
        assert shown(hours, locale) in text(document), code
    # The head office's number is no support line, except where it is a market's own.
    phones = {DATA.markets[code].support.phone.replace(" ", "") for code in offering(locale)}
    head_office = load_shop(SITE.data_dir)["phone"].replace(" ", "")
    assert head_office in phones or f"tel:{head_office}" not in document


@pytest.mark.parametrize("locale", LOCALES)
def test_every_market_payment_page_lists_gift_cards(built, locale):
    # Mismatch 9: gift cards were a payment method in no market's data.
    for code in offering(locale):
        words = text(page(built, locale, f"markets/{code}/payment"))
        assert label(locale, "method.gift_card") in words, code


def test_card_is_charged_when_the_order_ships_on_general_and_market_pages(built):
    # Mismatch 1: general pages said at dispatch, market pages at ordering.
    for path in ["payment-account/payment", *(f"markets/{c}/payment" for c in offering("en"))]:
        words = text(page(built, "en", path))
        assert "charge it when your order ships" in words, path
        assert "when you place your order" not in words, path


def test_us_orders_clear_no_customs(built):
    # Mismatch 2: the orders FAQ said US orders may owe duties.
    words = text(page(built, "en", "orders-delivery/customs"))
    none = label("en", "customs.domestic")
    assert re.search(r"United States " + re.escape(none), words)
    assert "USA" not in text(page(built, "en", "orders-delivery/faq"))


@pytest.mark.parametrize(("code", "locale"), [("ca", "en"), ("ca", "fr"), ("mx", "es")])
def test_taxes_collected_on_delivery_are_not_also_charged_at_checkout(built, code, locale):
    # Mismatch 7: Canada and Mexico pages charged the tax twice, as written.
    tax = market_values(DATA, code, locale, TODAY)["customs"]["tax"]
    words = text(page(built, locale, f"markets/{code}/customs"))
    assert shown(tax, locale).split(" (")[0] in words
    collected = {"en": "on delivery", "fr": "à la livraison", "es": "en la entrega"}[locale]
    at_checkout = {"en": "at checkout", "fr": "lors du paiement", "es": "al pagar"}[locale]
    assert collected in tax and at_checkout not in tax


@pytest.mark.parametrize("locale", ["fr", "es"])
def test_countries_served_are_exactly_the_markets_offering_the_language(built, locale):
    # Mismatch 10: French and Spanish pages implied delivery to every EU country.
    document = page(built, locale, "orders-delivery/shipping")
    linked = set(re.findall(r'href="\.\./\.\./markets/([a-z]{2})/shipping/"', document))
    assert linked == set(offering(locale))


@pytest.mark.parametrize("locale", LOCALES)
def test_privacy_policy_gives_each_markets_deadline_and_authority(built, locale):
    # Mismatch 11: Switzerland, Canada and Mexico were wrong or missing.
    document = page(built, locale, "policies/privacy")
    words = text(document)
    for code in offering(locale):
        privacy = market_values(DATA, code, locale, TODAY)["privacy"]
        assert shown(privacy["deadline"], locale) in words, code
        assert f'href="{privacy["authority_url"]}"' in document, code


def test_no_swiss_reader_is_promised_a_withdrawal_right(built):
    # Mismatch 13: the German returns FAQ promised Swiss readers 14 days.
    row = re.search(
        r"Schweiz (.*?) (?:Deutschland|Österreich|$)",
        text(page(built, "de", "returns-refunds/returns")),
    )
    assert row, "no Swiss row"
    assert DATA.markets["ch"].returns.legal_minimum.days is None
    assert "14" not in row.group(1)


def _structure(path: Path) -> list[tuple]:
    return [
        (seg.kind, seg.source.count("{{"), len(re.findall(r"\]\(", seg.source)))
        for seg in segment(path.read_text(encoding="utf-8"), path).segments
        if seg.kind != "meta"
    ]


@pytest.mark.parametrize("locale", ["fr", "de", "es"])
@pytest.mark.parametrize(
    "name",
    ["policies/privacy.md", "policies/cookies.md", "policies/accessibility.md",
     "markets/topics/privacy.md"],
)  # fmt: skip
def test_legal_pages_state_the_same_in_every_locale(locale, name):
    # Mismatch 12: the privacy policy differed in substance between languages. The same
    # blocks, placeholders (every basis, period and right comes from them) and links.
    english, translated = SITE.docs_dir / "en" / name, SITE.docs_dir / locale / name
    assert _structure(translated) == _structure(english)
    placeholders = re.compile(r"\{\{\s*[\w.]+\s*\}\}")
    assert sorted(placeholders.findall(translated.read_text("utf-8"))) == sorted(
        placeholders.findall(english.read_text("utf-8"))
    )


def test_a_policy_changed_once_in_data_changes_every_page_and_locale(tmp_path):
    root = copy_help_center(tmp_path / "help").parent
    policies = root / "data/policies.yml"
    policies.write_text(
        policies.read_text("utf-8").replace(
            "window: {amount: 30, unit: days}", "window: {amount: 45, unit: days}"
        ),
        encoding="utf-8",
    )
    shutil.rmtree(root / "translations", ignore_errors=True)
    shutil.copytree(REPO / "translations", root / "translations")
    with patch.dict(os.environ, {ENVIRONMENT_VARIABLE: TODAY.isoformat()}):
        site = build_site(root / "mkdocs.yml", site_dir=tmp_path / "site").site_dir
    for locale in LOCALES:
        forty_five = shown(fmt.duration(45, "days", locale), locale)
        thirty = shown(fmt.duration(30, "days", locale), locale)
        for path in (
            "returns-refunds/returns",
            "returns-refunds/faq",
            "orders-delivery/pre-orders",
        ):
            words = text(page(site, locale, path))
            assert forty_five in words and thirty not in words, (locale, path)
