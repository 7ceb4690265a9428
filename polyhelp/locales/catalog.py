"""Interface text as gettext catalogs: one .po file per locale, read with Babel.

The English words are the template, `polyhelp/locales/catalogs/polyhelp.pot`: an entry's
msgctxt is its key (what the code asks for: "fallback_title", "head.price"), its msgid the
English text, msgid_plural the English plural. A locale's words are in `<locale>.po`: the
help center's own `locales/<locale>.po` (made by `polyhelp locale add`, filled by
`polyhelp translate`) or else the one Polyhelp ships beside the template (fr, de, es).
Weblate, Crowdin and Lokalise read these files as they are.

The .po files are read at build, not compiled to .mo: a .mo would be a second copy of the
words to keep in step with the reviewed .po in git, and it keeps neither line numbers (for
FILE:LINE errors) nor flags, and msgfmt leaves out the fuzzy entries that hold machine
translations. Reading the ~100 entries of a catalog with Babel takes milliseconds.

An entry's state uses the words of page states:
- reviewed: translated, not fuzzy, of the template's current English;
- machine: fuzzy, with the translator comment `machine: deepl` (`polyhelp translate`);
- pseudo: fuzzy, with `machine: pseudo` (never published);
- stale: translated from an English that changed since (a different msgid, or fuzzy
  without a machine comment, as Babel's and gettext's `update` leave it);
- missing: no entry, or an empty msgstr.
"""

from __future__ import annotations

import gettext
import io
import logging
import string
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from babel.core import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po, write_po

from polyhelp.errors import PolyhelpError
from polyhelp.project.files import write_atomic

log = logging.getLogger(__name__)

SHIPPED = Path(__file__).parent / "catalogs"
TEMPLATE = SHIPPED / "polyhelp.pot"
# A help center's own catalogs, beside docs/ and data/.
PROJECT_FOLDER = "locales"
ENGLISH = "en"
MACHINE_COMMENT = "machine: "
STATES = ("reviewed", "machine", "stale", "missing", "pseudo")


class CatalogError(PolyhelpError):
    """A catalog of interface text is malformed, incomplete or inconsistent with the English."""


@dataclass(frozen=True)
class Entry:
    """One entry of a catalog: the English it was made from, its words and their state."""

    key: str
    english: str | tuple[str, ...]  # msgid, or (msgid, msgid_plural)
    text: str | tuple[str, ...]  # msgstr, or one msgstr per plural form
    line: int
    state: str
    engine: str | None = None  # "deepl" or "pseudo" for machine translations


@dataclass
class LocaleCatalog:
    """A locale's catalog as read: its entries by key, and how it picks a plural form."""

    locale: str
    path: Path
    entries: dict[str, Entry]
    plural_forms: int = 2
    plural_expr: str = "(n != 1)"
    lines: dict[str, int] = field(default_factory=dict)

    def plural_index(self, n: int) -> int:
        return _plural_function(self.plural_expr)(n)


@lru_cache(maxsize=32)
def _plural_function(expression: str):
    """gettext's Plural-Forms expression as a function (compiled once)."""
    return gettext.c2py(expression)


# --- reading ---------------------------------------------------------------------------


def _read(path: Path, locale: str | None) -> Catalog:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CatalogError("not found", path) from None
    try:
        return read_po(io.BytesIO(data), locale=locale, abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError) as error:
        raise CatalogError(f"not a valid .po catalog: {error}", path) from None


def _stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return (0, -1)
    return (stat.st_mtime_ns, stat.st_size)


def template() -> dict[str, Entry]:
    """The English entries by key, in the template's order."""
    return _template(_stamp(TEMPLATE))


@lru_cache(maxsize=4)
def _template(_stamp: tuple[int, int]) -> dict[str, Entry]:
    entries = {}
    for message in _read(TEMPLATE, None):
        if not message.id:
            continue
        key = message.context
        if not key:
            raise CatalogError(
                "an entry without msgctxt; every entry's msgctxt is its key",
                TEMPLATE,
                message.lineno,
            )
        english = tuple(message.id) if message.pluralizable else message.id
        entries[key] = Entry(key, english, english, message.lineno, "reviewed")
    return entries


def english_text(key: str, count: int | None = None) -> str:
    """The English words of `key` (its singular or plural by `count`, where it has both)."""
    entry = template().get(key)
    if entry is None:
        raise CatalogError(
            f"no interface text '{key}'; add it (msgctxt \"{key}\") to the template", TEMPLATE
        )
    if isinstance(entry.english, tuple):
        return entry.english[0 if count == 1 else 1]
    return entry.english


def project_catalog(root: Path, locale: str) -> Path:
    """Where a help center keeps its own catalog for `locale`."""
    return root / PROJECT_FOLDER / f"{locale}.po"


def catalog_path(locale: str, root: Path | None) -> Path | None:
    """The catalog that gives `locale` its words: the help center's, else Polyhelp's own."""
    if root is not None:
        own = project_catalog(root, locale)
        if own.is_file():
            return own
    shipped = SHIPPED / f"{locale}.po"
    return shipped if shipped.is_file() else None


def read_catalog(path: Path, locale: str) -> LocaleCatalog:
    """A locale's catalog, its entries' states judged against the template."""
    return _read_catalog(path, locale, _stamp(path), _stamp(TEMPLATE))


@lru_cache(maxsize=64)
def _read_catalog(path: Path, locale: str, _stamp, _template_stamp) -> LocaleCatalog:
    catalog = _read(path, locale)
    english = template()
    entries = {}
    for message in catalog:
        if not message.id or not message.context or message.context not in english:
            continue  # the header, or an entry the template no longer has (obsolete)
        entries[message.context] = _entry(message, english[message.context])
    result = LocaleCatalog(locale, path, entries)
    result.plural_forms = catalog.num_plurals
    result.plural_expr = catalog.plural_expr
    return result


def _entry(message: Message, source: Entry) -> Entry:
    english = tuple(message.id) if message.pluralizable else message.id
    if message.pluralizable:
        text = tuple(message.string) if isinstance(message.string, tuple | list) else ()
    else:
        text = message.string if isinstance(message.string, str) else ""
    engine = next(
        (
            c[len(MACHINE_COMMENT) :].strip()
            for c in message.user_comments
            if c.startswith(MACHINE_COMMENT)
        ),
        None,
    )
    filled = all(text) if isinstance(text, tuple) and text else bool(text)
    if not filled:
        state = "missing"
    elif english != source.english:
        state = "stale"
    elif message.fuzzy and engine == "pseudo":
        state = "pseudo"
    elif message.fuzzy and engine:
        state = "machine"
    elif message.fuzzy:
        state = "stale"
    else:
        state = "reviewed"
    return Entry(
        source.key, english, text, message.lineno, state, engine if message.fuzzy else None
    )


# --- checking --------------------------------------------------------------------------


def placeholders(text: str) -> set[str]:
    """The {names} a text uses (Python's format syntax, as the code fills them in)."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as error:
        raise ValueError(
            f"malformed braces ({error}); write {{name}}, or {{{{ for a brace"
        ) from None


def entry_problems(catalog: LocaleCatalog, entry: Entry) -> list[str]:
    """What is wrong with a translated entry: its placeholders or its plural forms."""
    source = template()[entry.key]
    forms = entry.text if isinstance(entry.text, tuple) else (entry.text,)
    if isinstance(source.english, tuple):
        wanted = placeholders(source.english[1])
        if len(forms) != catalog.plural_forms:
            return [
                f"'{entry.key}' has {len(forms)} plural forms; this locale's Plural-Forms "
                f"header says {catalog.plural_forms}"
            ]
    else:
        wanted = placeholders(source.english)
    problems = []
    for form in forms:
        try:
            used = placeholders(form)
        except ValueError as error:
            problems.append(f"'{entry.key}': {error}")
            continue
        invented = used - wanted
        # A plural form for one item may write the number out ("un jour"): only {n} may go.
        dropped = wanted - used - ({"n"} if isinstance(source.english, tuple) else set())
        if invented:
            problems.append(
                f"'{entry.key}' uses {', '.join(sorted('{' + n + '}' for n in invented))}, "
                "which the English does not; keep the English's placeholders"
            )
        if dropped:
            problems.append(
                f"'{entry.key}' drops {', '.join(sorted('{' + n + '}' for n in dropped))}; "
                "keep every placeholder of the English (in any order)"
            )
    return problems


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int | None
    message: str

    def error(self) -> CatalogError:
        return CatalogError(self.message, self.path, self.line)


def locale_problems(locale: str, root: Path | None, publishing: bool = False) -> list[Problem]:
    """Everything that keeps `locale`'s interface text from being complete and correct."""
    if locale == ENGLISH:
        return []
    path = catalog_path(locale, root)
    if path is None:
        where = project_catalog(root, locale) if root is not None else Path(f"{locale}.po")
        return [
            Problem(
                where,
                None,
                f"no interface catalog for '{locale}'; run `polyhelp locale add {locale}` "
                f"then `polyhelp translate --to {locale}`",
            )
        ]
    catalog = read_catalog(path, locale)
    problems = []
    for key, source in template().items():
        entry = catalog.entries.get(key)
        if entry is None:
            problems.append(
                Problem(
                    path,
                    None,
                    f"no entry '{key}' (msgctxt \"{key}\", English: {_short(source.english)}); "
                    f"run `polyhelp translate --to {locale}` or add it",
                )
            )
            continue
        if entry.state == "missing":
            problems.append(
                Problem(
                    path,
                    entry.line,
                    f"'{key}' is not translated; run `polyhelp translate --to {locale}` "
                    "or fill in its msgstr (or allow English meanwhile: interface: "
                    f"{{english_fallback: [{locale}]}} in data/translation.yml)",
                )
            )
            continue
        for message in entry_problems(catalog, entry):
            problems.append(Problem(path, entry.line, message))
        if publishing and entry.state == "pseudo":
            problems.append(
                Problem(
                    path,
                    entry.line,
                    f"'{key}' is pseudo-localized (machine: pseudo) and cannot be published; "
                    f"run `polyhelp translate --to {locale}` (DeepL) or translate it by hand",
                )
            )
    return problems


def _short(english: str | tuple[str, ...]) -> str:
    text = english if isinstance(english, str) else english[0]
    return repr(text if len(text) <= 40 else text[:39] + "…")


def entry_states(locale: str, root: Path | None) -> dict[str, str]:
    """Each template key's state in `locale`."""
    path = catalog_path(locale, root)
    entries = read_catalog(path, locale).entries if path is not None else {}
    return {key: entries[key].state if key in entries else "missing" for key in template()}


# --- writing ---------------------------------------------------------------------------


def new_catalog(locale: str) -> Catalog:
    """An empty catalog for `locale` with every template entry and CLDR's plural forms."""
    try:
        Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise CatalogError(
            f"'{locale}' is not a locale CLDR knows; use a language code such as el, vi or fa"
        ) from None
    catalog = Catalog(
        locale=locale.replace("-", "_"),
        project="Polyhelp",
        version="1",
        header_comment=f"# Polyhelp's interface text in {_english_name(locale)}.",
        msgid_bugs_address="",
        last_translator="",
        language_team="",
        fuzzy=False,
    )
    for message in _read(TEMPLATE, None):
        if message.id and message.context:
            empty = ("",) * catalog.num_plurals if message.pluralizable else ""
            catalog.add(
                message.id,
                empty,
                context=message.context,
                flags=[f for f in message.flags if f != "fuzzy"],
                auto_comments=message.auto_comments,
            )
    return catalog


def _english_name(locale: str) -> str:
    try:
        return Locale.parse(locale.replace("-", "_")).get_display_name(ENGLISH) or locale
    except (UnknownLocaleError, ValueError):
        return locale


def load_for_update(path: Path, locale: str) -> Catalog:
    """A catalog to fill in, with every template entry (new ones empty, as `msgmerge` does)."""
    catalog = _read(path, locale)
    present = {m.context for m in catalog if m.id and m.context}
    for message in _read(TEMPLATE, None):
        if message.id and message.context and message.context not in present:
            empty = ("",) * catalog.num_plurals if message.pluralizable else ""
            catalog.add(
                message.id,
                empty,
                context=message.context,
                flags=message.flags,
                auto_comments=message.auto_comments,
            )
    return catalog


def save(catalog: Catalog, path: Path) -> None:
    """Write a catalog in gettext's .po form, atomically."""
    out = io.BytesIO()
    write_po(out, catalog, width=76, include_previous=True)
    write_atomic(path, out.getvalue())
