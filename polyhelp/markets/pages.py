"""Which market pages exist, where they live, and the links between them.

URL scheme (stable): <locale prefix>markets/<market code>/<topic>/, e.g. /de/markets/at/shipping/
and /markets/us/privacy/ for English; <locale prefix>markets/ lists the markets. A topic's text
is one page per locale, docs/<locale>/markets/topics/<topic>.md, rendered once per market that
offers the locale.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from html import escape

from polyhelp.locales.lookup import as_html
from polyhelp.markets.formatting import country_name, language_name
from polyhelp.markets.labels import label
from polyhelp.markets.load import MarketData
from polyhelp.markets.schema import Market
from polyhelp.markets.view import TOPICS
from polyhelp.project.catalog import MARKET_TOPICS_FOLDER, Alternate
from polyhelp.project.config import Site

INDEX_NAME = "markets/index.md"


@dataclass(frozen=True)
class MarketPage:
    code: str
    topic: str

    @property
    def template(self) -> str:
        """The page (under docs/<locale>/) whose text this page shows."""
        return template_name(self.topic)

    @property
    def name(self) -> str:
        """Its source name, as if it were docs/<locale>/markets/<code>/<topic>.md."""
        return f"markets/{self.code}/{self.topic}.md"

    @property
    def path(self) -> str:
        return f"markets/{self.code}/{self.topic}/"


def template_name(topic: str) -> str:
    return f"{MARKET_TOPICS_FOLDER}/{topic}.md"


def market_pages(data: MarketData, locale: str) -> list[MarketPage]:
    """The market pages of one locale: every topic of every market that offers it."""
    return [MarketPage(code, topic) for code in data.markets_for(locale) for topic in TOPICS]


def all_market_pages(data: MarketData) -> list[MarketPage]:
    """Every market page of the site, once (whatever the number of its languages)."""
    return [MarketPage(code, topic) for code in data.markets for topic in TOPICS]


def site_path(site: Site, locale: str, path: str) -> str:
    """A path from the site's root: 'de/markets/at/shipping/'."""
    return f"{site.url_prefix(locale)}{path}"


def switcher_targets(site: Site, data: MarketData, page: MarketPage) -> dict[str, str]:
    """Per site locale, where its language switch leads: the same market and topic where the
    market offers that language, else that language's list of markets."""
    offered = data.markets[page.code].locales
    return {
        locale: site_path(site, locale, page.path if locale in offered else "markets/")
        for locale in site.locales
    }


def alternates(site: Site, data: MarketData, page: MarketPage, shown: list[str]) -> list[Alternate]:
    """hreflang alternates of a market page: language-country ('de-AT'), then x-default."""
    market = data.markets[page.code]
    links = [
        Alternate(f"{locale}-{market.country}", site.site_url + site_path(site, locale, page.path))
        for locale in market.locales
        if locale in shown
    ]
    default = market.default_locale if market.default_locale in shown else None
    if default is None and links:
        default = next(locale for locale in market.locales if locale in shown)
    if default is not None:
        links.append(Alternate("x-default", site.site_url + site_path(site, default, page.path)))
    return links


def by_name(data: MarketData, locale: str) -> list[tuple[str, Market]]:
    """The markets in the alphabetical order of their names in `locale` (Österreich after
    Deutschland: accents do not sort last)."""

    def key(item: tuple[str, Market]) -> str:
        name = unicodedata.normalize("NFKD", country_name(item[1].country, locale))
        return "".join(c for c in name if not unicodedata.combining(c)).casefold()

    return sorted(data.markets.items(), key=key)


def picker_html(site: Site, data: MarketData, page: MarketPage, locale: str, depth: int) -> str:
    """The market picker: the same topic in this language for the markets that offer it, then
    the other markets (in their own language, said so). `depth`: the page URL's folder depth."""
    up = "../" * depth
    own, other = [], []
    for code, market in by_name(data, locale):
        name = escape(country_name(market.country, locale))
        if locale in market.locales:
            href = up + site_path(site, locale, f"markets/{code}/{page.topic}/")
            current = ' aria-current="page"' if code == page.code else ""
            own.append(f'<li><a href="{href}"{current}>{name}</a></li>')
        else:
            other.append(_elsewhere(site, code, market, page.topic, up, name))
    title = label(locale, "picker.label")
    parts = [
        # Not searchable: the same country names on every market page would only add noise.
        f'<nav class="polyhelp-market-picker" aria-label="{escape(title)}" data-search-exclude>',
        f'<p class="polyhelp-market-picker__label">{as_html(title)}</p>',
        f'<ul class="polyhelp-market-picker__own">{"".join(own)}</ul>',
    ]
    if other:
        parts.append(
            f"<details><summary>{as_html(label(locale, 'picker.other'))}</summary>"
            f'<ul class="polyhelp-market-picker__other">{"".join(other)}</ul></details>'
        )
    parts.append("</nav>")
    return "".join(parts)


def _elsewhere(site: Site, code: str, market: Market, topic: str, up: str, name: str) -> str:
    """A market that does not offer this language: its topic page in its own, said so."""
    target = market.default_locale
    href = up + site_path(site, target, f"markets/{code}/{topic}/")
    language = escape(language_name(target))
    return (
        f'<li data-market="{code}"><a href="{href}" hreflang="{target}">{name}</a> '
        f'<span lang="{target}">({language})</span></li>'
    )


def market_list_html(site: Site, data: MarketData, locale: str) -> str:
    """The list on <locale>/markets/, relative to that page: the markets that offer this
    language with their topics, then the others, each linked to its own language's pages
    (named, not described: their words would be another language in this one's search)."""
    up = "../" * site_path(site, locale, "markets/").count("/")
    own, other = [], []
    for code, market in by_name(data, locale):
        name = escape(country_name(market.country, locale))
        if locale in market.locales:
            links = " · ".join(
                f'<a href="{up}{site_path(site, locale, f"markets/{code}/{topic}/")}">'
                f"{as_html(label(locale, f'topic.{topic}'))}</a>"
                for topic in TOPICS
            )
            own.append(f'<li data-market="{code}"><strong>{name}</strong><br>{links}</li>')
        else:
            other.append(_elsewhere(site, code, market, TOPICS[0], up, name))
    parts = [f'<ul class="polyhelp-market-list">{"".join(own)}</ul>']
    if other:
        parts.append(
            f'<p class="polyhelp-market-list__other">{as_html(label(locale, "picker.other"))}</p>'
            f'<ul class="polyhelp-market-list polyhelp-market-list--other">{"".join(other)}</ul>'
        )
    return "\n".join(parts)
