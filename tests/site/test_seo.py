"""hreflang alternates and the multilingual sitemap."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from markupsafe import Markup

from polyhelp.site.seo import (
    Alternate,
    alternates,
    og_locale,
    robots_txt,
    sitemap_xml,
    social_meta_html,
)
from tests.conftest import CATALOG_URL as URL

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


def test_social_cards_carry_the_page_in_its_language_escaped_once():
    meta = social_meta_html(
        title=Markup("Retours &amp; échanges"),
        description='Say "no" <b>',
        url=f"{URL}fr/returns/",
        site_name="Centre d’aide",
        locale="fr",
    ).splitlines()
    assert '<meta property="og:title" content="Retours &amp; échanges">' in meta
    assert '<meta property="og:description" content="Say &#34;no&#34; &lt;b&gt;">' in meta
    assert f'<meta property="og:url" content="{URL}fr/returns/">' in meta
    assert '<meta property="og:locale" content="fr_FR">' in meta
    assert '<meta name="twitter:card" content="summary">' in meta
    assert '<meta name="twitter:title" content="Retours &amp; échanges">' in meta


@pytest.mark.parametrize(
    "locale, expected", [("en", "en_US"), ("de", "de_DE"), ("de-CH", "de_CH"), ("es", "es_ES")]
)
def test_open_graph_locales_name_a_territory(locale, expected):
    assert og_locale(locale) == expected


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_off_the_writers_page(site):
    assert robots_txt(site, ["translation-status"]).splitlines() == [
        "User-agent: *",
        "Disallow: /translation-status/",
        "",
        f"Sitemap: {URL}sitemap.xml",
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
