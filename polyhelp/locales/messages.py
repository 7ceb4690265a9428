"""Interface text Polyhelp adds to pages (notices, the site's name), in every locale.

The words live in gettext catalogs (polyhelp/locales/catalogs/: the English template
polyhelp.pot and a .po per locale; a help center's own locales/<locale>.po), read through
polyhelp.locales.lookup. To add a text: an entry in the template (msgctxt = its key) and
its translation in each shipped .po.
"""

from __future__ import annotations

from babel.core import Locale, UnknownLocaleError

from polyhelp.locales.lookup import EnglishText, localized


def message(locale: str, key: str, **values: str) -> str:
    """The text `key` in `locale`, with {placeholders} filled in.

    {language} is the locale's own name from CLDR (français, Ελληνικά), or its English
    name in an English sentence shown in its place."""
    text = localized(locale, key, **{"language": "{language}", **values})
    if "{language}" in text and "language" not in values:
        in_english = isinstance(text, EnglishText)
        name = language_name(locale, "en" if in_english else locale)
        filled = text.replace("{language}", name)
        return EnglishText(filled) if in_english else filled
    return text


def language_name(locale: str, in_locale: str) -> str:
    """`locale`'s name in `in_locale`'s language, from CLDR; its code if CLDR has none."""
    try:
        name = Locale.parse(locale.replace("-", "_")).get_display_name(in_locale)
    except (UnknownLocaleError, ValueError):
        return locale
    return name or locale
