"""Review of interface text: `check` judges a locale's catalog as the build does; `review
locales/<locale>.po` lists its machine, pseudo and stale entries and, with --accept, marks
the machine ones reviewed (gettext's way: the fuzzy flag goes, as in Weblate)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from polyhelp.errors import PolyhelpError
from polyhelp.locales import catalog
from polyhelp.project.config import Site
from polyhelp.review.qa import Finding
from polyhelp.translation.glossary import TranslationSettings


def interface_findings(site: Site, locale: str, settings: TranslationSettings) -> list[Finding]:
    """What would stop a build in `locale`'s catalog (placeholders, plural forms, untranslated
    entries, unless English is allowed there), as findings naming the .po file and line."""
    findings = []
    for problem in catalog.locale_problems(locale, site.root):
        untranslated = "not translated" in problem.message or problem.message.startswith("no ")
        if untranslated and locale in settings.english_fallback:
            continue
        findings.append(
            Finding(
                path=problem.path,
                line=problem.line or 1,
                severity="error",
                check="interface",
                message=problem.message,
                segment=problem.message.split("'")[1] if "'" in problem.message else "",
            )
        )
    return findings


@dataclass(frozen=True)
class EntryToReview:
    key: str
    line: int
    state: str
    english: str
    translation: str
    previous_english: str | None  # what a stale entry was translated from


def catalog_locale(site: Site, path: Path) -> str:
    """The locale of a help center's own catalog (locales/<locale>.po), else ReviewRefused."""
    path = Path(path).resolve()
    for locale in site.locales:
        if path == catalog.project_catalog(site.root, locale).resolve():
            return locale
    raise PolyhelpError(
        "not a catalog of this help center's locales (locales/<locale>.po of a locale in "
        "mkdocs.yml)",
        path,
    )


def entries_to_review(site: Site, path: Path) -> tuple[str, list[EntryToReview]]:
    """A catalog's machine, pseudo and stale entries, with their English."""
    locale = catalog_locale(site, path)
    read = catalog.read_catalog(Path(path).resolve(), locale)
    english = catalog.template()
    found = []
    for key, entry in read.entries.items():
        if entry.state not in ("machine", "pseudo", "stale"):
            continue
        source = english[key].english
        found.append(
            EntryToReview(
                key,
                entry.line,
                entry.state,
                " | ".join(_forms(source)),
                " | ".join(_forms(entry.text)),
                " | ".join(_forms(entry.english)) if entry.english != source else None,
            )
        )
    return locale, found


def accept_catalog(site: Site, path: Path, by: str | None) -> list[str]:
    """Mark a catalog's machine entries reviewed (gettext: no longer fuzzy), if nothing in it
    would stop a build; pseudo and stale entries are left for a person to translate."""
    locale = catalog_locale(site, path)
    path = Path(path).resolve()
    problems = [
        p
        for p in catalog.locale_problems(locale, site.root)
        if "not translated" not in p.message and not p.message.startswith("no ")
    ]
    if problems:
        raise problems[0].error()
    states = catalog.entry_states(locale, site.root)
    made = catalog.load_for_update(path, locale)
    accepted = []
    for message in made:
        if message.id and states.get(message.context) == "machine":
            message.flags.discard("fuzzy")
            accepted.append(message.context)
    if by:
        made.last_translator = by
    if accepted:
        catalog.save(made, path)
    return accepted


def _forms(text: str | tuple[str, ...]) -> tuple[str, ...]:
    return (text,) if isinstance(text, str) else tuple(text)
