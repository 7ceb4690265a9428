"""hreflang alternates and the multilingual sitemap."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from polyhelp.project.catalog import (
    all_page_names,
    name_from_src_uri,
    page_names,
    page_path,
    page_url,
    translated_locales,
)
from polyhelp.project.config import Site
from tests.conftest import CATALOG_URL as URL
from polyhelp.site.seo import Alternate, alternate_links_html, alternates, sitemap_xml

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}

def test_alternates_omit_a_locale_that_lacks_the_page_and_x_default_is_english(site):
    assert alternates(site, "support/contact.md") == [
        Alternate("en", f"{URL}support/contact/"),
        Alternate("fr", f"{URL}fr/support/contact/"),
        Alternate("x-default", f"{URL}support/contact/"),
    ]


def test_x_default_of_a_page_english_lacks_is_its_first_translation(site):
    assert alternates(site, "support/fr-only.md") == [
        Alternate("fr", f"{URL}fr/support/fr-only/"),
        Alternate("x-default", f"{URL}fr/support/fr-only/"),
    ]


def test_alternate_links_html_has_one_link_per_alternate(site):
    assert alternate_links_html(site, "support/contact.md").splitlines() == [
        f'<link rel="alternate" hreflang="en" href="{URL}support/contact/">',
        f'<link rel="alternate" hreflang="fr" href="{URL}fr/support/contact/">',
        f'<link rel="alternate" hreflang="x-default" href="{URL}support/contact/">',
    ]


def sitemap_entries(xml: str) -> dict[str, list[tuple[str, str]]]:
    root = ET.fromstring(xml)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    entries: dict[str, list[tuple[str, str]]] = {}
    for url in root.findall("sm:url", NS):
        loc = url.find("sm:loc", NS).text
        assert loc not in entries, f"{loc} listed twice"
        entries[loc] = [
            (link.get("hreflang"), link.get("href")) for link in url.findall("xhtml:link", NS)
        ]
    return entries


def test_sitemap_lists_each_translation_once_with_its_alternates(site):
    entries = sitemap_entries(sitemap_xml(site))
    contact_alternates = [
        ("en", f"{URL}support/contact/"),
        ("fr", f"{URL}fr/support/contact/"),
        ("x-default", f"{URL}support/contact/"),
    ]
    assert entries[f"{URL}support/contact/"] == contact_alternates
    assert entries[f"{URL}fr/support/contact/"] == contact_alternates
    assert sorted(entries) == sorted(
        [
            URL,
            f"{URL}fr/",
            f"{URL}de/",
            f"{URL}support/contact/",
            f"{URL}fr/support/contact/",
            f"{URL}fr/support/fr-only/",
        ]
    )


def test_sitemap_does_not_list_the_url_of_a_missing_translation(site):
    xml = sitemap_xml(site)
    assert f"{URL}de/support/contact/" not in xml
    assert f"{URL}support/fr-only/" not in xml


def test_sitemap_leaves_out_excluded_pages(site):
    entries = sitemap_entries(sitemap_xml(site, excluded=frozenset({"support/contact.md"})))
    assert not [loc for loc in entries if "contact" in loc]
    assert f"{URL}de/" in entries
