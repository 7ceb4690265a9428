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


@pytest.mark.parametrize(
    ("code", "language", "access", "consent"),
    [
        ("de", "de", "(Art. 15 DSGVO)", "(Art. 7 Abs. 3 DSGVO)"),
        ("fr", "fr", "(art. 15 du RGPD)", "(art. 7, paragraphe 3, du RGPD)"),
        ("es", "es", "(art. 15 del RGPD)", "(art. 7.3 del RGPD)"),
        ("uk", "en", "(UK GDPR Art. 15)", "(UK GDPR Art. 7(3))"),
        ("ch", "de", "(Art. 25 DSG)", "(Art. 32 Abs. 2 Bst. c DSG)"),
        ("ch", "fr", "(art. 25 LPD)", "(art. 32, al. 2, let. c, LPD)"),
        ("ca", "fr", "(LPRPDE, art. 8 et ann. 1, art. 4.9)", "(LPRPDE, ann. 1, art. 4.3.8)"),
        ("us", "es", "(Código Civil de California, § 1798.110)", "§ 1798.105)"),
    ],
)
def test_privacy_rights_are_cited_in_the_reader_s_language_and_form(
    data, code, language, access, consent
):
    rights = market_values(data, code, language, TODAY)["privacy"]["rights"]
    assert access in rights and consent in rights
    if language != "en":
        assert "GDPR Art." not in rights and "FADP" not in rights and "PIPEDA" not in rights


@pytest.mark.parametrize(
    ("code", "language", "citation"),
    [
        ("de", "de", "Art. 12 Abs. 3 DSGVO"),
        ("fr", "fr", "art. 12, paragraphe 3, du RGPD"),
        ("es", "es", "art. 12.3 del RGPD"),
        ("ch", "de", "Art. 25 Abs. 7 DSG; Art. 18 DSV"),
        ("ch", "fr", "art. 25, al. 7, LPD ; art. 18 OPDo"),
        ("ca", "en", "PIPEDA s. 8(3)"),
        ("ca", "fr", "LPRPDE, par. 8(3)"),
        ("us", "es", "Código Civil de California, § 1798.130(a)(2)"),
    ],
)
def test_the_answer_deadline_is_cited_in_the_page_s_language(data, code, language, citation):
    assert market_values(data, code, language, TODAY)["privacy"]["deadline_source"] == citation


@pytest.mark.parametrize(
    ("code", "deadline"),
    [("ch", "30 Tage"), ("ca", "30 days"), ("mx", "20 días"), ("de", "1 Monat"), ("us", "45 days")],
)
def test_privacy_answer_deadlines_are_the_law_s(data, code, deadline):
    language = data.markets[code].default_locale
    shown = market_values(data, code, language, TODAY)["privacy"]["deadline"]
    assert shown.replace("\u00a0", " ") == deadline


def test_swiss_carrier_is_named_in_each_language(data):
    assert market_values(data, "ch", "de", TODAY)["shipping"]["standard"]["carrier"] == "Die Post"
    assert market_values(data, "ch", "fr", TODAY)["shipping"]["standard"]["carrier"] == "La Poste"


@pytest.mark.parametrize(
    ("code", "language", "wording"),
    [
        ("de", "de", "spätestens 14 Tage nach dem Tag zurück, an dem Sie uns mitteilen"),
        ("fr", "fr", "au plus tard 14 jours après le jour où vous nous informez"),
        ("es", "es", "en un plazo máximo de 14 días a partir del día en que nos comunique"),
    ],
)
def test_the_legal_refund_counts_from_the_withdrawal_and_may_wait_for_the_goods(
    data, code, language, wording
):
    returns = market_values(data, code, language, TODAY)["returns"]
    assert returns["has_legal_refund"] is True
    assert wording in returns["legal_refund"].replace("\u00a0", " ")
    withhold = {"de": "bis wir die Ware", "fr": "jusqu’à la récupération", "es": "hasta recibir"}
    assert withhold.get(language, "until the item is back") in returns["legal_refund"]


def test_in_the_uk_the_legal_refund_counts_from_the_goods_return_or_proof_of_sending(data):
    refund = market_values(data, "uk", "en", TODAY)["returns"]["legal_refund"]
    assert "within 14 days of the day the item is back with us" in refund
    assert "if earlier, the day you show us proof that you sent it" in refund
    assert "you tell us" not in refund


def test_the_legal_refund_cites_article_13_in_the_reader_s_form(data):
    cited = {
        code: market_values(data, code, data.markets[code].default_locale, TODAY)["returns"]
        for code in ("de", "at", "fr", "es", "uk")
    }
    assert "Art. 13 Abs. 1 und 3 Richtlinie 2011/83/EU" in cited["de"]["legal_refund"]
    assert "§ 14 Abs. 1 und 3 FAGG" in cited["at"]["legal_refund"]
    assert "art. 13, paragraphes 1 et 3, de la directive 2011/83/UE" in cited["fr"]["legal_refund"]
    assert "arts. 13.1 y 13.3 de la Directiva 2011/83/UE" in cited["es"]["legal_refund"]
    assert "reg. 34(4) to (6)" in cited["uk"]["legal_refund"]


@pytest.mark.parametrize(("code", "language"), [("us", "en"), ("ca", "fr"), ("ch", "de")])
def test_without_a_withdrawal_right_the_legal_refund_says_none(data, code, language):
    returns = market_values(data, code, language, TODAY)["returns"]
    assert returns["has_legal_refund"] is False
    source = data.markets[code].returns.legal_minimum.source
    citation = source if isinstance(source, str) else source[language]
    assert returns["legal_refund"].endswith(f"({citation}).")


def test_mexico_refund_is_owed_without_a_deadline(data):
    returns = market_values(data, "mx", "es", TODAY)["returns"]
    assert returns["has_legal_refund"] is True
    assert "la ley no fija un plazo para el reembolso" in returns["legal_refund"]


def test_the_us_privacy_rights_are_scoped_to_california(data):
    for language, wording in (("en", "the State of California"), ("es", "estado de California")):
        privacy = market_values(data, "us", language, TODAY)["privacy"]
        assert privacy["is_regional"] is True
        assert wording in privacy["scope"]
        assert privacy["do_not_sell"] is False and privacy["sells_or_shares"] is False
    assert market_values(data, "de", "de", TODAY)["privacy"]["scope"] == ""
