"""Which page exists in which locale, its URLs, hreflang alternates and the sitemap."""

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
from polyhelp.site.seo import Alternate, alternate_links_html, alternates, sitemap_xml

URL = "https://help.example.test/"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}

# German lacks support/contact.md; only French has support/fr-only.md.
PAGES = [
    "en/index.md",
    "fr/index.md",
    "de/index.md",
    "en/support/contact.md",
    "fr/support/contact.md",
    "fr/support/fr-only.md",
]


@pytest.fixture
def site(tmp_path) -> Site:
    docs = tmp_path / "docs"
    for name in PAGES:
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("---\ntitle: T\ndescription: D.\ntype: guide\n---\nBody.\n", "utf-8")
    (docs / "de" / "notes.txt").write_text("not a page", "utf-8")
    return Site(
        root=tmp_path,
        docs_dir=docs,
        site_dir=tmp_path / "site",
        site_url=URL,
        default_locale="en",
        locales=("en", "fr", "de"),
        locale_names={"en": "English", "fr": "Français", "de": "Deutsch"},
    )


def test_page_names_are_markdown_files_relative_to_the_locale_folder(site):
    assert page_names(site, "fr") == {"index.md", "support/contact.md", "support/fr-only.md"}
    assert page_names(site, "de") == {"index.md"}
    assert page_names(site, "es") == set()
    assert all_page_names(site) == ["index.md", "support/contact.md", "support/fr-only.md"]


def test_translated_locales_follow_the_sites_locale_order(site):
    assert translated_locales(site, "index.md") == ["en", "fr", "de"]
    assert translated_locales(site, "support/contact.md") == ["en", "fr"]


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("index.md", ""),
        ("support/index.md", "support/"),
        ("support/README.md", "support/"),
        ("support/contact.md", "support/contact/"),
    ],
)
def test_page_path_is_a_directory_url(name, path):
    assert page_path(name) == path


def test_page_url_puts_non_default_locales_in_their_folder(site):
    assert page_url(site, "en", "index.md") == URL
    assert page_url(site, "fr", "support/contact.md") == f"{URL}fr/support/contact/"


def test_name_from_src_uri_drops_only_a_known_locale_folder():
    locales = ("en", "fr", "de")
    assert name_from_src_uri("fr/support/contact.md", locales) == "support/contact.md"
    assert name_from_src_uri("support/contact.md", locales) == "support/contact.md"
    assert name_from_src_uri("fr", locales) == "fr"


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
