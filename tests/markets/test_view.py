"""Market facts as a page shows them: the words around a value say what the value is."""

from __future__ import annotations

import datetime

import pytest

from polyhelp.markets.load import load_market_data
from polyhelp.markets.view import market_values
from polyhelp.site.mkdocs_config import load_site
from tests.conftest import REPO

TODAY = datetime.date(2026, 12, 1)


@pytest.fixture(scope="module")
def data():
    return load_market_data(load_site(REPO / "mkdocs.yml")[0])


@pytest.mark.parametrize(
    ("language", "wording"),
    [
        ("de", "Einfuhrsteuer: Ein Betrag von höchstens CHF\u00a05.00 wird nicht erhoben"),
        ("fr", "Taxe d’importation : rien n’est perçu tant que son montant ne dépasse pas"),
    ],
)
def test_swiss_threshold_is_the_tax_amount_not_the_order_value(data, language, wording):
    thresholds = market_values(data, "ch", language, TODAY)["customs"]["thresholds"]
    assert wording.replace("\u00a0", " ") in thresholds.replace("\u00a0", " ")
    assert "Bestellung" not in thresholds and "commande" not in thresholds


def test_uk_threshold_is_the_order_value(data):
    thresholds = market_values(data, "uk", "en", TODAY)["customs"]["thresholds"]
    assert "not charged on orders worth up to £135.00" in thresholds
