"""Which page exists in which locale, and where each one lives on the site."""

from __future__ import annotations

import pytest

from polyhelp.project.catalog import (
    all_page_names,
    name_from_src_uri,
    page_names,
    page_path,
    page_url,
    translated_locales,
)
from tests.conftest import CATALOG_URL as URL


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
