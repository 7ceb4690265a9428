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

from polyhelp.markets.schema import WEEKDAYS


@cache
def formatting_locale(language: str, country: str) -> str:
    """'de' + 'CH' -> 'de_CH' (CHF 4.90), or the language alone where CLDR has no such pair."""
    pair = f"{language}_{country}"
    return pair if localedata.exists(pair) else language


def money(amount: Decimal, currency: str, locale: str) -> str:
    return format_currency(amount, currency, locale=locale)


def currency_name(code: str, locale: str) -> str:
    """'Swiss franc (CHF)', 'franc suisse (CHF)'."""
    return f"{_capital(get_currency_name(code, locale=locale))} ({code})"


def percent(rate: Decimal, locale: str) -> str:
    return format_percent(rate / 100, locale=locale, decimal_quantization=False)


def duration(amount: int, unit: str, locale: str) -> str:
    """'1 Monat', '45 days': CLDR's own plural forms."""
    return format_unit(amount, f"duration-{unit.removesuffix('s')}", length="long", locale=locale)


def clock(moment: time, zone: str, on: date, locale: str) -> str:
    """A time of day in the market's zone with the zone's abbreviation on `on` (CET or CEST)."""
    local = datetime.combine(on, moment, ZoneInfo(zone))
    shown = format_time(local, "short", tzinfo=ZoneInfo(zone), locale=locale)
    return f"{shown} {zone_abbreviation(local, zone, locale)}"


def zone_abbreviation(moment: datetime, zone: str, locale: str) -> str:
    short = format_datetime(moment, "zzz", tzinfo=ZoneInfo(zone), locale=locale)
    if short.startswith(("+", "-")):  # CLDR has no abbreviation in this language: "UTC+1"
        hours = moment.utcoffset().total_seconds() / 3600
        return f"UTC{hours:+g}".replace("-", "−")
    return short


def clock_range(opens: time, closes: time, zone: str, on: date, locale: str) -> str:
    """'08:00–20:00 MEZ'."""
    return f"{format_time(opens, 'short', locale=locale)}–{clock(closes, zone, on, locale)}"


def weekdays(days: list[str], locale: str) -> str:
    """['mon', ..., 'fri'] -> 'Montag–Freitag'; days that do not follow each other are listed."""
    names = get_day_names("wide", locale=locale)
    indexes = sorted(WEEKDAYS.index(day) for day in days)
    consecutive = indexes == list(range(indexes[0], indexes[-1] + 1))
    if consecutive and len(indexes) > 2:
        return f"{_capital(names[indexes[0]])}–{names[indexes[-1]]}"
    return _capital(format_list([names[i] for i in indexes], locale=locale))


def long_date(day: date, locale: str) -> str:
    return format_date(day, format="full", locale=locale)


def listing(items: list[str], locale: str) -> str:
    return format_list(items, locale=locale) if items else ""


def country_name(code: str, language: str) -> str:
    return Locale.parse(language).territories[code]


def language_name(locale: str) -> str:
    return _capital(Locale.parse(locale).get_display_name(locale))


def _capital(text: str) -> str:
    # CLDR writes weekday and language names in lower case in French and Spanish.
    return text[:1].upper() + text[1:]
