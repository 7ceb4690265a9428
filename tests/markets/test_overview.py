"""General pages show market facts as tables: one row per market offering the page's
language, each fact formatted as on that market's own page, each country linked to it."""

from __future__ import annotations

import html
import os
import re
from datetime import date
from pathlib import Path
from unittest.mock import patch

import pytest

from polyhelp.markets.formatting import clock, formatting_locale
from polyhelp.markets.load import load_market_data
from polyhelp.markets.overview import TABLES, overview_values
from polyhelp.markets.view import market_values
from polyhelp.project.build_date import ENVIRONMENT_VARIABLE
from polyhelp.site.build import build_site
from polyhelp.site.mkdocs_config import load_site
from tests.conftest import REPO, copy_help_center

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def data():
    return load_market_data(load_site(REPO / "mkdocs.yml")[0])


def tables(data, locale: str, language: str | None = None) -> dict[str, str]:
    return overview_values(
        data, locale, language or locale, TODAY, lambda code, topic: f"{code}/{topic}.md"
    )


def rows(table: str) -> list[str]:
    return table.splitlines()[2:]


@pytest.mark.parametrize("locale", ["en", "fr", "de", "es"])
def test_every_table_has_a_row_per_market_offering_the_locale(data, locale):
    offering = data.markets_for(locale)
    for name, table in tables(data, locale).items():
        linked = {re.search(r"\]\(<(\w+)/", row).group(1) for row in rows(table)}
        assert linked == set(offering), name


def test_a_market_not_offering_the_language_has_no_row(data):
    french = tables(data, "fr")
    assert "(<de/" not in french["dispatch"]  # Germany offers German only
    assert "(<ch/" in french["dispatch"] and "(<ca/" in french["dispatch"]


def test_country_links_to_that_markets_page_on_the_tables_topic(data):
    for name, (topic, _) in TABLES.items():
        assert f"(<us/{topic}.md>)" in tables(data, "en")[name], name


def test_cutoff_is_each_markets_own_time_in_its_zone(data):
    dispatch = tables(data, "es")["dispatch"]
    for code in ("es", "mx", "us"):
        market = data.markets[code]
        expected = clock(
            market.shipping.same_day_cutoff,
            market.timezone,
            TODAY,
            formatting_locale("es", market.country),
        )
        row = next(row for row in rows(dispatch) if f"(<{code}/" in row)
        assert html.unescape(expected) in html.unescape(row)


def test_support_rows_link_each_markets_local_phone(data):
    support = tables(data, "en")["support"]
    for code in data.markets_for("en"):
        phone = data.markets[code].support.phone
        assert f"(<tel:{phone.replace(' ', '')}>)" in support


def test_carrier_collected_taxes_are_not_also_said_to_be_added_at_checkout(data):
    # Mismatch 7: Canada and Mexico ship DAP; their taxes are due on delivery, once.
    for code, language in (("ca", "en"), ("ca", "fr"), ("mx", "es")):
        tax = market_values(data, code, language, TODAY)["customs"]["tax"]
        assert "checkout" not in tax and "paiement" not in tax and "al pagar" not in tax
    assert "on delivery" in market_values(data, "ca", "en", TODAY)["customs"]["tax"]


def test_legal_guarantee_comes_from_each_markets_data(data):
    spanish = tables(data, "es")["guarantee"]
    spain = next(row for row in rows(spanish) if "(<es/" in row)
    assert "3 años" in spain.replace("\u00a0", " ")
    english = tables(data, "en")["guarantee"]
    uk = next(row for row in rows(english) if "(<uk/" in row)
    assert "No fixed period" in uk and "Consumer Rights Act 2015" in uk


def test_a_fallback_text_keeps_the_sites_markets_in_the_texts_language(data):
    # An English legal text shown on /fr/ lists the markets that offer French, in English.
    table = tables(data, "fr", language="en")["privacy"]
    assert "(<fr/" in table and "(<us/" not in table
    assert "Time for our answer" in table


def test_data_values_in_cells_are_literal(data):
    for table in tables(data, "en").values():
        assert "<script" not in table
        assert all(row.count("|") >= 3 for row in rows(table))


# --- in the built site ---------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The help center with a page stating every table, and a changed Canadian cut-off."""
    root = copy_help_center(tmp_path_factory.mktemp("overview") / "help").parent
    page = root / "docs/en/orders-delivery/shipping.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + "".join(f"\n## Table {name}\n\n{{{{ markets.{name} }}}}\n" for name in TABLES),
        encoding="utf-8",
    )
    canada = root / "data/markets/ca.yml"
    canada.write_text(
        canada.read_text(encoding="utf-8").replace(
            "same_day_cutoff: '14:00'", "same_day_cutoff: '11:30'"
        ),
        encoding="utf-8",
    )
    with patch.dict(os.environ, {ENVIRONMENT_VARIABLE: TODAY.isoformat()}):
        return build_site(root / "mkdocs.yml", site_dir=root.parent / "site").site_dir


def test_a_cutoff_changed_once_in_data_changes_the_general_and_market_pages(built):
    general = (built / "orders-delivery/shipping/index.html").read_text(encoding="utf-8")
    market = (built / "markets/ca/shipping/index.html").read_text(encoding="utf-8")
    assert "11:30\u202fa.m." in general or "11:30 a.m." in general
    assert "11:30\u202fa.m." in market or "11:30 a.m." in market


def test_table_links_reach_the_market_pages(built):
    general = (built / "orders-delivery/shipping/index.html").read_text(encoding="utf-8")
    targets = set(re.findall(r'href="(\.\./\.\./markets/[a-z]{2}/[a-z]+/)"', general))
    assert targets
    for target in targets:
        assert (built / "orders-delivery/shipping" / target / "index.html").resolve().is_file()
