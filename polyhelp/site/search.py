"""Per-locale search: one prebuilt lunr index per locale, loaded only when a customer searches.

mkdocs-static-i18n merges every locale into one index with all stemmers chained; a French page
would then search German pages with German stemming too. Instead each locale gets:

- <locale>/search/search_index.json: what Material's JavaScript fetches on every page (its
  `base` is the locale's root, material_internals.point_search_at_locale): the settings only,
  no document, a few hundred bytes;
- <locale>/search/lunr_index.json: the lunr index of the locale's pages, built and serialized
  here with lunr.py (polyhelp.search.index), which Polyhelp's search worker
  (overrides/assets/javascripts/polyhelp-search.js) fetches and loads when the customer types
  in the search field, and `polyhelp search` queries.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from polyhelp.content.text import html_to_text
from polyhelp.errors import BuildError, ConfigError
from polyhelp.project.config import Site
from polyhelp.project.files import write_atomic
from polyhelp.search.index import PageDocument, build_index

# Ties are common (Material's worker ignores field length): a customer who types a topic
# word should land on the topic's guide before the FAQ that summarises it, and before
# the home page that merely links to it.
BOOST_BY_PAGE_TYPE = {"guide": 1.25, "legal": 1.25, "faq": 1.0, "home": 0.5, "hub": 0.5}


# A market page answers for one country: below the general guide on the same topic, which a
# query without a country is after (a query naming the country still finds it by its title).
# 1.0 was not enough in Material's search: "refund" found Canada's returns page first.
MARKET_PAGE_BOOST = 0.8


def search_boost(page_type: str, market_page: bool = False) -> float:
    """The search weight of a page of this type (one market's page: MARKET_PAGE_BOOST at most)."""
    boost = BOOST_BY_PAGE_TYPE.get(page_type, 1.0)
    return min(boost, MARKET_PAGE_BOOST) if market_page else boost


def locale_entries(entries: list[dict[str, Any]], prefix: str, other_prefixes: list[str]):
    """The entries of one locale, with locations relative to that locale's root."""
    selected = []
    for entry in entries:
        location = entry["location"]
        if prefix:
            if not location.startswith(prefix):
                continue
            location = location[len(prefix) :]
        elif any(location.startswith(other) for other in other_prefixes):
            continue
        selected.append({**entry, "location": location})
    return selected


# Each build's pages as they are rendered (collect_page), by site folder and page URL: one
# index document per page, its text taken from the page's HTML block by block.
_COLLECTED: dict[str, dict[str, PageDocument]] = {}


def collect_page(site_dir: str, url: str, meta: dict, title: str, content: str) -> None:
    """Remember a rendered page for its locale's index (unless `search: {exclude: true}`)."""
    search = meta.get("search") if isinstance(meta.get("search"), dict) else {}
    if search.get("exclude"):
        return
    keywords = meta.get("keywords") or []
    _COLLECTED.setdefault(site_dir, {})[url] = PageDocument(
        location=url,
        title=html_to_text(str(meta.get("title") or title)),
        text=html_to_text(content),
        boost=float(search.get("boost", 1)),
        keywords=[str(keyword) for keyword in keywords],
        description=html_to_text(str(meta.get("description") or "")),
    )


def locale_pages(site_dir: str, prefix: str, other_prefixes: list[str]) -> list[PageDocument]:
    """The collected pages of one locale, with locations relative to that locale's root."""
    pages = list(_COLLECTED.get(site_dir, {}).values())
    entries = locale_entries(
        [{"location": page.location, "page": page} for page in pages], prefix, other_prefixes
    )
    return [replace(entry["page"], location=entry["location"]) for entry in entries]


def settings_payload(locale: str, search_config: dict) -> dict:
    """Material's search_index.json for one locale: its settings and no document (the worker
    fetches the index itself, when the customer starts a search)."""
    return {
        "config": {
            "lang": [locale],
            "separator": search_config["separator"],
            "pipeline": search_config["pipeline"],
            "fields": search_config["fields"],
        },
        "docs": [],
    }


SETTINGS_NAME = "search_index.json"
INDEX_NAME = "lunr_index.json"
# The default locale's settings live where mkdocs-static-i18n writes its merged index, and
# other builds' search plugin writes there too: they are put in place once every build is done.
PENDING_NAME = ".polyhelp-search_index.json"


def write_locale_search(
    site_dir: Path,
    prefix: str,
    locale: str,
    pages: list[PageDocument],
    search_config: dict,
    synonyms: dict[str, list[str]],
) -> None:
    """Write a locale's settings and index where its pages and the worker look for them."""
    folder = Path(site_dir) / prefix / "search"
    index = build_index(locale, pages, synonyms)
    write_atomic(folder / INDEX_NAME, json.dumps(index, ensure_ascii=False, separators=(",", ":")))
    settings = json.dumps(settings_payload(locale, search_config), separators=(",", ":"))
    write_atomic(folder / (PENDING_NAME if not prefix else SETTINGS_NAME), settings)


def index_file(site: Site, locale: str, site_dir: Path | None = None) -> Path:
    """Where the built site keeps `locale`'s search index."""
    if locale not in site.locales:
        raise ConfigError(
            f"locale '{locale}' is not built by this site; built: {', '.join(site.locales)}"
        )
    path = Path(site_dir or site.site_dir) / site.url_prefix(locale) / "search" / INDEX_NAME
    if not path.is_file():
        raise BuildError("no search index here; run 'polyhelp build' first", path)
    return path
