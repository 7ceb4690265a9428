"""The words around market facts (option names, table headings, sentences), per locale.

They are entries of the interface catalogs (polyhelp/locales/catalogs/, keys such as
"head.price" or "method.card"), read through polyhelp.locales.lookup like every other
interface text.
"""

from __future__ import annotations

from polyhelp.locales.lookup import EnglishText, localized, text_for


def label(locale: str, key: str, count: int | None = None, **values: str) -> str:
    """The words for `key` in `locale` (English where the locale has none), filled in.

    `count` picks the plural form of an entry that has them (CLDR's rules for the locale)."""
    text = localized(locale, key, count, **values)
    # A sentence that starts with a value ("{tax} at {rate} ...") starts with a capital.
    if text[:1].islower() and _starts_with_value(locale, key, count):
        capital = text[:1].upper() + text[1:]
        return EnglishText(capital) if isinstance(text, EnglishText) else capital
    return text


def _starts_with_value(locale: str, key: str, count: int | None) -> bool:
    words, _ = text_for(locale, key, count)
    return words.startswith("{")
