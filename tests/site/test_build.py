"""Building a help center: strict, per-locale search, honest fallback, SEO, all or nothing."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from polyhelp.errors import BuildError
from polyhelp.search.query import LocaleSearch
from polyhelp.site.build import build_site
from tests.conftest import TINY_MKDOCS, filled_catalog, line_of, make_site, page_text

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def material_config(page_html: str) -> dict:
    match = re.search(r'<script id="__config" type="application/json">(.*?)</script>', page_html)
    return json.loads(match.group(1))


def hreflangs(site: Path, url: str) -> dict[str, str]:
    """A page's language alternates, as the sitemap declares them (pages carry none)."""
    root = ET.fromstring(html(site, "sitemap.xml"))
    for entry in root.findall("s:url", SITEMAP_NS):
        if entry.findtext("s:loc", namespaces=SITEMAP_NS) == url:
            return {
                link.get("hreflang"): link.get("href")
                for link in entry.iter("{http://www.w3.org/1999/xhtml}link")
            }
    return {}


def json_ld(page_html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page_html, re.S)
    return json.loads(match.group(1))


# --- per-locale search -------------------------------------------------------------------


@pytest.mark.parametrize("locale, prefix", [("en", ""), ("fr", "fr/"), ("de", "de/")])
def test_each_locale_has_its_own_index_with_only_its_language(tiny_built, locale, prefix):
    index = json.loads(html(tiny_built, f"{prefix}search/lunr_index.json"))
    assert index["lang"] == locale
    locations = [doc[0] for doc in index["docs"]]
    assert locations, "the index lists the locale's pages"
    assert not [loc for loc in locations if re.match(r"(fr|de)/", loc)], (
        "locations are relative to the locale's root, and no other locale's pages are in it"
    )


def test_french_index_holds_french_text_and_no_german(tiny_built):
    french = LocaleSearch(tiny_built / "fr" / "search" / "lunr_index.json")
    assert french.pages("remboursons") == ["refunds/"]
    assert french.pages("Rücksendungen") == [] and french.pages("Returning") == []


def test_locale_pages_point_material_search_at_their_own_index(tiny_built):
    assert material_config(html(tiny_built, "fr/returns/index.html"))["base"] == "../../fr/"
    assert material_config(html(tiny_built, "fr/index.html"))["base"] == "../fr/"
    assert material_config(html(tiny_built, "returns/index.html"))["base"] == ".."


# --- fallback ----------------------------------------------------------------------------


def test_missing_page_falls_back_to_english_and_says_so_in_the_locale(tiny_built):
    page = html(tiny_built, "fr/faq/index.html")
    assert "Cette page n’est pas encore disponible en français" in page
    assert 'role="note"' in page
    wrapper = re.search(
        r'<div class="polyhelp-fallback-content" lang="en" dir="ltr">(.*?)</div>', page, re.S
    )
    assert wrapper and "Can I return a gift?" in wrapper.group(1)
    assert page.count("<h1") == 1, "the English title is inside the English wrapper, once"
    assert '<html lang="fr"' in page, "the interface around it stays French"


def test_pages_declare_no_alternate_links_for_material_to_fetch_sitemaps_beside(tiny_built):
    # Material fetches sitemap.xml relative to every <link rel="alternate">: hreflang lives in
    # the sitemap (polyhelp.site.seo).
    for page in ("index.html", "fr/returns/index.html", "de/faq/index.html"):
        assert '<link rel="alternate"' not in html(tiny_built, page)


def test_translated_page_has_no_fallback_notice(tiny_built):
    page = html(tiny_built, "fr/returns/index.html")
    assert "polyhelp-fallback" not in page
    assert "Retourner un article" in page


def test_fallback_page_is_not_announced_as_french(tiny_built):
    assert hreflangs(tiny_built, "https://help.example.test/fr/faq/") == {}
    links = hreflangs(tiny_built, "https://help.example.test/faq/")
    assert set(links) == {"en", "de", "x-default"}
    canonical = re.search(
        r'<link rel="canonical" href="([^"]+)">', html(tiny_built, "fr/faq/index.html")
    )
    assert canonical.group(1) == "https://help.example.test/faq/"


def test_translated_page_lists_every_language_and_x_default(tiny_built):
    links = hreflangs(tiny_built, "https://help.example.test/de/returns/")
    assert links == {
        "en": "https://help.example.test/returns/",
        "fr": "https://help.example.test/fr/returns/",
        "de": "https://help.example.test/de/returns/",
        "x-default": "https://help.example.test/returns/",
    }


def test_sitemap_lists_translated_pages_with_alternates_and_not_fallbacks(tiny_built):
    root = ET.fromstring(html(tiny_built, "sitemap.xml"))
    locs = [
        url.findtext("s:loc", namespaces=SITEMAP_NS) for url in root.findall("s:url", SITEMAP_NS)
    ]
    assert "https://help.example.test/fr/returns/" in locs
    assert "https://help.example.test/de/faq/" in locs
    assert "https://help.example.test/fr/faq/" not in locs
    assert len(locs) == len(set(locs)) == 11  # 4 en + 3 fr + 4 de


# --- page metadata and data --------------------------------------------------------------


def test_titles_descriptions_and_site_name_are_in_the_page_language(tiny_built):
    page = html(tiny_built, "fr/returns/index.html")
    assert "<title>Retours - Centre d’aide Tiny Shop</title>" in page
    assert '<meta name="description" content="About retours.">' in page


def test_placeholders_are_filled_from_the_shop_data(tiny_built):
    assert "Returns are free within 30 days at Tiny Shop." in html(tiny_built, "returns/index.html")


def test_faq_pages_carry_faqpage_json_ld_in_their_language(tiny_built):
    english = json_ld(html(tiny_built, "faq/index.html"))
    assert english["@type"] == "FAQPage" and english["inLanguage"] == "en"
    assert [q["name"] for q in english["mainEntity"]] == [
        "Can I return a gift?",
        "How long do refunds take?",
    ]
    assert english["mainEntity"][1]["acceptedAnswer"]["text"] == "Up to 14 days, see refunds."
    german = json_ld(html(tiny_built, "de/faq/index.html"))
    assert german["inLanguage"] == "de"
    assert german["mainEntity"][0]["name"] == "Kann ich ein Geschenk zurückgeben?"


def test_guide_pages_carry_no_faq_json_ld(tiny_built):
    assert "application/ld+json" not in html(tiny_built, "returns/index.html")


def test_pages_load_nothing_from_a_third_party_host(tiny_built):
    # What a page loads: src= of scripts, images, frames; href= of <link> (styles, fonts,
    # preconnects). Links a customer may click (<a href>) are not requests.
    loads = re.compile(
        r'<(?:script|img|iframe|source|link)\b[^>]*?(?:src|href)="(https?:)?//([^/"]+)'
    )
    for page in tiny_built.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        hosts = {host for _, host in loads.findall(text)} - {"help.example.test"}
        assert not hosts, f"{page} loads from {hosts}"
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


# --- failures: strict, named, nothing published ------------------------------------------


def broken(tmp_path: Path, name: str, text: str) -> Path:
    config = make_site(tmp_path / "help")
    (config.parent / "docs" / name).write_text(text, encoding="utf-8")
    return config


def test_broken_internal_link_fails_the_build_naming_the_file(tmp_path):
    config = broken(tmp_path, "fr/returns.md", page_text("guide", "Retours", "[x](nowhere.md)\n"))
    with pytest.raises(BuildError, match=r"fr/returns\.md.*nowhere\.md"):
        build_site(config, site_dir=tmp_path / "site")


def test_page_missing_from_nav_fails_the_build_naming_the_file(tmp_path):
    config = broken(tmp_path, "en/orphan.md", page_text("guide", "Orphan", "Alone.\n"))
    with pytest.raises(BuildError, match=r"orphan\.md"):
        build_site(config, site_dir=tmp_path / "site")


def test_malformed_front_matter_fails_the_build_with_file_and_line(tmp_path):
    text = "---\ntitle: Retours\ndescription: [unclosed\ntype: guide\n---\n\nBody.\n"
    config = broken(tmp_path, "fr/returns.md", text)
    with pytest.raises(BuildError, match=r"fr/returns\.md:\d+: invalid YAML"):
        build_site(config, site_dir=tmp_path / "site")


def test_missing_front_matter_key_fails_the_build(tmp_path):
    config = broken(tmp_path, "de/returns.md", "---\ntitle: Rücksendungen\n---\n\nText.\n")
    with pytest.raises(BuildError, match=r"de/returns\.md:1: front matter lacks description, type"):
        build_site(config, site_dir=tmp_path / "site")


def test_unknown_placeholder_fails_the_build_with_file_and_line(tmp_path):
    body = "## Returning\n\nCall {{ shop.fax }} today.\n"
    config = broken(tmp_path, "en/returns.md", page_text("guide", "Returns", body))
    with pytest.raises(
        BuildError, match=r"en/returns\.md:9: unknown placeholder \{\{ shop\.fax \}\}"
    ):
        build_site(config, site_dir=tmp_path / "site")


def test_failed_build_leaves_the_published_site_untouched(tmp_path):
    config = make_site(tmp_path / "help")
    site_dir = tmp_path / "site"
    build_site(config, site_dir=site_dir)
    before = sorted(p.relative_to(site_dir) for p in site_dir.rglob("*"))
    returns = config.parent / "docs" / "en" / "returns.md"
    returns.write_text(page_text("guide", "Returns", "[x](gone.md)\n"), encoding="utf-8")
    with pytest.raises(BuildError):
        build_site(config, site_dir=site_dir)
    assert sorted(p.relative_to(site_dir) for p in site_dir.rglob("*")) == before
    assert "Returns are free" in (site_dir / "returns" / "index.html").read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [], (
        "no staging folder is left behind"
    )


def test_building_locales_in_parallel_gives_the_same_site_byte_for_byte(tmp_path):
    config = make_site(tmp_path / "help")
    one = build_site(config, site_dir=tmp_path / "one", jobs=1).site_dir
    two = build_site(config, site_dir=tmp_path / "two", jobs=2).site_dir
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    assert len(files) > 50
    for name in files:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_a_failure_in_a_parallel_build_names_the_page_and_publishes_nothing(tmp_path):
    config = broken(tmp_path, "de/returns.md", page_text("guide", "Rücksendungen", "[x](weg.md)\n"))
    with pytest.raises(BuildError, match=r"de/returns\.md.*weg\.md"):
        build_site(config, site_dir=tmp_path / "site", jobs=2)
    assert not (tmp_path / "site").exists()


def test_one_404_page_and_the_default_locale_search_index_at_the_root(tiny_built):
    assert '<html lang="en"' in html(tiny_built, "404.html")
    assert json.loads(html(tiny_built, "search/search_index.json"))["config"]["lang"] == ["en"]
    assert not list(tiny_built.rglob(".polyhelp-*"))


# --- interface text -----------------------------------------------------------------------

TINY_WITH_PERSIAN = TINY_MKDOCS.replace(
    "        - {locale: de, name: Deutsch}\n",
    "        - {locale: de, name: Deutsch}\n        - {locale: fa, name: فارسی}\n",
)


def test_a_locale_without_interface_catalog_fails_the_build(tmp_path):
    config = make_site(tmp_path, mkdocs_yml=TINY_WITH_PERSIAN)
    with pytest.raises(BuildError, match=r"locales/fa\.po: no interface catalog for 'fa'"):
        build_site(config)
    assert not (tmp_path / "site").exists()


def test_an_untranslated_catalog_entry_fails_the_build_naming_its_line(tmp_path):
    config = make_site(tmp_path, mkdocs_yml=TINY_WITH_PERSIAN)
    path = filled_catalog(tmp_path, "fa", {"picker.other": ""})
    text = path.read_text(encoding="utf-8")
    line = line_of(text, 'msgctxt "picker.other"') + 1
    with pytest.raises(
        BuildError, match=rf"locales/fa\.po:{line}: 'picker.other' is not translated"
    ):
        build_site(config)
