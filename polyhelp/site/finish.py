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


def finish_site(site: Site, site_dir: Path) -> None:
    """What is written once for the whole site, after every locale is built."""
    pending = site_dir / "search" / search.PENDING_NAME
    if pending.exists():
        os.replace(pending, site_dir / "search" / search.INDEX_NAME)
    write_status_page(site, site_dir)
    sitemap = seo.sitemap_xml(site, extra=market_parts.sitemap_groups(site))
    write_atomic(site_dir / "sitemap.xml", sitemap)
    write_atomic(site_dir / "sitemap.xml.gz", gzip.compress(sitemap.encode(), mtime=0))


def write_status_page(site: Site, site_dir: Path) -> None:
    """The writers' page of every translation's state (translation-status/)."""
    write_atomic(site_dir / STATUS_FOLDER / "index.html", status_page_html(site, site_states(site)))
