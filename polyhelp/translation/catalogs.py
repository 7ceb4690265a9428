"""Interface text through the same pipeline as pages: missing catalog entries to the engine.

A locale's catalog is the help center's own `locales/<locale>.po` (polyhelp locale add makes
it). Entries that are missing, pseudo, or machine translations of an English that changed
are sent; what comes back is written as a machine translation: `#, fuzzy` (gettext's and
Weblate's "needs review") and the translator comment `machine: deepl` (or pseudo). A
reviewed entry is never replaced; one whose English changed is reported stale, as pages are.

Placeholders travel as <x id="N"/> tags the engine must keep: an answer that drops, repeats
or invents one is refused and the entry stays as it was.
"""

from __future__ import annotations

import gettext
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html import escape
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from polyhelp.locales import catalog as catalogs
from polyhelp.locales.catalog import MACHINE_COMMENT
from polyhelp.translation.engines import send_batches

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass
class CatalogUnit:
    """One text of one entry to send (a plural entry sends one per form it lacks)."""

    message: Message
    form: int | None  # the plural form it fills, None for a singular entry
    english: str
    xml: str
    names: list[str]

    @property
    def characters(self) -> int:
        return len(self.xml)


@dataclass
class CatalogReport:
    locale: str
    path: Path
    sent: int = 0
    characters: int = 0
    written: int = 0
    stale: list[str] | None = None
    refused: list[str] | None = None
    remaining: int = 0


def to_xml(text: str) -> tuple[str, list[str]]:
    """English interface text as XML for the engine: placeholders as <x id="N"/>."""
    names: list[str] = []
    xml = []
    for index, part in enumerate(_PLACEHOLDER.split(text)):
        if index % 2:
            names.append(part)
            xml.append(f'<x id="{len(names)}"/>')
        else:
            xml.append(escape(part, quote=False))
    return "".join(xml), names


def from_xml(answer: object, names: list[str]) -> str | None:
    """The engine's answer as interface text, or None if it is not text with each
    placeholder tag exactly once (and no other tag)."""
    if not isinstance(answer, str):
        return None
    try:
        root = ET.fromstring(f"<r>{answer}</r>")
    except ET.ParseError:
        return None
    seen: list[str] = []
    out = [root.text or ""]
    for element in root:
        ident = element.get("id", "")
        if element.tag != "x" or len(element) or element.text or not ident.isdigit():
            return None
        index = int(ident)
        if not 1 <= index <= len(names) or ident in seen:
            return None
        seen.append(ident)
        out.append("{" + names[index - 1] + "}")
        out.append(element.tail or "")
    if len(seen) != len(names):
        return None
    text = "".join(out)
    if any(character in text for character in "\n\r\t") or not text.strip():
        return None
    return text.strip()


def catalog_path(site_root: Path, locale: str) -> Path:
    return catalogs.project_catalog(site_root, locale)


def _wanted(entry: catalogs.Entry | None, engine_name: str) -> bool:
    if entry is None or entry.state == "missing":
        return True
    if entry.state == "pseudo":
        return engine_name != "pseudo"
    # A machine translation of an English that changed since: translate it again.
    return entry.state == "stale" and entry.engine is not None and engine_name != "pseudo"


def _representative(plural_index: Callable[[int], int], form: int) -> int:
    """A number that takes plural form `form` in this locale (to pick the English to send)."""
    return next((n for n in range(0, 1000) if plural_index(n) == form), 2)


def needs_own_catalog(site_root: Path, locale: str) -> bool:
    """Whether `polyhelp translate` fills a catalog of the help center's for `locale`: its
    own, or a new one where Polyhelp ships none (fr, de and es come reviewed)."""
    found = catalogs.catalog_path(locale, site_root)
    return found is None or found == catalog_path(site_root, locale)


def catalog_units(site_root: Path, locale: str, engine_name: str) -> tuple[Catalog, list]:
    """The locale's catalog (every template entry present) and what to send for it."""
    path = catalog_path(site_root, locale)
    if path.is_file():
        catalog = catalogs.load_for_update(path, locale)
        entries = catalogs.read_catalog(path, locale).entries
    else:  # written only once something comes back
        catalog, entries = catalogs.new_catalog(locale), {}
    plural_index = gettext.c2py(catalog.plural_expr)
    english = catalogs.template()
    units = []
    for message in catalog:
        key = message.context
        if not message.id or key not in english:
            continue
        if not _wanted(entries.get(key), engine_name):
            continue
        source = english[key].english
        if isinstance(source, tuple):
            for form in range(catalog.num_plurals):
                words = source[0] if _representative(plural_index, form) == 1 else source[1]
                xml, names = to_xml(words)
                units.append(CatalogUnit(message, form, words, xml, names))
        else:
            xml, names = to_xml(source)
            units.append(CatalogUnit(message, None, source, xml, names))
    return catalog, units


def stale_reviewed(site_root: Path, locale: str) -> list[str]:
    """Reviewed entries whose English changed since: kept, reported, never replaced."""
    path = catalog_path(site_root, locale)
    if not path.is_file():
        return []
    read = catalogs.read_catalog(path, locale)
    return [k for k, e in read.entries.items() if e.state == "stale" and e.engine is None]


def translate_catalog(
    site_root: Path,
    locale: str,
    engine,
    dry_run: bool,
    on_progress: Callable[[int], None] = lambda n: None,
) -> CatalogReport:
    """Send the locale's missing interface text to `engine`; write what comes back."""
    path = catalog_path(site_root, locale)
    report = CatalogReport(locale, path, stale=stale_reviewed(site_root, locale), refused=[])
    catalog, units = catalog_units(site_root, locale, engine.name)
    if dry_run:
        report.remaining = len(units)
        report.characters = sum(unit.characters for unit in units)
        return report
    answered: dict[int, str] = {}
    try:
        for batch, answers in send_batches(engine, units, locale):
            report.sent += len(batch)
            report.characters += sum(unit.characters for unit in batch)
            for unit, answer in zip(batch, answers, strict=False):
                text = from_xml(answer, unit.names)
                if text is None:
                    report.refused.append(f"{path}: '{unit.message.context}'")
                    continue
                answered[id(unit)] = text
            on_progress(sum(unit.characters for unit in batch))
    finally:
        report.written = _apply(catalog, units, answered, engine.name)
        if report.written:
            catalogs.save(catalog, path)
    report.remaining = sum(1 for unit in units if id(unit) not in answered)
    return report


def _apply(catalog: Catalog, units: list[CatalogUnit], answered: dict, engine_name: str) -> int:
    """Write the answered entries as machine translations; a plural entry only when every
    form came back."""
    by_message: dict[int, list[CatalogUnit]] = {}
    for unit in units:
        by_message.setdefault(id(unit.message), []).append(unit)
    english = catalogs.template()
    written = 0
    for group in by_message.values():
        if not all(id(unit) in answered for unit in group):
            continue
        message = group[0].message
        source = english[message.context].english
        if group[0].form is None:
            message.string = answered[id(group[0])]
        else:
            message.string = tuple(answered[id(unit)] for unit in group)
        message.id = source if isinstance(source, str) else source
        message.previous_id = []
        message.flags.add("fuzzy")
        message.user_comments = [
            c for c in message.user_comments if not c.startswith(MACHINE_COMMENT)
        ] + [f"{MACHINE_COMMENT}{engine_name}"]
        written += 1
    return written


def summary(report: CatalogReport, dry_run: bool) -> Iterator[str]:
    locale = report.locale
    if dry_run:
        if report.remaining:
            yield (
                f"{locale}: would send {report.remaining} interface texts "
                f"({report.characters:,} characters) from {report.path.name}"
            )
        return
    if report.written or report.sent:
        yield (
            f"{locale}: interface: wrote {report.written} machine translations to "
            f"{report.path} (#, fuzzy; review them there or in your translation tool)"
        )
    for key in report.stale or []:
        yield f"{locale}: interface: stale (reviewed, English changed since): {key}"
    for line in report.refused or []:
        yield f"{line}: the answer changed its placeholders (English kept)"
    if report.remaining:
        yield f"{locale}: interface: {report.remaining} texts still to translate"
