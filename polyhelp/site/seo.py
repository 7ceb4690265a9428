"""Search-engine metadata: hreflang alternates in the multilingual sitemap, robots.txt, and
each page's Open Graph and Twitter card.

hreflang alternates are declared in the sitemap only (one of the three ways search engines
read them), not as <link rel="alternate"> in pages: Material's language helper fetches
`sitemap.xml` relative to every such link, which for page URLs is a 404 on every page view
(and, from a preview host, a request to another host).
"""

from __future__ import annotations

from functools import cache
from html import escape

from babel import Locale
from babel.core import get_global
from markupsafe import Markup
from markupsafe import escape as escape_once

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


@cache
def og_locale(locale: str) -> str:
    """The Open Graph form of a locale, language_TERRITORY: fr -> fr_FR, de-CH -> de_CH
    (CLDR's likely territory where the locale names none)."""
    parsed = Locale.parse(locale.replace("-", "_"))
    territory = parsed.territory
    if not territory:
        likely = get_global("likely_subtags").get(parsed.language, "")
        territory = Locale.parse(likely).territory if likely else None
    return f"{parsed.language}_{territory}" if territory else parsed.language


def social_meta_html(
    *,
    title: str,
    description: str,
    url: str,
    site_name: str,
    locale: str,
    kind: str = "article",
) -> Markup:
    """Open Graph and Twitter card <meta> elements of a page, in its language.

    `title`, `description` and `site_name` may arrive as Markup (escaped once already);
    plain text is escaped here, once."""
    properties = [
        ("og:type", kind),
        ("og:site_name", site_name),
        ("og:title", title),
        ("og:description", description),
        ("og:url", url),
        ("og:locale", og_locale(locale)),
    ]
    names = [
        ("twitter:card", "summary"),
        ("twitter:title", title),
        ("twitter:description", description),
    ]
    lines = [f'<meta property="{key}" content="{escape_once(value)}">' for key, value in properties]
    lines += [f'<meta name="{key}" content="{escape_once(value)}">' for key, value in names]
    return Markup("\n".join(lines))


def robots_txt(site: Site, disallowed: list[str]) -> str:
    """robots.txt: everything may be crawled but `disallowed` folders; where the sitemap is."""
    lines = ["User-agent: *", *(f"Disallow: /{folder.strip('/')}/" for folder in disallowed)]
    if not disallowed:
        lines.append("Disallow:")
    return "\n".join([*lines, "", f"Sitemap: {site.site_url}sitemap.xml", ""])


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
