"""Facts formatted by Babel (CLDR) for a text's language in a market's country."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from functools import cache
from zoneinfo import ZoneInfo

from babel import Locale, localedata
from babel.dates import format_date, format_datetime, format_time, get_day_names
from babel.lists import format_list
from babel.numbers import format_currency, format_percent, get_currency_name
from babel.units import format_unit

from polyhelp.locales.digits import native_digits
from polyhelp.markets.schema import WEEKDAYS


@cache
def formatting_locale(language: str, country: str) -> str:
    """'de' + 'CH' -> 'de_CH' (CHF 4.90), or the language alone where CLDR has no such pair."""
    pair = f"{language}_{country}"
    return pair if localedata.exists(pair) else language


def money(amount: Decimal, currency: str, locale: str) -> str:
    return native_digits(
        format_currency(amount, currency, locale=locale, numbering_system="default"), locale
    )


def currency_name(code: str, locale: str) -> str:
    """'Swiss franc (CHF)', 'franc suisse (CHF)'."""
    return f"{_capital(get_currency_name(code, locale=locale))} ({code})"


def percent(rate: Decimal, locale: str) -> str:
    shown = format_percent(
        rate / 100, locale=locale, decimal_quantization=False, numbering_system="default"
    )
    return native_digits(shown, locale)


def duration(amount: int, unit: str, locale: str) -> str:
    """'1 Monat', '45 days': CLDR's own plural forms."""
    unit_name = f"duration-{unit.removesuffix('s')}"
    for length in ("long", "short"):
        shown = format_unit(
            amount, unit_name, length=length, locale=locale, numbering_system="default"
        )
        # CLDR's long form falls back to the short one by an alias Babel does not follow
        # (Persian, Arabic, Vietnamese): Babel then writes the unit's id, "14 duration-day".
        if unit_name not in shown:
            break
    return native_digits(shown, locale)


def clock(moment: time, zone: str, on: date, locale: str) -> str:
    """A time of day in the market's zone with the zone's abbreviation on `on` (CET or CEST)."""
    local = datetime.combine(on, moment, ZoneInfo(zone))
    shown = format_time(local, "short", tzinfo=ZoneInfo(zone), locale=locale)
    return native_digits(f"{shown} {zone_abbreviation(local, zone, locale)}", locale)


def zone_abbreviation(moment: datetime, zone: str, locale: str) -> str:
    short = format_datetime(moment, "zzz", tzinfo=ZoneInfo(zone), locale=locale)
    if short.startswith(("+", "-")):  # CLDR has no abbreviation in this language: "UTC+1"
        hours = moment.utcoffset().total_seconds() / 3600
        return f"UTC{hours:+g}".replace("-", "−")
    return short


def clock_range(opens: time, closes: time, zone: str, on: date, locale: str) -> str:
    """'08:00–20:00 MEZ'."""
    opening = native_digits(format_time(opens, "short", locale=locale), locale)
    return f"{opening}–{clock(closes, zone, on, locale)}"


def weekdays(days: list[str], locale: str) -> str:
    """['mon', ..., 'fri'] -> 'Montag–Freitag'; days that do not follow each other are listed."""
    names = get_day_names("wide", locale=locale)
    indexes = sorted(WEEKDAYS.index(day) for day in days)
    consecutive = indexes == list(range(indexes[0], indexes[-1] + 1))
    if consecutive and len(indexes) > 2:
        return f"{_capital(names[indexes[0]])}–{names[indexes[-1]]}"
    return _capital(format_list([names[i] for i in indexes], locale=locale))


def long_date(day: date, locale: str) -> str:
    return native_digits(format_date(day, format="full", locale=locale), locale)


def listing(items: list[str], locale: str) -> str:
    return format_list(items, locale=locale) if items else ""


def country_name(code: str, language: str) -> str:
    return Locale.parse(language).territories[code]


def language_name(locale: str) -> str:
    return _capital(Locale.parse(locale).get_display_name(locale))


def _capital(text: str) -> str:
    # CLDR writes weekday and language names in lower case in French and Spanish.
    return text[:1].upper() + text[1:]
