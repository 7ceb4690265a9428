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
    pending = site_dir / "search" / search.PENDING_NAME
    if pending.exists():
        os.replace(pending, site_dir / "search" / search.SETTINGS_NAME)
    icon = f"../{favicon}" if favicon else ""
    write_atomic(
        site_dir / STATUS_FOLDER / "index.html", status_page_html(site, site_states(site), icon)
    )
    write_atomic(site_dir / "robots.txt", seo.robots_txt(site, [STATUS_FOLDER]))
    sitemap = seo.sitemap_xml(site, extra=market_parts.sitemap_groups(site))
    write_atomic(site_dir / "sitemap.xml", sitemap)
    write_atomic(site_dir / "sitemap.xml.gz", gzip.compress(sitemap.encode(), mtime=0))
