"""Every question and article of a locale from A to Z, on one page: `<locale>/a-z/`.

Search needs JavaScript; this list does not, and it gives search engines every page and
every FAQ answer from one place. The page is generated (no file in docs/), rendered by
overrides/a-z.html from the navigation once every page is read, so it lists each page by
the title the menu shows and each FAQ question with a link to its answer; it is linked from
the home page and left out of the search index (it would match every query).
"""

from __future__ import annotations

import unicodedata
from itertools import groupby
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import File, InclusionLevel

from polyhelp.locales.messages import message
from polyhelp.project.config import Site
from polyhelp.site.static_i18n_internals import localize_file

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

NAME = "a-z.md"
PATH = "a-z/"
TEMPLATE = "a-z.html"


def url(site: Site, locale: str) -> str:
    """The A-Z page of `locale`, from the site's root."""
    return site.url_prefix(locale) + PATH


def add_file(site: Site, locale: str, files: Files, config: MkDocsConfig) -> Files:
    """The A-Z page as a generated file of the locale being built."""
    file = File(
        f"{locale}/{NAME}",
        src_dir=None,
        dest_dir=config.site_dir,
        use_directory_urls=config.use_directory_urls,
        dest_uri=url(site, locale) + "index.html",
        inclusion=InclusionLevel.NOT_IN_NAV,
    )
    file.content_string = ""
    file.generated_by = "polyhelp"
    switcher = {other: url(site, other) for other in site.locales}
    localize_file(file, SimpleNamespace(locale=locale), locale, NAME, switcher)
    file.polyhelp_a_to_z = True
    files.append(file)
    return files


def is_a_to_z(file: File) -> bool:
    return getattr(file, "polyhelp_a_to_z", False)


def page_meta(locale: str) -> dict[str, Any]:
    """The generated page's front matter."""
    return {
        "title": message(locale, "az_link"),
        "description": message(locale, "az_description"),
        "template": TEMPLATE,
        "search": {"exclude": True},
        "hide": ["navigation", "toc"],
    }


def _sort_key(title: str) -> str:
    """A title as it is alphabetized: accents and leading punctuation (¿, «) do not count."""
    letters = unicodedata.normalize("NFKD", title)
    letters = "".join(c for c in letters if not unicodedata.combining(c))
    return letters.lstrip("¿¡«»\"'“„(").casefold()


def entries(nav: Navigation, itself: Page) -> list[dict[str, Any]]:
    """Every page of the navigation and every FAQ question, grouped by first letter."""
    items = []
    for page in nav.pages:
        if page is itself or page.is_homepage or (page.meta or {}).get("type") == "home":
            continue
        english = "en" if (page.meta or {}).get("polyhelp_english_title") else ""
        items.append({"title": str(page.title), "url": page.url, "lang": ""})
        if (page.meta or {}).get("type") == "faq":
            items += [
                {"title": entry.title, "url": page.url + entry.url, "lang": english}
                for entry in page.toc
                if entry.level == 2
            ]
    items.sort(key=lambda item: _sort_key(item["title"]))
    return [
        {"letter": letter, "items": list(group)}
        for letter, group in groupby(items, key=lambda item: _sort_key(item["title"])[:1].upper())
    ]
