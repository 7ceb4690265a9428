"""Which pages exist in which locale, and where each one lives on the site."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

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


def link_loop(folder: Path) -> tuple[Path, Path] | None:
    """The first symbolic link under `folder` that leads back to a folder it is in, with
    where it points; None when there is none.

    MkDocs follows links to folders; through a loop it walks until the path is too long,
    for minutes, listing the same pages again and again."""
    stack = [(folder, frozenset({folder.resolve()}))]
    while stack:
        current, above = stack.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda entry: entry.name)
        except OSError:
            continue  # unreadable: MkDocs skips it too
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except RuntimeError:  # a loop of links to links (a -> b -> a)
                    return path, Path(os.readlink(path))
                except OSError as error:
                    if error.errno == errno.ELOOP:
                        return path, Path(os.readlink(path))
                    continue  # a broken link is no loop
                if not target.is_dir():
                    continue
                if target in above:
                    return path.parent.resolve() / path.name, target  # where the link lives
                stack.append((path, above | {target}))
            elif entry.is_dir(follow_symlinks=False):
                stack.append((path, above | {path.resolve()}))
    return None
