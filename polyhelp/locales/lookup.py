"""One lookup for every table of interface text, with one fallback policy.

A table maps locale -> key -> text. Where the locale, or the key in that locale, is missing,
the English text is used and a warning names the table's file, so the gap is seen in the
build's output and can be filled there.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

log = logging.getLogger(__name__)

FALLBACK_LOCALE = "en"


def text_for(
    tables: Mapping[str, Mapping[str, str]], locale: str, key: str, source: str
) -> tuple[str, str]:
    """The text for `key` in `locale`, and the locale it is in (English where `locale` lacks it).

    `source` is the file that holds `tables`, named in the warning."""
    text = tables.get(locale, {}).get(key)
    if text is not None:
        return text, locale
    if locale in tables:
        log.warning(
            "No Polyhelp interface text '%s' for locale '%s'; add it to %s", key, locale, source
        )
    else:
        log.warning("No Polyhelp interface text for locale '%s'; add it to %s", locale, source)
    return tables[FALLBACK_LOCALE][key], FALLBACK_LOCALE
