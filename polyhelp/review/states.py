"""Translation state of every page in every locale, derived from the files (never stored twice).

reviewed  a person reviewed it against the current English
machine   machine translation of the current English, not reviewed
stale     made from an older English (or from an English nobody recorded)
missing   no file: the site shows the English page with a notice
pseudo    pseudo-localized draft: never publishable

A machine translation (machine, or stale and still machine) that fails QA is flagged
`fails_qa`: the site shows the English page in its place.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from polyhelp.content import frontmatter
from polyhelp.errors import FrontMatterError
from polyhelp.locales import catalog
from polyhelp.project.catalog import page_names
from polyhelp.project.config import Site
from polyhelp.review.gate import withheld
from polyhelp.translation.record import check_record
from polyhelp.translation.segment import segment

STATES = ("reviewed", "machine", "stale", "missing", "pseudo")
# Why a locale shows the English text of a page it has a translation of.
LEGAL = "legal"
FAILS_QA = "fails_qa"


@dataclass(frozen=True)
class PageState:
    locale: str
    name: str  # page name, relative to docs/<locale>/
    state: str
    page_type: str  # the English page's type: guide, faq, legal, home, hub
    words: int  # words of the English page: the weight of this page in the totals
    path: Path | None  # the translated file, if any
    translation: dict  # its translation block
    fails_qa: bool = False  # a machine translation with QA errors: not published


@dataclass(frozen=True)
class EnglishPage:
    source_hash: str
    words: int
    page_type: str


# Read English pages by (path, mtime, size): every page of any size of site, read once.
_english_pages: dict[tuple[Path, int, int], EnglishPage] = {}


def english_page(path: Path) -> EnglishPage:
    """What states need of an English page (cached until the file changes)."""
    stat = path.stat()
    key = (path, stat.st_mtime_ns, stat.st_size)
    page = _english_pages.get(key)
    if page is None:
        page = _english_pages[key] = _english_page(path)
    return page


def english_pages(paths: list[Path]) -> dict[tuple[Path, int, int], EnglishPage]:
    """english_page of each of `paths`, as remember_english_pages takes them."""
    pages = {}
    for path in paths:
        page = english_page(path)
        stat = path.stat()
        pages[path, stat.st_mtime_ns, stat.st_size] = page
    return pages


def remember_english_pages(pages: dict[tuple[Path, int, int], EnglishPage]) -> None:
    """What other processes read of English pages (a parallel build reads each page once,
    for all its locales: segmenting is most of what a translated page's state costs)."""
    _english_pages.update(pages)


def _english_page(path: Path) -> EnglishPage:
    text = path.read_text(encoding="utf-8-sig")
    page = frontmatter.split(text, path)
    document = segment(text, path)
    return EnglishPage(document.source_hash(), document.words(), page.page_type)


def translation_block(path: Path) -> dict:
    """A translated page's `translation:` front matter block ({} when it has none)."""
    stat = path.stat()
    return dict(_translation_block(path, stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=16384)
def _translation_block(path: Path, _mtime: int, _size: int) -> tuple:
    text = path.read_text(encoding="utf-8-sig")
    try:
        block = frontmatter.split(text, path, max_description=None).meta.get("translation")
    except FrontMatterError:
        return ()
    # Unknown status or engine values are an error, never read as "machine".
    return tuple(check_record(block, text, path).items())


def state_of(block: dict, english: EnglishPage, exists: bool) -> str:
    if not exists:
        return "missing"
    if block.get("engine") == "pseudo":
        return "pseudo"
    if block.get("source_hash") != english.source_hash:
        return "stale"
    return "reviewed" if block.get("status") == "reviewed" else "machine"


def page_state(site: Site, locale: str, name: str) -> PageState:
    english = english_page(site.docs_dir / site.default_locale / name)
    path = site.docs_dir / locale / name
    exists = path.is_file()
    block = translation_block(path) if exists else {}
    fails_qa = block.get("status") == "machine" and bool(withheld(site, locale, name))
    return PageState(
        locale=locale,
        name=name,
        state=state_of(block, english, exists),
        page_type=english.page_type,
        words=english.words,
        path=path if exists else None,
        translation=block,
        fails_qa=fails_qa,
    )


def site_states(site: Site, locales: list[str] | None = None) -> list[PageState]:
    """Every English page's state in every translated locale, sorted by locale then page;
    then the locale's interface catalog, where the help center translates it itself."""
    chosen = locales or [locale for locale in site.locales if locale != site.default_locale]
    names = sorted(page_names(site, site.default_locale))
    states = []
    for locale in chosen:
        states.extend(page_state(site, locale, name) for name in names)
        interface = interface_state(site, locale)
        if interface is not None:
            states.append(interface)
    return states


# The state of a catalog is its least finished entry's: one machine entry makes it machine.
_WORST_FIRST = ("missing", "pseudo", "stale", "machine", "reviewed")
INTERFACE = "interface"


def interface_state(site: Site, locale: str) -> PageState | None:
    """The help center's own catalog of interface text for `locale` as one row of the
    status (page type "interface", named by its file), None where Polyhelp ships the
    catalog reviewed (fr, de, es)."""
    found = catalog.catalog_path(locale, site.root)
    own = catalog.project_catalog(site.root, locale)
    if found is not None and found != own:
        return None
    entries = catalog.entry_states(locale, site.root)
    state = next(s for s in _WORST_FIRST if s in entries.values() or s == "reviewed")
    english = catalog.template().values()
    words = sum(len(" ".join(_forms(entry.english)).split()) for entry in english)
    return PageState(
        locale=locale,
        name=own.relative_to(site.root).as_posix(),
        state=state,
        page_type=INTERFACE,
        words=words,
        path=own if found is not None else None,
        translation={},
    )


def _forms(english: str | tuple[str, ...]) -> tuple[str, ...]:
    return (english,) if isinstance(english, str) else english


@dataclass(frozen=True)
class LocaleTotals:
    locale: str
    pages: dict[str, int]  # state -> number of pages
    reviewed_percent: float  # share of the English words whose page is reviewed


def totals(states: list[PageState]) -> list[LocaleTotals]:
    result = []
    for locale in dict.fromkeys(state.locale for state in states):
        mine = [state for state in states if state.locale == locale]
        words = sum(state.words for state in mine) or 1
        reviewed = sum(state.words for state in mine if state.state == "reviewed")
        counts = {name: sum(1 for state in mine if state.state == name) for name in STATES}
        result.append(LocaleTotals(locale, counts, round(100 * reviewed / words, 1)))
    return result


def english_shown(site: Site, locale: str, name: str) -> str | None:
    """Why `locale` publishes the English text of page `name` although it has a translation:
    LEGAL (a legal text not reviewed), FAILS_QA (a machine translation QA fails), or None."""
    english = site.docs_dir / site.default_locale / name
    if not english.is_file():
        return None
    state = page_state(site, locale, name)
    if english_page(english).page_type == "legal" and state.state != "reviewed":
        return LEGAL
    return FAILS_QA if state.fails_qa else None


def shows_english(site: Site, locale: str, name: str) -> bool:
    """True where `locale` publishes the English text of a page it has a translation of."""
    return english_shown(site, locale, name) is not None
