"""Loading mkdocs.yml: one typed Site, and one-line errors that name file and line."""

from __future__ import annotations

import pytest

from polyhelp.errors import ConfigError
from polyhelp.site.mkdocs_config import load_site
from tests.conftest import REPO, TINY_MKDOCS, line_of, make_site


def test_site_lists_locales_default_first_with_their_url_prefixes(tiny_site):
    site, _ = load_site(tiny_site)
    assert site.locales == ("en", "fr", "de")
    assert site.default_locale == "en"
    assert [site.url_prefix(locale) for locale in site.locales] == ["", "fr/", "de/"]
    assert site.site_url == "https://help.example.test/"
    assert site.docs_dir == tiny_site.parent / "docs"


def test_the_repository_site_builds_four_locales():
    site, _ = load_site(REPO / "mkdocs.yml")
    assert site.locales == ("en", "fr", "de", "es")


def test_missing_config_file_says_where_it_looked(tmp_path):
    with pytest.raises(ConfigError, match="mkdocs.yml: not found"):
        load_site(tmp_path / "mkdocs.yml")


def test_yaml_syntax_error_names_the_line(tmp_path):
    config = make_site(
        tmp_path / "help", mkdocs_yml=TINY_MKDOCS.replace("  font: false", "  font: [false")
    )
    with pytest.raises(ConfigError) as caught:
        load_site(config)
    assert caught.value.line is not None and caught.value.line >= 6
    assert "invalid YAML" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_invalid_setting_names_the_setting_and_its_line(tmp_path):
    config = make_site(
        tmp_path / "help", mkdocs_yml=TINY_MKDOCS.replace("name: material", "name: materal")
    )
    with pytest.raises(ConfigError) as caught:
        load_site(config)
    assert "config value 'theme'" in str(caught.value)
    assert "materal" in str(caught.value)
    assert caught.value.line == 3


def test_site_without_the_i18n_plugin_is_refused_with_an_example(tmp_path):
    without_i18n = TINY_MKDOCS.split("  - i18n:")[0] + "nav:\n  - index.md\n"
    config = make_site(tmp_path / "help", mkdocs_yml=without_i18n)
    with pytest.raises(ConfigError, match="i18n plugin .* is not enabled") as caught:
        load_site(config)
    assert "docs_structure: folder" in str(caught.value)


def test_mkdocs_yml_that_is_not_utf8_names_the_line(tmp_path):
    config = make_site(tmp_path / "help")
    config.write_bytes(config.read_bytes().replace(b"  font: false", b"  font: \xff"))
    with pytest.raises(ConfigError, match="not UTF-8") as caught:
        load_site(config)
    assert caught.value.line == 6


def test_a_theme_other_than_material_is_refused(tmp_path):
    text = TINY_MKDOCS.replace("  name: material\n", "  name: mkdocs\n")
    config = make_site(tmp_path / "help", mkdocs_yml=text)
    with pytest.raises(ConfigError, match="Polyhelp needs Material for MkDocs") as caught:
        load_site(config)
    assert caught.value.line == 3


def test_a_page_listed_twice_in_the_nav_is_refused_naming_the_line(tmp_path):
    text = TINY_MKDOCS.replace("      - faq.md\n", "      - faq.md\n  - Again: returns.md\n")
    config = make_site(tmp_path / "help", mkdocs_yml=text)
    first = line_of(text, "      - returns.md")
    with pytest.raises(
        ConfigError, match=rf"nav lists returns\.md twice \(first on line {first}\)"
    ):
        load_site(config)
    with pytest.raises(ConfigError) as caught:
        load_site(config)
    assert caught.value.line == line_of(text, "Again: returns.md")
