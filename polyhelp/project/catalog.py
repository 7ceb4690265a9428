"""Which pages exist in which locale, and where each one lives on the site."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from polyhelp.project.config import Site


def page_names(site: Site, locale: str) -> set[str]:
    """The pages written in `locale`, as paths relative to docs/<locale>/ ('support/contact.md')."""
    folder = site.docs_dir / locale
    if not folder.is_dir():
        return set()
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*.md")}


def all_page_names(site: Site) -> list[str]:
    """Every page of the site in any locale, sorted."""
    names: set[str] = set()
    for locale in site.locales:
        names |= page_names(site, locale)
    return sorted(names)


def translated_locales(site: Site, name: str) -> list[str]:
    """The locales that have their own file for page `name`, in the site's locale order."""
    return [locale for locale in site.locales if (site.docs_dir / locale / name).is_file()]


MARKET_TOPICS_FOLDER = "markets/topics"  # texts rendered once per market (polyhelp.markets)


def is_market_topic(name: str) -> bool:
    """A market topic's text: not a page of its own, it becomes markets/<code>/<topic>/."""
    return name.startswith(f"{MARKET_TOPICS_FOLDER}/")


def page_path(name: str) -> str:
    """The URL path of page `name` in its locale: 'support/contact.md' -> 'support/contact/'.

    A market topic's text has no page of its own; its place is the list of markets."""
    if is_market_topic(name):
        return "markets/"
    path = PurePosixPath(name)
    if path.stem in ("index", "README"):
        parent = path.parent.as_posix()
        return "" if parent == "." else f"{parent}/"
    return f"{path.with_suffix('').as_posix()}/"


def page_url(site: Site, locale: str, name: str) -> str:
    """The absolute URL of page `name` in `locale`."""
    return f"{site.site_url}{site.url_prefix(locale)}{page_path(name)}"


def name_from_src_uri(src_uri: str, locales: tuple[str, ...]) -> str:
    """The page name of a source path: 'fr/support/contact.md' -> 'support/contact.md'."""
    first, _, rest = src_uri.partition("/")
    return rest if first in locales and rest else src_uri


@dataclass(frozen=True)
class Alternate:
    """One language version of a page, as search engines are told of it (hreflang)."""

    hreflang: str
    url: str
