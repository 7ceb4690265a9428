"""The 404 page in the reader's language, as GitHub Pages serves it: one 404.html.

Every locale's build renders Material's 404 template with its own header, navigation and
search index, into `<locale>/404.html`; the default locale's is the site's `404.html`. A
short script in that one (overrides/404.html) sends a reader whose address starts with a
locale's folder to that locale's page and puts the address they asked for back in the
address bar; without JavaScript they read the default locale's page, which links every
language's home page. Each 404 page has a search form that opens the locale's own search
(Material reads `?q=` on its home page) and links to the topics of the navigation.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from polyhelp.locales.messages import message
from polyhelp.project.config import Site
from polyhelp.project.files import write_atomic

TEMPLATE = "404.html"
KEYS = ("not_found_title", "not_found_text", "search_label", "search_button", "topics")


def template_context(site: Site, locale: str) -> dict:
    """What overrides/404.html needs beyond Material's context, in `locale`."""
    root = urlsplit(site.site_url).path or "/"
    others = [
        {"locale": other, "name": site.locale_names.get(other, other), "url": root + prefix}
        for other in site.locales
        if other != locale
        for prefix in [site.url_prefix(other)]
    ]
    return {
        **{key: message(locale, key) for key in KEYS},
        "other_languages": message(locale, "other_languages"),
        "home": root + site.url_prefix(locale),
        "root": root,
        "others": others,
        # Only the site's own 404.html sends readers on: the others are where they land.
        "redirects": locale == site.default_locale,
        "locale_folders": [site.url_prefix(o).rstrip("/") for o in site.locales if o != locale],
    }


def locale_page_path(site: Site, site_dir: Path, locale: str) -> Path:
    return site_dir / site.url_prefix(locale) / TEMPLATE


def write_locale_page(site: Site, site_dir: Path, locale: str, output: str) -> None:
    write_atomic(locale_page_path(site, site_dir, locale), output)


def switcher(site: Site) -> list[dict[str, str]]:
    """Material's `extra.alternate` for a 404 page: each language's home page."""
    root = urlsplit(site.site_url).path or "/"
    return [
        {
            "name": site.locale_names.get(locale, locale),
            "link": root + site.url_prefix(locale),
            "lang": locale,
        }
        for locale in site.locales
    ]
