"""What is written once for the whole site, after every locale is built."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

from polyhelp.project.config import Site
from polyhelp.project.files import write_atomic
from polyhelp.review.report import status_page_html
from polyhelp.review.states import site_states
from polyhelp.site import market_parts, search, seo

STATUS_FOLDER = "translation-status"  # the writers' status page, outside the customer site
MATERIAL_FAVICON = "assets/images/favicon.png"  # Material's theme.favicon unless configured


def finish_site(site: Site, site_dir: Path, favicon: str | None = None) -> None:
    """What is written once for the whole site, after every locale is built.

    `favicon`: the theme's icon, relative to the site's root (Material's own by default)."""
    favicon = favicon or (MATERIAL_FAVICON if (site_dir / MATERIAL_FAVICON).is_file() else None)
    publish_default_index(site_dir)
    write_status_page(site, site_dir, favicon)
    write_site_files(site, site_dir)


def publish_default_index(site_dir: Path) -> None:
    """The default locale's search index under its own name, once no locale's build can
    write over it (static-i18n's builds write the merged one there)."""
    pending = site_dir / "search" / search.PENDING_NAME
    if pending.exists():
        os.replace(pending, site_dir / "search" / search.SETTINGS_NAME)


def write_status_page(site: Site, site_dir: Path, favicon: str | None) -> None:
    """The writers' page of every translation's state (translation-status/). Made from the
    pages' files, not from the built site: it may be written while the locales build."""
    icon = f"../{favicon}" if favicon else ""
    write_atomic(
        site_dir / STATUS_FOLDER / "index.html", status_page_html(site, site_states(site), icon)
    )


def write_site_files(site: Site, site_dir: Path, sitemap: str | None = None) -> None:
    """robots.txt and the sitemap of every locale (`sitemap`: made beforehand by
    site_sitemap, e.g. while the locales build). Written after the locales' builds: each
    writes Material's sitemap.xml, or copies its template, at the site's root."""
    write_atomic(site_dir / "robots.txt", seo.robots_txt(site, [STATUS_FOLDER]))
    sitemap = site_sitemap(site) if sitemap is None else sitemap
    write_atomic(site_dir / "sitemap.xml", sitemap)
    write_atomic(site_dir / "sitemap.xml.gz", gzip.compress(sitemap.encode(), mtime=0))


def site_sitemap(site: Site) -> str:
    """The sitemap of every locale's pages, made from the pages' files (not the built site)."""
    return seo.sitemap_xml(site, extra=market_parts.sitemap_groups(site))
