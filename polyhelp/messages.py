"""Interface text Polyhelp adds to pages, in every locale the site builds."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

# A locale added to mkdocs.yml without an entry here gets the English text and a warning
# (a warning fails a strict build, so the gap cannot reach customers unnoticed).
MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "site_name": "{shop} Help Center",
        "fallback_title": "Not yet translated",
        "fallback_text": "This page is not yet available in {language}; "
        "here is the English version.",
        "language": "English",
    },
    "fr": {
        "site_name": "Centre d’aide {shop}",
        "fallback_title": "Pas encore traduite",
        "fallback_text": "Cette page n’est pas encore disponible en français ; "
        "voici la version anglaise.",
        "language": "français",
    },
    "de": {
        "site_name": "{shop} Hilfe-Center",
        "fallback_title": "Noch nicht übersetzt",
        "fallback_text": "Diese Seite gibt es noch nicht auf Deutsch; "
        "hier ist die englische Version.",
        "language": "Deutsch",
    },
    "es": {
        "site_name": "Centro de ayuda de {shop}",
        "fallback_title": "Aún sin traducir",
        "fallback_text": "Esta página aún no está disponible en español; "
        "aquí tiene la versión en inglés.",
        "language": "español",
    },
}


def message(locale: str, key: str, **values: str) -> str:
    """The text `key` in `locale`, with {placeholders} filled in."""
    table = MESSAGES.get(locale)
    if table is None:
        log.warning(
            "No Polyhelp interface text for locale '%s'; add it to polyhelp/messages.py", locale
        )
        table = MESSAGES["en"]
        values.setdefault("language", locale)
    values.setdefault("language", table["language"])
    return table[key].format(**values)
