"""One lookup for all interface text, with one fallback policy.

The words come from the locale's gettext catalog (polyhelp.locales.catalog). A build
checks every locale's catalog first (`check_locales`): a missing or untranslated entry
stops it, naming the entry's file and line, unless data/translation.yml allows an English
fallback for that locale (interface.english_fallback). Text that falls back to English is
`EnglishText`: where it lands as element text (as_html) or in Markdown it is marked
lang="en" dir="ltr".
"""

from __future__ import annotations

import logging
from pathlib import Path

from markupsafe import Markup, escape

from polyhelp.locales import catalog
from polyhelp.locales.catalog import ENGLISH, CatalogError, Problem

log = logging.getLogger(__name__)

FALLBACK_LOCALE = ENGLISH


class EnglishText(str):
    """English words shown on another locale's page. Where they land as element text,
    `as_html` (and content.escape.markdown_text, by its `lang`) marks them as English; in an
    attribute they are plain text, as any str (no __html__ on purpose: markupsafe would put
    the marking inside the attribute)."""

    lang = ENGLISH


def as_html(text: str) -> Markup:
    """Interface text as HTML element content: escaped, and marked lang="en" dir="ltr"
    where it is an English fallback."""
    if isinstance(text, EnglishText):
        return Markup('<span lang="en" dir="ltr">%s</span>') % str(text)
    return escape(text)


class _Project:
    """The help center whose catalogs the lookups read (set once per build or command)."""

    root: Path | None = None
    english_fallback: frozenset[str] = frozenset()


_project = _Project()
_warned: set[tuple[str, str]] = set()
# The catalogs read since use_project: a build asks for a label hundreds of times a page,
# so files are looked at once per build (each build, `serve`'s too, calls use_project).
_catalogs: dict[str, catalog.LocaleCatalog | None] = {}
_english: dict[tuple[str, bool], str] = {}


def _catalog_of(locale: str) -> catalog.LocaleCatalog | None:
    if locale not in _catalogs:
        path = catalog.catalog_path(locale, _project.root)
        _catalogs[locale] = catalog.read_catalog(path, locale) if path is not None else None
    return _catalogs[locale]


def use_project(root: Path | None, english_fallback: frozenset[str] = frozenset()) -> None:
    """Read interface text from this help center's catalogs from now on."""
    _project.root = root
    _project.english_fallback = frozenset(english_fallback)
    _warned.clear()
    _catalogs.clear()
    _english.clear()


def project_root() -> Path | None:
    return _project.root


def check_locales(locales: list[str] | tuple[str, ...], publishing: bool = False) -> None:
    """Every locale's interface text complete and correct, else CatalogError (FILE:LINE).

    A locale allowed an English fallback gets warnings instead, for entries that are
    missing; a translation with wrong placeholders is an error all the same."""
    for locale in locales:
        for problem in catalog.locale_problems(locale, _project.root, publishing):
            if locale in _project.english_fallback and _fallback_allowed(problem):
                log.warning("%s (shown in English)", problem.error())
                continue
            raise problem.error()


def _fallback_allowed(problem: Problem) -> bool:
    return "not translated" in problem.message or problem.message.startswith("no ")


def text_for(locale: str, key: str, count: int | None = None) -> tuple[str, str]:
    """The words for `key` in `locale`, and the locale they are in (English where `locale`
    has none: a warning names the catalog to fill). `count` picks a plural form."""
    if locale != ENGLISH:
        found = _catalog_of(locale)
        if found is not None:
            entry = found.entries.get(key)
            if entry is not None and entry.state != "missing":
                if isinstance(entry.text, tuple):
                    index = found.plural_index(count if count is not None else 2)
                    return entry.text[min(index, len(entry.text) - 1)], locale
                return entry.text, locale
        if (locale, key) not in _warned:
            _warned.add((locale, key))
            where = (
                found.path if found else catalog.project_catalog(_project.root or Path("."), locale)
            )
            log.warning(
                "No Polyhelp interface text '%s' for locale '%s'; add it to %s", key, locale, where
            )
    english = (key, count == 1)
    if english not in _english:
        _english[english] = catalog.english_text(key, count)
    return _english[english], ENGLISH


def localized(locale: str, key: str, count: int | None = None, **values: object) -> str:
    """`key` in `locale` with {placeholders} filled in; English fallback as EnglishText."""
    text, found = text_for(locale, key, count)
    try:
        filled = text.format(**values)
    except (KeyError, IndexError, ValueError) as error:
        raise CatalogError(
            f"interface text '{key}' in '{found}' cannot be filled in: {error}"
        ) from None
    return EnglishText(filled) if found != locale else filled


__all__ = [
    "CatalogError",
    "EnglishText",
    "as_html",
    "check_locales",
    "localized",
    "text_for",
    "use_project",
]
