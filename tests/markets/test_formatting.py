"""Market facts formatted by Babel (CLDR) for the page's language in the market's country,
the sections shown only when the data says so, and where table and list placeholders go."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

import pytest

from polyhelp.content.conditions import apply_conditions
from polyhelp.content.placeholders import Block, render
from polyhelp.errors import PlaceholderError
from polyhelp.markets import formatting as fmt
from polyhelp.markets.load import MarketData, load_market_data
from polyhelp.markets.view import market_values
from polyhelp.site.mkdocs_config import load_site
from tests.conftest import REPO

WINTER = date(2026, 11, 23)  # CET in Berlin, EST in New York
SUMMER = date(2027, 7, 1)  # CEST, EDT
NBSP = "\u00a0"  # CLDR puts a no-break space between amount and currency where it has one
NNBSP = "\u202f"  # and a narrow one before a.m./p.m. in English
PATH = "docs/en/markets/topics/privacy.md"

GERMAN_DAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
GERMAN_MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)  # fmt: skip
ENGLISH_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@pytest.fixture(scope="module")
def data() -> MarketData:
    return load_market_data(load_site(REPO / "mkdocs.yml")[0])


def option(data: MarketData, code: str, service: str = "standard"):
    return next(o for o in data.markets[code].shipping.options if o.service == service)


def shipping(data: MarketData, code: str, language: str, today: date = WINTER) -> dict:
    return market_values(data, code, language, today)["shipping"]


def comma_decimal(amount: Decimal) -> str:
    return f"{amount:.2f}".replace(".", ",")


# --- money: the pattern of the language in the market's country --------------------------


def test_german_page_for_germany_writes_the_euro_after_the_amount(data):
    price = option(data, "de").price
    shown = shipping(data, "de", "de")["standard"]["price"]
    assert shown == f"{comma_decimal(price)}{NBSP}€"  # de_DE: #,##0.00 ¤
    assert shown == f"4,90{NBSP}€"


def test_german_page_for_switzerland_writes_chf_first_with_a_decimal_point(data):
    price = option(data, "ch").price
    shown = shipping(data, "ch", "de")["standard"]["price"]
    assert shown == f"CHF{NBSP}{price:.2f}"  # de_CH: ¤ #,##0.00
    assert shown == f"CHF{NBSP}4.90"


def test_german_page_for_austria_writes_the_euro_first(data):
    price = option(data, "at").price
    assert shipping(data, "at", "de")["standard"]["price"] == f"€{NBSP}{comma_decimal(price)}"


def test_french_page_for_switzerland_writes_chf_after_a_decimal_comma(data):
    price = option(data, "ch").price
    assert shipping(data, "ch", "fr")["standard"]["price"] == f"{comma_decimal(price)}{NBSP}CHF"


def test_english_page_for_the_us_writes_dollars(data):
    price = option(data, "us").price
    assert shipping(data, "us", "en")["standard"]["price"] == f"${price:.2f}"


def test_french_page_for_canada_writes_the_dollar_after_the_amount(data):
    price = option(data, "ca").price
    shown = f"{comma_decimal(price)}{NBSP}${NBSP}CAD"  # which dollar: not the US one
    assert shipping(data, "ca", "fr")["standard"]["price"] == shown


def test_english_page_for_the_uk_writes_pounds(data):
    price = option(data, "uk").price
    assert shipping(data, "uk", "en")["standard"]["price"] == f"£{price:.2f}"


def test_free_shipping_threshold_is_money_of_the_same_pattern(data):
    free = option(data, "de").free_from
    assert shipping(data, "de", "de")["standard"]["free_from"].endswith(
        f" {comma_decimal(free)}{NBSP}€"
    )
    assert shipping(data, "ch", "de")["standard"]["free_from"].endswith(f" CHF{NBSP}{free:.2f}")


def test_an_option_that_is_never_free_says_so_without_an_amount(data):
    assert option(data, "de", "express").free_from is None
    assert shipping(data, "de", "de")["express"]["free_from"] == "—"


# --- time: the market's zone, with its abbreviation on the build date ---------------------


def test_cutoff_in_germany_is_cet_in_winter_and_cest_in_summer(data):
    cutoff = data.markets["de"].shipping.same_day_cutoff
    assert shipping(data, "de", "de", WINTER)["cutoff"] == f"{cutoff:%H:%M} MEZ"
    assert shipping(data, "de", "de", SUMMER)["cutoff"] == f"{cutoff:%H:%M} MESZ"


def test_cutoff_in_the_us_is_est_in_winter_and_edt_in_summer(data):
    cutoff = data.markets["us"].shipping.same_day_cutoff
    assert cutoff >= time(13), "the expected string below writes an afternoon time"
    clock = f"{cutoff.hour - 12}:{cutoff:%M}{NNBSP}p.m."
    assert shipping(data, "us", "en", WINTER)["cutoff"] == f"{clock} EST"
    assert shipping(data, "us", "en", SUMMER)["cutoff"] == f"{clock} EDT"


def test_cutoff_in_the_uk_is_gmt_in_winter_and_bst_in_summer(data):
    cutoff = data.markets["uk"].shipping.same_day_cutoff
    clock = f"{cutoff:%I:%M}".lstrip("0") + NNBSP + ("a.m." if cutoff.hour < 12 else "p.m.")
    assert shipping(data, "uk", "en", WINTER)["cutoff"] == f"{clock} GMT"
    assert shipping(data, "uk", "en", SUMMER)["cutoff"] == f"{clock} BST"


def test_opening_hours_carry_the_zone_of_the_build_date(data):
    winter = market_values(data, "de", "de", WINTER)["support"]["hours"]
    summer = market_values(data, "de", "de", SUMMER)["support"]["hours"]
    assert "| Montag–Freitag | 08:00–20:00 MEZ |" in winter.splitlines()
    assert "| Montag–Freitag | 08:00–20:00 MESZ |" in summer.splitlines()


# --- words: weekdays, holidays and durations in the page's language -----------------------


@pytest.mark.parametrize(
    "code, language, weekdays, saturday",
    [
        ("de", "de", "Montag–Freitag", "Samstag"),
        ("ch", "fr", "Lundi–vendredi", "Samedi"),
        ("es", "es", "Lunes–viernes", "Sábado"),
        ("uk", "en", "Monday–Friday", "Saturday"),
    ],
)
def test_opening_days_are_named_in_the_page_language(data, code, language, weekdays, saturday):
    rows = market_values(data, code, language, WINTER)["support"]["hours"].splitlines()
    assert [row.split(" | ")[0].removeprefix("| ") for row in rows[2:]] == [weekdays, saturday]


def test_holidays_are_long_dates_in_german_for_germany(data):
    first = min(day for day in data.markets["de"].support.holidays_closed if day >= WINTER)
    holidays = market_values(data, "de", "de", WINTER)["support"]["holidays"]
    expected = (
        f"{GERMAN_DAYS[first.weekday()]}, {first.day}. {GERMAN_MONTHS[first.month - 1]} "
        f"{first.year}"
    )
    assert holidays.splitlines()[0] == f"- {expected}"


def test_holidays_are_us_style_long_dates_in_english_for_the_us(data):
    first = min(day for day in data.markets["us"].support.holidays_closed if day >= WINTER)
    holidays = market_values(data, "us", "en", WINTER)["support"]["holidays"]
    expected = (
        f"{ENGLISH_DAYS[first.weekday()]}, {ENGLISH_MONTHS[first.month - 1]} {first.day}, "
        f"{first.year}"
    )
    assert holidays.splitlines()[0] == f"- {expected}"


def test_holidays_before_the_build_date_are_not_listed(data):
    first = min(day for day in data.markets["us"].support.holidays_closed if day >= WINTER)
    shown = market_values(data, "us", "en", first + timedelta(days=1))["support"]["holidays"]
    assert f"{ENGLISH_MONTHS[first.month - 1]} {first.day}, {first.year}" not in shown
    assert len(shown.splitlines()) == len(
        [day for day in data.markets["us"].support.holidays_closed if day > first]
    )


def test_privacy_deadline_uses_the_language_plural(data):
    assert data.markets["de"].privacy.response_deadline.amount == 1
    assert market_values(data, "de", "de", WINTER)["privacy"]["deadline"] == "1 Monat"
    assert data.markets["us"].privacy.response_deadline.amount == 45
    assert market_values(data, "us", "en", WINTER)["privacy"]["deadline"] == "45 days"
    assert market_values(data, "us", "es", WINTER)["privacy"]["deadline"] == "45 días"


def test_country_names_are_in_the_page_language(data):
    assert market_values(data, "at", "de", WINTER)["name"] == "Österreich"
    assert market_values(data, "ch", "fr", WINTER)["name"] == "Suisse"
    assert market_values(data, "us", "es", WINTER)["name"] == "Estados Unidos"


# --- formatting helpers ------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, country, locale",
    [("de", "CH", "de_CH"), ("fr", "CA", "fr_CA"), ("en", "GB", "en_GB"), ("es", "AT", "es")],
)
def test_formatting_locale_pairs_language_and_country_where_cldr_knows_the_pair(
    language, country, locale
):
    assert fmt.formatting_locale(language, country) == locale


def test_three_or_more_following_weekdays_are_a_range_whatever_their_order():
    assert fmt.weekdays(["fri", "mon", "wed", "thu", "tue"], "de") == "Montag–Freitag"
    assert fmt.weekdays(["mon", "tue", "wed"], "fr") == "Lundi–mercredi"


def test_two_weekdays_or_days_with_a_gap_are_listed():
    assert fmt.weekdays(["mon", "tue"], "de") == "Montag und Dienstag"
    assert fmt.weekdays(["fri", "mon", "wed"], "en") == "Monday, Wednesday, and Friday"
    assert fmt.weekdays(["sat", "sun"], "fr") == "Samedi et dimanche"


def test_a_single_weekday_is_its_capitalized_name():
    assert fmt.weekdays(["sat"], "es") == "Sábado"


@pytest.mark.parametrize(
    "amount, unit, locale, expected",
    [
        (1, "months", "de", "1 Monat"),
        (2, "months", "de", "2 Monate"),
        (1, "days", "en", "1 day"),
        (45, "days", "en", "45 days"),
        (30, "days", "fr", f"30{NBSP}jours"),
    ],
)
def test_durations_use_cldr_plural_forms(amount, unit, locale, expected):
    assert fmt.duration(amount, unit, locale) == expected


def test_clock_shows_the_zone_abbreviation_of_the_day():
    assert fmt.clock(time(14), "Europe/Berlin", WINTER, "de_DE") == "14:00 MEZ"
    assert fmt.clock(time(14), "Europe/Berlin", SUMMER, "de_DE") == "14:00 MESZ"
    assert fmt.clock(time(14), "America/New_York", SUMMER, "en_US") == f"2:00{NNBSP}p.m. EDT"


# --- sections shown only when the data says so -------------------------------------------

CONDITIONS = {
    "market": {
        "name": "Schweiz",
        "privacy": {"do_not_sell": False},
        "shipping": {"tracked": True},
    }
}
DO_NOT_SELL = '{: when="market.privacy.do_not_sell" }'


def test_a_false_section_is_blanked_with_its_subsections_keeping_line_numbers():
    text = (
        "Intro.\n\n"
        f"## Do Not Sell or Share {DO_NOT_SELL}\n\nOpt out.\n\n"
        "### How to opt out\n\nWrite to us.\n\n"
        "## Complaints\n\nAsk us first.\n"
    )
    shown = apply_conditions(text, CONDITIONS, PATH)
    assert shown.count("\n") == text.count("\n")
    for hidden in ("Do Not Sell", "Opt out.", "How to opt out", "Write to us."):
        assert hidden not in shown
    lines = shown.split("\n")
    assert lines[text.split("\n").index("## Complaints")] == "## Complaints"
    assert "Ask us first." in shown and "Intro." in shown


def test_a_false_section_ends_at_a_heading_of_a_higher_level():
    text = f"## Intro\n\n### Do Not Sell {DO_NOT_SELL}\n\nOpt out.\n\n## Rights\n\nAccess.\n"
    shown = apply_conditions(text, CONDITIONS, PATH)
    assert "Opt out." not in shown
    assert "## Intro" in shown and "## Rights" in shown and "Access." in shown


def test_a_true_section_keeps_its_text_and_loses_the_attribute():
    text = '## Tracking your parcel {: when="market.shipping.tracked" }\n\nA link by email.\n'
    assert (
        apply_conditions(text, CONDITIONS, PATH) == "## Tracking your parcel\n\nA link by email.\n"
    )


def test_not_inverts_a_condition():
    text = '## No opt-out needed {: when="not market.privacy.do_not_sell" }\n\nNothing to do.\n'
    assert apply_conditions(text, CONDITIONS, PATH) == "## No opt-out needed\n\nNothing to do.\n"


def test_fenced_code_is_left_untouched():
    text = f"Example:\n\n```markdown\n## Do Not Sell {DO_NOT_SELL}\n\nOpt out.\n```\n\nAfter.\n"
    assert apply_conditions(text, CONDITIONS, PATH) == text


def test_an_unknown_condition_names_its_line_and_the_known_ones():
    text = 'Intro.\n\n## Opt out {: when="market.privacy.do_not_sel" }\n'
    with pytest.raises(PlaceholderError) as caught:
        apply_conditions(text, CONDITIONS, PATH, first_line=7)
    assert caught.value.line == 9
    assert str(caught.value) == (
        f"{PATH}:9: unknown condition 'market.privacy.do_not_sel'; "
        "known: market.privacy.do_not_sell, market.shipping.tracked"
    )


def test_a_text_value_is_no_condition():
    with pytest.raises(PlaceholderError, match="'market.name' is not a condition") as caught:
        apply_conditions('## Hello {: when="market.name" }\n', CONDITIONS, PATH, first_line=4)
    assert caught.value.line == 4


def test_a_condition_outside_a_heading_is_an_error_on_its_line():
    text = f"Intro.\n\nOpt out. {DO_NOT_SELL}\n"
    with pytest.raises(PlaceholderError, match="belongs at the end of a heading") as caught:
        apply_conditions(text, CONDITIONS, PATH, first_line=5)
    assert caught.value.line == 7


def test_a_condition_beside_other_attributes_is_not_silently_ignored():
    # attr_list allows an id with it: {: #opt-out when="..." }. Showing the section anyway
    # would tell every market's customers about a right they may not have.
    text = '## Do Not Sell {: #opt-out when="market.privacy.do_not_sell" }\n\nOpt out.\n'
    try:
        shown = apply_conditions(text, CONDITIONS, PATH)
    except PlaceholderError as error:
        assert error.line == 1
    else:
        assert "Opt out." not in shown and "when=" not in shown


# --- table and list placeholders ---------------------------------------------------------


@pytest.fixture(scope="module")
def german_values(data) -> dict:
    return {"market": market_values(data, "de", "de", WINTER)}


def test_tables_and_lists_are_blocks_and_conditions_are_booleans(german_values):
    market = german_values["market"]
    for block in (market["shipping"]["options"], market["payment"]["methods"]):
        assert isinstance(block, Block)
    assert market["shipping"]["tracked"] is True
    assert market["privacy"]["do_not_sell"] is False


def test_a_block_on_its_own_line_becomes_markdown_blocks(german_values):
    text = "Intro.\n\n{{ market.shipping.options }}\n\nAfter.\n"
    shown = render(text, german_values, PATH)
    table = german_values["market"]["shipping"]["options"]
    assert shown == f"Intro.\n\n{table}\n\nAfter.\n"
    assert table.splitlines()[0].startswith("| Versandart |")


def test_an_indented_block_keeps_its_indentation_on_every_line(german_values):
    shown = render("1. Pay with:\n\n    {{ market.payment.methods }}\n", german_values, PATH)
    items = shown.split("\n")[2:-1]
    assert items and all(item.startswith("    - ") for item in items)


def test_a_block_inside_a_sentence_is_an_error_on_its_line(german_values):
    text = "Intro.\n\nOur options: {{ market.shipping.options }}\n"
    with pytest.raises(PlaceholderError) as caught:
        render(text, german_values, PATH, first_line=10)
    assert caught.value.line == 12
    assert "{{ market.shipping.options }} is a table or list: put it on a line of its own" in str(
        caught.value
    )


def test_a_condition_used_as_text_is_an_error_on_its_line(german_values):
    with pytest.raises(PlaceholderError) as caught:
        render("Intro.\nTracked: {{ market.shipping.tracked }}\n", german_values, PATH, 3)
    assert caught.value.line == 4
    assert "{{ market.shipping.tracked }} is a condition (true or false), not text" in str(
        caught.value
    )


# --- which currency, the first of the month, one way of writing times ---------------------


@pytest.mark.parametrize(
    ("amount", "currency", "locale", "shown"),
    [
        ("319.00", "MXN", "es_MX", f"$319.00{NBSP}MXN"),
        ("50.00", "USD", "es_MX", f"50.00{NBSP}USD"),
        ("16.90", "USD", "es_US", "$16.90"),
        ("16.90", "USD", "en", "$16.90"),
        ("23.90", "CAD", "en_CA", f"$23.90{NBSP}CAD"),
        ("4.90", "CHF", "de_CH", f"CHF{NBSP}4.90"),
        ("4.90", "EUR", "de", f"4,90{NBSP}€"),
    ],
)
def test_money_says_which_currency_and_never_glues_a_code_to_the_number(
    amount, currency, locale, shown
):
    assert fmt.money(Decimal(amount), currency, locale) == shown


def test_a_mexican_page_tells_pesos_from_us_dollars(data):
    values = market_values(data, "mx", "es", WINTER)
    assert values["shipping"]["standard"]["price"] == f"$319.00{NBSP}MXN"
    assert f"50.00{NBSP}USD" in values["customs"]["thresholds"]
    assert "USD50" not in values["customs"]["thresholds"]


@pytest.mark.parametrize("locale", ["fr", "fr_CH", "fr_CA"])
def test_french_dates_write_the_first_of_the_month_1er(locale):
    assert "1er janvier 2027" in fmt.long_date(date(2027, 1, 1), locale)
    assert "11 janvier 2027" in fmt.long_date(date(2027, 1, 11), locale)
    assert "1er" not in fmt.long_date(date(2027, 1, 21), locale)


def test_times_are_written_one_way_per_language_whatever_the_country():
    canada = fmt.clock_range(time(9), time(18), "America/Toronto", WINTER, "fr_CA")
    france = fmt.clock_range(time(9), time(18), "Europe/Paris", WINTER, "fr")
    assert canada.split(" ")[0] == france.split(" ")[0] == "09:00–18:00"
    mexico = fmt.clock(time(14), "America/Mexico_City", WINTER, "es_MX")
    spain = fmt.clock(time(14), "Europe/Madrid", WINTER, "es")
    assert mexico.split(" ")[0] == spain.split(" ")[0] == "14:00"
    uk = fmt.clock(time(13), "Europe/London", WINTER, "en_GB")
    us = fmt.clock(time(13), "America/New_York", WINTER, "en")
    assert uk.removesuffix(" GMT") == us.removesuffix(" EST") == f"1:00{NNBSP}p.m."


REFUND_TEXT = (
    '## Your legal refund {: when="market.returns.has_legal_refund" }\n\n'
    "{{ market.returns.legal_refund }}\n\n"
    '## No legal refund deadline {: when="not market.returns.has_legal_refund" }\n\n'
    "{{ market.returns.legal_refund }}\n"
)


@pytest.mark.parametrize(
    ("code", "language", "heading", "sentence"),
    [
        ("fr", "fr", "## Your legal refund", "au plus tard 14\u00a0jours après le jour"),
        ("ch", "fr", "## No legal refund deadline", "(art. 40a à 40f CO)."),
        ("us", "es", "## No legal refund deadline", "(16 CFR parte 429)."),
    ],
)
def test_a_topic_text_states_the_legal_refund_under_its_condition(
    data, code, language, heading, sentence
):
    values = {"market": market_values(data, code, language, WINTER)}
    shown = render(apply_conditions(REFUND_TEXT, values, PATH), values, PATH)
    assert heading in shown and sentence in shown
    assert shown.count("## ") == 1


@pytest.mark.parametrize(
    ("locale", "days", "month"),
    [("fa", "۱۴ روز", "۱ ماه"), ("vi", "14 ngày", "1 tháng"), ("el", "14 ημέρες", "1 μήνας")],
)
def test_durations_in_languages_whose_long_units_babel_misses(locale, days, month):
    assert fmt.duration(14, "days", locale) == days
    assert fmt.duration(1, "months", locale) == month


def test_persian_money_dates_and_rates_use_persian_digits():
    assert fmt.money(Decimal("12.5"), "EUR", "fa").endswith("۱۲٫۵۰")
    assert fmt.percent(Decimal("19"), "fa").startswith("۱۹")
    assert "۲۰۲۶" in fmt.long_date(date(2026, 3, 1), "fa")
