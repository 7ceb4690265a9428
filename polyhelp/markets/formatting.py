"""Facts formatted by Babel (CLDR) for a text's language in a market's country."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache
from zoneinfo import ZoneInfo

from babel import Locale, localedata
from babel.dates import format_date, format_datetime, format_time, get_day_names, get_month_names
from babel.lists import format_list
from babel.numbers import (
    format_currency,
    format_decimal,
    format_percent,
    get_currency_name,
    get_currency_precision,
    get_currency_symbol,
)
from babel.units import format_unit

from polyhelp.locales.digits import native_digits
from polyhelp.markets.schema import WEEKDAYS


@cache
def formatting_locale(language: str, country: str) -> str:
    """'de' + 'CH' -> 'de_CH' (CHF 4.90), or the language alone where CLDR has no such pair."""
    pair = f"{language}_{country}"
    return pair if localedata.exists(pair) else language


def money(amount: Decimal, currency: str, locale: str) -> str:
    """An amount in the locale's own digits (Persian ۴٫۹۰): see _money."""
    return native_digits(_money(amount, currency, locale), locale)


def _money(amount: Decimal, currency: str, locale: str) -> str:
    """'4,90 €', '$16.90', '$319.00 MXN', '50.00 USD': an amount that says which currency.

    CLDR glues an ISO code it has no symbol for to the number ('USD50.00' in es_MX): the code
    goes after the number instead. A bare '$' means the US dollar only; any other dollar or
    peso adds its code ('$319.00 MXN', '23,90 $ CAD'), so that a Mexican page showing pesos
    and a threshold in US dollars says which is which.
    """
    shown = format_currency(amount, currency, locale=locale, numbering_system="default")
    if re.search(rf"{currency}\d|\d{currency}", shown):
        number = format_decimal(
            amount, format=_amount_pattern(currency), locale=locale, numbering_system="default"
        )
        return f"{number}\u00a0{currency}"
    if currency in shown:  # 'CHF 4.90': the code is the symbol
        return shown
    if currency != "USD" and get_currency_symbol(currency, locale=locale) == "$":
        return f"{shown}\u00a0{currency}"
    return shown


def _amount_pattern(currency: str) -> str:
    digits = get_currency_precision(currency)
    return "#,##0" + ("." + "0" * digits if digits else "")


def currency_name(code: str, locale: str) -> str:
    """'Swiss franc (CHF)', 'franc suisse (CHF)'."""
    return f"{capital(get_currency_name(code, locale=locale))} ({code})"


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
    shown = format_time(local, "short", tzinfo=ZoneInfo(zone), locale=_time_locale(locale))
    return native_digits(f"{shown} {zone_abbreviation(local, zone, locale)}", locale)


def zone_abbreviation(moment: datetime, zone: str, locale: str) -> str:
    short = format_datetime(moment, "zzz", tzinfo=ZoneInfo(zone), locale=locale)
    if short.startswith(("+", "-")):  # CLDR has no abbreviation in this language: "UTC+1"
        hours = moment.utcoffset().total_seconds() / 3600
        return f"UTC{hours:+g}".replace("-", "−")
    return short


def clock_range(opens: time, closes: time, zone: str, on: date, locale: str) -> str:
    """'08:00–20:00 MEZ'."""
    opening = native_digits(format_time(opens, "short", locale=_time_locale(locale)), locale)
    return f"{opening}–{clock(closes, zone, on, locale)}"


def weekdays(days: list[str], locale: str) -> str:
    """['mon', ..., 'fri'] -> 'Montag–Freitag'; days that do not follow each other are listed."""
    names = get_day_names("wide", locale=locale)
    indexes = sorted(WEEKDAYS.index(day) for day in days)
    consecutive = indexes == list(range(indexes[0], indexes[-1] + 1))
    if consecutive and len(indexes) > 2:
        return f"{capital(names[indexes[0]])}–{names[indexes[-1]]}"
    return capital(format_list([names[i] for i in indexes], locale=locale))


def long_date(day: date, locale: str) -> str:
    """'Freitag, 1. Januar 2027', 'vendredi 1er janvier 2027' (CLDR writes '1 janvier')."""
    shown = format_date(day, format="full", locale=locale)
    if day.day == 1 and _language(locale) == "fr":
        month = get_month_names("wide", locale=locale)[day.month]
        shown = shown.replace(f"1 {month}", f"1er {month}", 1)
    return native_digits(shown, locale)


def _language(locale: str) -> str:
    return locale.split("_")[0]


def _time_locale(locale: str) -> str:
    # Times are written one way per language: CLDR's fr_CA '14 h 00' and es_MX '2:00 p.m.'
    # would stand beside fr '14:00' and es '14:00' in one language's tables, and en_GB's
    # '13:00' beside en's '1:00 PM'. English takes the 'a.m.'/'p.m.' of the US and Canadian
    # style guides (CLDR's en_CA), which British readers read without a second thought.
    language = _language(locale)
    return "en_CA" if language == "en" else language


def listing(items: list[str], locale: str) -> str:
    return format_list(items, locale=locale) if items else ""


def country_name(code: str, language: str) -> str:
    return Locale.parse(language).territories[code]


def language_name(locale: str) -> str:
    return capital(Locale.parse(locale).get_display_name(locale))


def capital(text: str) -> str:
    # CLDR writes weekday and language names in lower case in French and Spanish.
    return text[:1].upper() + text[1:]
