"""Per-locale search: one index per locale, built with only that locale's language.

mkdocs-static-i18n merges every locale into one index with all stemmers chained; a
French page would then search German pages with German stemming too. Instead each
locale gets <locale>/search/search_index.json, and the locale's pages point Material's
search at it (their `base` is the locale's root, where Material looks for the index).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from polyhelp.content.text import html_to_text
from polyhelp.errors import BuildError, ConfigError, PolyhelpError
from polyhelp.project.config import Site
from polyhelp.project.files import write_atomic

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


def index_payload(entries: list[dict[str, Any]], locale: str, search_config: dict) -> dict:
    """Material's search_index.json for one locale: that locale's stemmer only."""
    return {
        "config": {
            "lang": [locale],
            "separator": search_config["separator"],
            "pipeline": search_config["pipeline"],
            "fields": search_config["fields"],
        },
        "docs": entries,
    }


INDEX_NAME = "search_index.json"
# The default locale's index lives where mkdocs-static-i18n writes its merged index, and
# other builds' search plugin writes there too: it is put in place once every build is done.
PENDING_NAME = ".polyhelp-search_index.json"


def write_index(site_dir: Path, prefix: str, payload: dict, name: str = INDEX_NAME) -> Path:
    """Write a locale's index where its pages will look for it."""
    path = Path(site_dir) / prefix / "search" / name
    write_atomic(path, json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
    return path


def index_file(site: Site, locale: str, site_dir: Path | None = None) -> Path:
    """Where the built site keeps `locale`'s search index."""
    if locale not in site.locales:
        raise ConfigError(
            f"locale '{locale}' is not built by this site; built: {', '.join(site.locales)}"
        )
    path = (
        Path(site_dir or site.site_dir) / site.url_prefix(locale) / "search" / "search_index.json"
    )
    if not path.is_file():
        raise BuildError("no search index here; run 'polyhelp build' first", path)
    return path


# --- Querying an index with lunr.py, the same way the browser does -----------------------


@dataclass(frozen=True)
class Hit:
    location: str
    title: str
    score: float


class SearchQueryError(PolyhelpError):
    """A search query that has no word to search for."""


class SearchIndexError(BuildError):
    """A built search index that is not one Polyhelp wrote: not JSON, or not its shape."""


# Where lunr's query syntax (field:, +, -, ~, ^, *) does not parse, the query's words are
# searched instead: a customer's "refund:" or "2-3 days" is words, not syntax.
_WORD = re.compile(r"\w+")


def _read_index(index_file: Path) -> dict:
    """The index's JSON, checked for the shape Polyhelp writes (index_payload)."""

    def damaged(what: str) -> SearchIndexError:
        return SearchIndexError(
            f"damaged search index: {what}; run 'polyhelp build' to write it again", index_file
        )

    try:
        payload = json.loads(Path(index_file).read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise damaged(f"not UTF-8 text (byte {error.start})") from None
    except json.JSONDecodeError as error:
        raise damaged(f"not JSON ({error.msg} at line {error.lineno})") from None
    config = payload.get("config") if isinstance(payload, dict) else None
    docs = payload.get("docs") if isinstance(payload, dict) else None
    if not isinstance(config, dict) or not isinstance(docs, list):
        raise damaged("expected an object with 'config' and a list of 'docs'")
    lang, fields = config.get("lang"), config.get("fields")
    if not isinstance(lang, list) or len(lang) != 1 or not isinstance(lang[0], str):
        raise damaged(f"expected one language in config.lang, found {lang!r}")
    if not isinstance(fields, dict) or not all(
        isinstance(field, dict) and _is_number(field.get("boost", 1)) for field in fields.values()
    ):
        raise damaged("config.fields must map each field to its settings, e.g. {'boost': 1}")
    for number, doc in enumerate(docs, start=1):
        if (
            not isinstance(doc, dict)
            or not isinstance(doc.get("location"), str)
            or not isinstance(doc.get("title", ""), str)
            or not isinstance(doc.get("text", ""), str)
            or not _is_number(doc.get("boost", 1))
        ):
            raise damaged(f"entry {number} of docs lacks a text 'location', 'title' or 'text'")
    return payload


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class LocaleSearch:
    """A locale's built search index, queried with lunr.py and the locale's own pipeline."""

    def __init__(self, index_file: Path):
        payload = _read_index(Path(index_file))
        config = payload["config"]
        self.locale = config["lang"][0]
        self.docs = {doc["location"]: doc for doc in payload["docs"]}
        self.index = _build(
            self.locale,
            tuple(
                (
                    doc["location"],
                    doc.get("title", ""),
                    html_to_text(doc.get("text", "")),
                    doc.get("boost", 1),
                )
                for doc in payload["docs"]
            ),
            tuple(
                sorted(
                    (name, float(field.get("boost", 1))) for name, field in config["fields"].items()
                )
            ),
        )

    def search(self, query: str) -> list[Hit]:
        """The hits of `query` in lunr's syntax, or of its words where that does not parse."""
        return [
            Hit(
                result["ref"],
                html_to_text(self.docs[result["ref"]].get("title", "")),
                result["score"],
            )
            for result in self._results(query)
        ]

    def _results(self, query: str) -> list[dict]:
        from lunr.exceptions import QueryParseError

        try:
            return self.index.search(query)
        except QueryParseError:
            words = _WORD.findall(query)
            if not words:
                raise SearchQueryError(
                    f"the query {query!r} has no word to search for; type words, e.g. 'refund card'"
                ) from None
            return self.index.search(" ".join(words))

    def pages(self, query: str) -> list[str]:
        """The page paths (no #section) of the hits, best first, each once."""
        seen: list[str] = []
        for hit in self.search(query):
            page = hit.location.split("#")[0]
            if page not in seen:
                seen.append(page)
        return seen


@lru_cache(maxsize=16)
def _build(locale: str, docs: tuple, fields: tuple):
    from polyhelp.site.lunr_languages import builder_for

    builder = builder_for(locale)
    builder.ref("location")
    for name, boost in fields:
        if name in ("title", "text"):
            builder.field(name, boost=boost)
    for location, title, text, boost in docs:
        builder.add(
            {"location": location, "title": html_to_text(title), "text": text},
            attributes={"boost": boost},
        )
    return builder.build()
