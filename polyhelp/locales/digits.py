"""Numbers in a locale's own digits: Persian ۱۲۳, Arabic-Indic ١٢٣, Devanagari १२३.

Babel formats with CLDR's symbols for a locale's default numbering system (Persian's
decimal separator ٫) but always writes Latin digits, because it does not ship CLDR's
numbering-system digits. Every numeric numbering system's digits are ten consecutive
Unicode code points, so the system's zero is all that is needed: the table below is that
part of CLDR's numberingSystems.xml (for the systems that are some locale's default).
"""

from __future__ import annotations

from functools import cache

from babel.core import Locale, UnknownLocaleError
from babel.numbers import format_decimal

_ZEROS = {
    "arab": "\u0660",
    "arabext": "\u06f0",
    "beng": "\u09e6",
    "deva": "\u0966",
    "mtei": "\uabf0",
    "mymr": "\u1040",
    "olck": "\u1c50",
    "tibt": "\u0f20",
}


@cache
def _table(locale: str) -> dict[int, str] | None:
    try:
        system = Locale.parse(locale.replace("-", "_")).default_numbering_system
    except (UnknownLocaleError, ValueError):
        return None
    zero = _ZEROS.get(system)
    if zero is None:
        return None
    return {ord("0") + i: chr(ord(zero) + i) for i in range(10)}


def native_digits(text: str, locale: str) -> str:
    """`text` with its Latin digits written in the locale's default digits (CLDR)."""
    table = _table(locale)
    return text.translate(table) if table else text


def number(value: int | float, locale: str) -> str:
    """A number as the locale writes it: CLDR's separators and digits."""
    return native_digits(format_decimal(value, locale=locale, numbering_system="default"), locale)
