"""Search-engine metadata: hreflang alternates and the multilingual sitemap."""

from __future__ import annotations

from html import escape

from polyhelp.project.catalog import (
    Alternate,
    all_page_names,
    is_market_topic,
    page_url,
    translated_locales,
)
from polyhelp.project.config import Site
from polyhelp.review.states import shows_english


def alternates(site: Site, name: str) -> list[Alternate]:
    """The language versions of page `name` that really exist, plus x-default.

    A locale that shows this page only in English (no translation, or a legal text not yet
    reviewed) is not an alternate: announcing it would tell search engines the English text
    is French.
    """
    locales = in_own_language(site, name, translated_locales(site, name))
    links = [Alternate(locale, page_url(site, locale, name)) for locale in locales]
    default = site.default_locale if site.default_locale in locales else (locales or [None])[0]
    if default is not None:
        links.append(Alternate("x-default", page_url(site, default, name)))
    return links


def in_own_language(site: Site, name: str, locales) -> list[str]:
    """The `locales` in which page `name` shows its own language's text (not English)."""
    return [
        locale
        for locale in locales
        if locale == site.default_locale or not shows_english(site, locale, name)
    ]


def alternate_links_html(site: Site, name: str) -> str:
    """<link rel="alternate" hreflang> elements for a page's <head>."""
    return links_html(alternates(site, name))


def links_html(links: list[Alternate]) -> str:
    return "\n".join(
        f'<link rel="alternate" hreflang="{link.hreflang}" href="{escape(link.url)}">'
        for link in links
    )


def sitemap_xml(
    site: Site, excluded: frozenset[str] = frozenset(), extra: list[list[Alternate]] = ()
) -> str:
    """One sitemap for all locales: each translated page with its language alternates.

    `extra`: pages that are not files of their own (market pages), each as its alternates.
    """
    groups = [
        alternates(site, name)
        for name in all_page_names(site)
        if name not in excluded and not is_market_topic(name)
    ]
    entries = []
    for links in [*groups, *extra]:
        xhtml = "".join(
            f'\n    <xhtml:link rel="alternate" hreflang="{link.hreflang}" '
            f'href="{escape(link.url)}"/>'
            for link in links
        )
        for link in links:
            if link.hreflang != "x-default":
                entries.append(f"  <url>\n    <loc>{escape(link.url)}</loc>{xhtml}\n  </url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "\n".join(entries) + "\n</urlset>\n"
    )
