"""Market data (data/markets/, privacy-regimes.yml, announcements.yml): every mistake is
reported with its file, its line and its field, says what is expected, and stops the build."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from polyhelp.errors import BuildError, DataError, EncodingError
from polyhelp.markets.load import MarketDataError, load_market_data
from polyhelp.site.build import build_site
from polyhelp.site.mkdocs_config import load_site
from tests.conftest import REPO, copy_help_center, line_of, replace_once

MARKETS = {"us", "ca", "uk", "fr", "de", "at", "ch", "es", "mx"}
PROBLEM_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<field>\S+): (?P<message>.+)$")


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    field: str
    message: str


def reported(error: MarketDataError) -> list[Problem]:
    """The problems as the user reads them: one 'file:line: field: message' per line."""
    problems = []
    for text in str(error).splitlines():
        match = PROBLEM_LINE.match(text)
        assert match, f"not 'file:line: field: message': {text!r}"
        problems.append(
            Problem(match["path"], int(match["line"]), match["field"], match["message"])
        )
    return problems


def problem_about(error: MarketDataError, field: str) -> Problem:
    found = [problem for problem in reported(error) if problem.field == field]
    assert len(found) == 1, f"expected one problem about {field}, got:\n{error}"
    return found[0]


@pytest.fixture
def help_center(tmp_path: Path) -> Path:
    """A copy of the repository's help center; returns its mkdocs.yml."""
    return copy_help_center(tmp_path / "help")


def edit(config: Path, name: str, old: str, new: str) -> str:
    """Change data/`name` of the copied help center; returns the file's new text."""
    return replace_once(config.parent / "data" / name, old, new)


def data_error(config: Path) -> MarketDataError:
    site = load_site(config)[0]
    with pytest.raises(MarketDataError) as caught:
        load_market_data(site)
    return caught.value


# --- the repository's own data -----------------------------------------------------------


def test_the_repository_data_loads_with_its_nine_markets():
    site = load_site(REPO / "mkdocs.yml")[0]
    data = load_market_data(site)
    assert set(data.markets) == MARKETS
    assert {market.privacy.regime for market in data.markets.values()} <= set(data.regimes)


def test_every_market_locale_is_built_by_the_site():
    site = load_site(REPO / "mkdocs.yml")[0]
    data = load_market_data(site)
    for code, market in data.markets.items():
        assert set(market.locales) <= set(site.locales), code
        assert market.default_locale in market.locales, code


# --- one mistake: file, line, field, what is expected ------------------------------------


def test_unknown_key_is_reported_on_its_line(help_center):
    text = edit(help_center, "markets/de.yml", "  options:\n", "  optoins:\n")
    problem = problem_about(data_error(help_center), "shipping.optoins")
    assert problem.path.endswith("data/markets/de.yml")
    assert problem.line == line_of(text, "optoins:")
    assert problem.message.startswith("unknown key; check its spelling and indentation")


def test_currency_must_be_an_iso_4217_code(help_center):
    text = edit(help_center, "markets/de.yml", "currency: EUR", "currency: EURO")
    problem = problem_about(data_error(help_center), "currency")
    assert problem.path.endswith("data/markets/de.yml")
    assert problem.line == line_of(text, "currency: EURO")
    assert "'EURO' is not an ISO 4217 currency code; write e.g. EUR" in problem.message


def test_time_zone_must_be_an_iana_name(help_center):
    text = edit(help_center, "markets/de.yml", "zone: Europe/Berlin", "zone: Europe/Berlinn")
    problem = problem_about(data_error(help_center), "timezone")
    assert problem.path.endswith("data/markets/de.yml")
    assert problem.line == line_of(text, "timezone: Europe/Berlinn")
    assert "'Europe/Berlinn' is not an IANA time zone; write e.g. Europe/Berlin" in problem.message


def test_a_market_locale_must_be_built_by_the_site(help_center):
    text = edit(help_center, "markets/de.yml", "locales: [de]", "locales: [de, it]")
    problem = problem_about(data_error(help_center), "locales[1]")
    assert problem.path.endswith("data/markets/de.yml")
    assert problem.line == line_of(text, "locales: [de, it]")
    assert "locale 'it' is not built by this site; use one of en, fr, de, es" in problem.message


def test_a_privacy_regime_without_a_privacy_page_is_refused(help_center):
    text = edit(help_center, "markets/de.yml", "regime: gdpr", "regime: eprivacy")
    problem = problem_about(data_error(help_center), "privacy.regime")
    assert problem.path.endswith("data/markets/de.yml")
    assert problem.line == line_of(text, "regime: eprivacy")
    assert "privacy regime 'eprivacy' has no privacy page" in problem.message
    assert "define it in data/privacy-regimes.yml" in problem.message


def test_a_regime_whose_policy_page_does_not_exist_is_refused(help_center):
    regimes = help_center.parent / "data" / "privacy-regimes.yml"
    text = regimes.read_text(encoding="utf-8")
    start = text.index("\nuk-gdpr:")
    regimes.write_text(
        text[:start] + text[start:].replace("policies/privacy.md", "policies/uk-privacy.md", 1),
        encoding="utf-8",
    )
    text = regimes.read_text(encoding="utf-8")
    problem = problem_about(data_error(help_center), "uk-gdpr.policy_page")
    assert problem.path.endswith("data/privacy-regimes.yml")
    assert problem.line == line_of(text, "policies/uk-privacy.md")
    assert "privacy page 'policies/uk-privacy.md' does not exist under en/" in problem.message


def test_a_price_may_not_be_negative(help_center):
    text = edit(help_center, "markets/de.yml", "price: 9.90", "price: -9.90")
    problem = problem_about(data_error(help_center), "shipping.options[1].price")
    assert problem.path.endswith("data/markets/de.yml")
    assert problem.line == line_of(text, "price: -9.90")
    assert "greater than or equal to 0" in problem.message


def test_an_unquoted_time_read_as_a_number_is_refused(help_center):
    # YAML 1.1 reads 14:00 as the sexagesimal number 840.
    text = edit(help_center, "markets/de.yml", "same_day_cutoff: '14:00'", "same_day_cutoff: 14:00")
    problem = problem_about(data_error(help_center), "shipping.same_day_cutoff")
    assert problem.path.endswith("data/markets/de.yml")
    assert problem.line == line_of(text, "same_day_cutoff: 14:00")
    assert "write times in quotes, e.g. '14:00'" in problem.message


def test_default_locale_must_be_one_of_the_market_locales(help_center):
    text = edit(help_center, "markets/de.yml", "default_locale: de", "default_locale: fr")
    problem = problem_about(data_error(help_center), "default_locale")
    assert problem.path.endswith("data/markets/de.yml")
    assert problem.line == line_of(text, "default_locale: fr")
    assert "'fr' is not one of locales" in problem.message


def test_refund_days_may_name_only_payment_methods_of_the_market(help_center):
    text = edit(
        help_center,
        "markets/de.yml",
        "    bank_transfer: {min: 3, max: 8}\n",
        "    bank_transfer: {min: 3, max: 8}\n    twint: {min: 1, max: 5}\n",
    )
    problem = problem_about(data_error(help_center), "returns.refund_days.twint")
    assert problem.path.endswith("data/markets/de.yml")
    assert problem.line == line_of(text, "twint:")
    assert "twint is not one of payment.methods" in problem.message


def test_an_announcement_for_an_unknown_market_is_refused(help_center):
    text = edit(help_center, "announcements.yml", "markets: [at]", "markets: [at, it]")
    problem = problem_about(data_error(help_center), "[0].markets[1]")
    assert problem.path.endswith("data/announcements.yml")
    assert problem.line == line_of(text, "markets: [at, it]")
    assert "unknown market 'it'; known: at, ca, ch, de, es, fr, mx, uk, us" in problem.message


def test_an_announcement_needs_its_english_text(help_center):
    text = edit(help_center, "announcements.yml", "    en: Deliveries", "    fr: Deliveries")
    problem = problem_about(data_error(help_center), "[0].text")
    assert problem.path.endswith("data/announcements.yml")
    assert problem.line == line_of(text, "  text:")
    assert "the en text is required" in problem.message


def test_an_announcement_may_not_end_before_it_starts(help_center):
    text = edit(help_center, "announcements.yml", "ends: 2026-11-27", "ends: 2026-11-19")
    problem = problem_about(data_error(help_center), "[0].ends")
    assert problem.path.endswith("data/announcements.yml")
    assert problem.line == line_of(text, "ends: 2026-11-19")
    assert "2026-11-19 is before starts (2026-11-20)" in problem.message


# --- several mistakes --------------------------------------------------------------------


def test_every_problem_of_a_file_is_reported_at_once(help_center):
    edit(help_center, "markets/de.yml", "currency: EUR", "currency: EURO")
    edit(help_center, "markets/de.yml", "zone: Europe/Berlin", "zone: Europe/Berlinn")
    edit(help_center, "markets/de.yml", "price: 9.90", "price: -9.90")
    text = edit(help_center, "markets/de.yml", "cutoff: '14:00'", "cutoff: 14:00")
    problems = reported(data_error(help_center))
    assert {(p.field, p.line) for p in problems} == {
        ("currency", line_of(text, "currency: EURO")),
        ("timezone", line_of(text, "Europe/Berlinn")),
        ("shipping.options[1].price", line_of(text, "price: -9.90")),
        ("shipping.same_day_cutoff", line_of(text, "cutoff: 14:00")),
    }
    assert all(p.path.endswith("data/markets/de.yml") for p in problems)


def test_problems_in_different_files_are_reported_together(help_center):
    market = edit(help_center, "markets/at.yml", "currency: EUR", "currency: EURO")
    notices = edit(help_center, "announcements.yml", "markets: [at]", "markets: [xx]")
    problems = {(Path(p.path).name, p.line, p.field) for p in reported(data_error(help_center))}
    assert ("at.yml", line_of(market, "EURO"), "currency") in problems
    assert ("announcements.yml", line_of(notices, "[xx]"), "[0].markets[0]") in problems


# --- bad data stops the build ------------------------------------------------------------


def test_bad_market_data_stops_the_build_and_publishes_nothing(help_center, tmp_path):
    text = edit(help_center, "markets/ch.yml", "\ncurrency: CHF", "\ncurrency: SFR")
    site_dir = tmp_path / "out" / "site"
    with pytest.raises(BuildError) as caught:
        build_site(help_center, site_dir=site_dir)
    expected = f"data/markets/ch.yml:{line_of(text, 'SFR')}: currency: 'SFR' is not an ISO 4217"
    assert expected in str(caught.value)
    assert not site_dir.exists()
    leftovers = list(site_dir.parent.iterdir()) if site_dir.parent.exists() else []
    assert leftovers == [], "no staging folder is left behind"


def test_bad_market_data_leaves_the_published_site_as_it_was(help_center, tmp_path):
    site_dir = tmp_path / "site"
    (site_dir / "markets").mkdir(parents=True)
    (site_dir / "index.html").write_text("the site published yesterday", encoding="utf-8")
    before = sorted(site_dir.rglob("*"))
    edit(help_center, "markets/at.yml", "price: 4.90", "price: -4.90")
    with pytest.raises(BuildError, match=r"data/markets/at\.yml:\d+: shipping\.options\[0\]"):
        build_site(help_center, site_dir=site_dir)
    assert sorted(site_dir.rglob("*")) == before
    assert (site_dir / "index.html").read_text(encoding="utf-8") == "the site published yesterday"


def test_polyhelp_build_exits_non_zero_naming_file_and_line(help_center, tmp_path):
    text = edit(help_center, "markets/mx.yml", "same_day_cutoff: '12:00'", "same_day_cutoff: 12:00")
    site_dir = tmp_path / "site"
    command = [REPO / ".venv" / "bin" / "polyhelp", "build", "--config-file", help_center]
    command += ["--site-dir", site_dir, "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert result.returncode == 1
    line = line_of(text, "same_day_cutoff: 12:00")
    assert result.stderr.startswith("polyhelp: error: build failed, nothing published")
    assert re.search(
        rf"^\S*data/markets/mx\.yml:{line}: shipping\.same_day_cutoff: write times in quotes",
        result.stderr,
        re.M,
    ), result.stderr
    assert "Traceback" not in result.stderr
    assert not site_dir.exists()


def test_a_free_shipping_threshold_must_be_above_the_price(help_center):
    text = edit(help_center, "markets/at.yml", "free_from: 60.00", "free_from: 4.00")
    problem = problem_about(data_error(help_center), "shipping.options[0].free_from")
    assert problem.path.endswith("data/markets/at.yml")
    assert problem.line == line_of(text, "free_from: 4.00")
    assert "4.00 is not more than the price" in problem.message


def test_a_closing_day_may_be_listed_only_once(help_center):
    text = edit(
        help_center, "markets/at.yml", "    - 2026-12-25\n", "    - 2026-12-25\n    - 2026-12-25\n"
    )
    problem = problem_about(data_error(help_center), "support.holidays_closed")
    assert problem.line == line_of(text, "holidays_closed:")
    assert "each entry may appear only once" in problem.message


def test_impossible_date_names_file_and_line(help_center):
    # YAML reads 2026-02-30 as a date and datetime raises a bare ValueError.
    text = edit(help_center, "announcements.yml", "ends: 2026-11-27", "ends: 2026-02-30")
    with pytest.raises(DataError) as caught:
        load_market_data(load_site(help_center)[0])
    assert caught.value.path.name == "announcements.yml"
    assert caught.value.line == line_of(text, "ends: 2026-02-30")
    assert "'2026-02-30' is not a date on the calendar" in caught.value.message


def test_duplicate_data_key_is_refused(help_center):
    # PyYAML keeps the last 'currency' without a word: the market would charge in it.
    text = edit(help_center, "markets/at.yml", "currency: EUR\n", "currency: EUR\ncurrency: CHF\n")
    with pytest.raises(DataError) as caught:
        load_market_data(load_site(help_center)[0])
    assert caught.value.path.name == "at.yml"
    assert caught.value.line == line_of(text, "currency: CHF")
    assert f"duplicate key 'currency', first given on line {line_of(text, 'currency: EUR')}" in (
        caught.value.message
    )


def test_non_utf8_market_data_names_file_and_line(help_center):
    path = help_center.parent / "data" / "markets" / "at.yml"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.replace("Österreichische", "\xd6sterreichische").encode("latin-1"))
    with pytest.raises(EncodingError) as caught:
        load_market_data(load_site(help_center)[0])
    assert (caught.value.path, caught.value.line) == (path, line_of(text, "Österreichische"))


# --- legal citations in every language a market shows ------------------------------------


def test_a_citation_missing_for_a_locale_the_market_shows_names_file_line_and_example(
    help_center,
):
    text = edit(help_center, "markets/ch.yml", "      fr: art. 210, al. 1, CO\n", "")
    problem = problem_about(data_error(help_center), "returns.legal_guarantee.source")
    assert problem.path.endswith("data/markets/ch.yml")
    assert problem.line == line_of(text, "de: Art. 210 Abs. 1 OR") - 1  # on source:
    assert "no citation for 'fr', a locale this market shows" in problem.message
    assert 'e.g. source: {de: "Art. 15 DSGVO", fr: "art. 15 du RGPD"}' in problem.message


def test_a_single_citation_is_refused_where_the_market_shows_several_locales(help_center):
    text = edit(
        help_center,
        "markets/us.yml",
        "    source:\n      en: 16 CFR Part 429\n      es: 16 CFR parte 429\n",
        "    source: 16 CFR Part 429\n",
    )
    problem = problem_about(data_error(help_center), "returns.legal_minimum.source")
    assert problem.line == line_of(text, "source: 16 CFR Part 429")
    assert "one citation per locale: this market shows en, es" in problem.message
    assert 'source: {en: "GDPR Art. 15", es: "art. 15 del RGPD"}' in problem.message


def test_a_single_citation_serves_a_market_with_one_locale():
    site = load_site(REPO / "mkdocs.yml")[0]
    germany = load_market_data(site).markets["de"]
    assert germany.returns.legal_guarantee.source == "§ 438 Abs. 1 Nr. 3 BGB"


def test_a_citation_that_is_neither_text_nor_one_per_locale_is_refused(help_center):
    text = edit(help_center, "markets/de.yml", "source: § 12 Abs. 1 UStG", "source: 12")
    problem = problem_about(data_error(help_center), "customs.tax.source")
    assert problem.line == line_of(text, "source: 12")
    assert "write the citation in each language the market shows" in problem.message


def test_a_carrier_named_per_locale_needs_every_locale_of_the_market(help_center):
    text = edit(help_center, "markets/ch.yml", "{de: Die Post, fr: La Poste}", "{de: Die Post}")
    problem = problem_about(data_error(help_center), "shipping.options[0].carrier")
    assert problem.line == line_of(text, "carrier: {de: Die Post}")
    assert "no text for 'fr', a locale that shows it" in problem.message


def test_a_regime_right_without_an_article_is_refused_with_an_example(help_center):
    text = edit(
        help_center, "privacy-regimes.yml", "    - {right: portability, article: '28'}\n",
        "    - {right: portability}\n",
    )  # fmt: skip
    problem = problem_about(data_error(help_center), "revfadp.rights[3].article")
    assert problem.path.endswith("data/privacy-regimes.yml")
    assert problem.line == line_of(text, "- {right: portability}")
    assert "e.g. {right: access, article: '15'}" in problem.message


def test_a_regime_without_a_citation_form_for_a_shown_locale_is_refused(help_center):
    text = edit(help_center, "privacy-regimes.yml", "    fr: art. {article} LPD\n", "")
    problem = problem_about(data_error(help_center), "revfadp.cite")
    assert problem.line == line_of(text, "cite:  # Swiss forms")
    assert "no citation form for 'fr', which a market using this regime shows" in problem.message
    assert 'cite: {fr: "art. {article} du RGPD"}' in problem.message


def test_an_article_given_per_locale_needs_every_locale_of_the_regime_s_markets(help_center):
    text = edit(
        help_center, "privacy-regimes.yml",
        "article: {en: 32(1), fr: '32, al. 1,', de: 32 Abs. 1, es: '32.1'}",
        "article: {en: 32(1), de: 32 Abs. 1}",
    )  # fmt: skip
    problem = problem_about(data_error(help_center), "revfadp.rights[1].article")
    assert problem.line == line_of(text, "article: {en: 32(1), de: 32 Abs. 1}")
    assert "no text for 'fr'" in problem.message


def test_a_citation_pattern_must_hold_the_article_once(help_center):
    text = edit(help_center, "privacy-regimes.yml", "de: Art. {article} DSG\n", "de: DSG\n")
    problem = problem_about(data_error(help_center), "revfadp.cite.de")
    assert problem.line == line_of(text, "de: DSG")
    assert "must contain {article} once" in problem.message


def test_a_withdrawal_right_needs_its_legal_refund_deadline(help_center):
    path = help_center.parent / "data" / "markets" / "fr.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  legal_refund:")
    end = text.index("  legal_guarantee:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    problem = problem_about(data_error(help_center), "returns.legal_refund")
    assert problem.path.endswith("data/markets/fr.yml")
    assert "required where the law gives a right of withdrawal" in problem.message
    assert "legal_refund: {days: 14, withhold_until_returned: true" in problem.message


def test_a_legal_refund_without_a_withdrawal_right_is_refused(help_center):
    edit(
        help_center, "markets/us.yml", "  legal_guarantee:",
        "  legal_refund: {days: 14, withhold_until_returned: true, source: {en: xyz, es: xyz}}\n"
        "  legal_guarantee:",
    )  # fmt: skip
    problem = problem_about(data_error(help_center), "returns.legal_refund")
    assert "only where the law gives a right of withdrawal" in problem.message


def test_a_shop_that_sells_or_shares_under_the_ccpa_must_show_the_link(help_center):
    text = edit(help_center, "markets/us.yml", "sells_or_shares: false", "sells_or_shares: true")
    problem = problem_about(data_error(help_center), "privacy.do_not_sell_link.required")
    assert problem.line == line_of(text, "required: false")
    assert "must show the link" in problem.message and "write required: true" in problem.message


def test_whether_the_shop_sells_or_shares_is_stated_under_the_ccpa(help_center):
    text = edit(help_center, "markets/us.yml", "    sells_or_shares: false\n", "")
    problem = problem_about(data_error(help_center), "privacy.do_not_sell_link")
    assert problem.line == line_of(text, "do_not_sell_link:")
    assert "sells_or_shares: required" in problem.message


def test_a_refund_counted_from_the_goods_return_cannot_also_wait_for_them(help_center):
    text = edit(
        help_center,
        "markets/uk.yml",
        "    withhold_until_returned: false\n",
        "    withhold_until_returned: true\n",
    )
    problem = problem_about(data_error(help_center), "returns.legal_refund.withhold_until_returned")
    assert problem.line == line_of(text, "withhold_until_returned: true")
    assert "already wait for them" in problem.message


def test_a_regime_without_a_name_in_a_shown_locale_is_refused(help_center):
    text = edit(
        help_center,
        "privacy-regimes.yml",
        "    fr: Loi fédérale sur la protection des données (LPD)\n",
        "",
    )
    problem = problem_about(data_error(help_center), "revfadp.name")
    assert problem.line == line_of(text, "Swiss Federal Act on Data Protection (FADP)") - 1
    assert "no name in 'fr', which a market using this regime shows" in problem.message


def test_a_carrier_named_in_a_locale_the_site_does_not_build_is_refused(help_center):
    edit(
        help_center,
        "markets/ch.yml",
        "{de: Die Post, fr: La Poste}",
        "{de: Die Post, fr: La Poste, it: La Posta}",
    )
    problem = problem_about(data_error(help_center), "shipping.options[0].carrier.it")
    assert "'it' is not a locale of this site" in problem.message
