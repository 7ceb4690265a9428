"""What a market page adds to the site around its text: header, English original, alternates."""

from __future__ import annotations

from polyhelp.markets import pages
from polyhelp.markets.announcements import announcement_html, current_announcements
from polyhelp.markets.load import MarketData, load_market_data
from polyhelp.project.build_date import build_date
from polyhelp.project.config import Site
from polyhelp.site import seo


def header_html(site: Site, page: pages.MarketPage, locale: str, depth: int) -> str:
    """The market picker and the market's announcements current on the build date."""
    data = load_market_data(site)
    parts = [pages.picker_html(site, data, page, locale, depth)]
    for item in current_announcements(data, page.code, build_date()):
        parts.append(announcement_html(item, locale, site.default_locale))
    return "\n".join(parts) + "\n"


def english_path(site: Site, page: pages.MarketPage) -> str:
    """The site path of the English original: the same market's page where the market offers
    English, else the English list of markets."""
    targets = pages.switcher_targets(site, load_market_data(site), page)
    return targets[site.default_locale]


def has_english_original(site: Site, page: pages.MarketPage) -> bool:
    """False where the market has no English pages: the page is its own original."""
    return site.default_locale in load_market_data(site).markets[page.code].locales


def sitemap_groups(site: Site) -> list[list[seo.Alternate]]:
    """Every market page with its alternates, for the sitemap."""
    data = load_market_data(site)
    return [
        pages.alternates(site, data, page, _translated(site, data, page))
        for page in pages.all_market_pages(data)
    ]


def _translated(site: Site, data: MarketData, page: pages.MarketPage) -> list[str]:
    """The market's locales in which this page shows its own language's text."""
    return seo.in_own_language(site, page.template, data.markets[page.code].locales)
