"""mkdocs-static-i18n's internals that polyhelp/site/static_i18n_internals.py relies on.

Each test states one assumption about the pinned version; a failure means the adapter
module must change with the new version, not that a page is wrong.
"""

from __future__ import annotations

import re
from importlib.metadata import version

from mkdocs.structure.files import File
from mkdocs_static_i18n.folder import create_i18n_file

from polyhelp.site import mkdocs_internals
from polyhelp.site import static_i18n_internals as static_i18n
from polyhelp.site.mkdocs_config import load_mkdocs_config


def test_the_pinned_version_is_the_one_these_assumptions_were_checked_on():
    assert version("mkdocs-static-i18n") == "1.3.1"


def test_before_a_build_the_plugin_is_not_building_and_knows_its_default(tiny_site):
    config = load_mkdocs_config(tiny_site)
    plugin = config.plugins["i18n"]
    assert plugin.building is False
    assert plugin.default_language == "en"
    assert static_i18n.current_locale(config) == "en"
    assert static_i18n.is_outer_build(config)


def test_build_only_renders_that_locale_and_no_other(tiny_site, tmp_path):
    config = load_mkdocs_config(tiny_site)
    config.site_dir = str(tmp_path / "site")
    static_i18n.build_only(config, "fr")
    assert static_i18n.current_locale(config) == "fr"
    assert not static_i18n.is_outer_build(config)
    with mkdocs_internals.shared_site_dir():
        mkdocs_internals.build(config)
    built = {
        path.parent.relative_to(tmp_path / "site").as_posix().split("/")[0]
        for path in (tmp_path / "site").rglob("index.html")
    }
    assert built == {"fr"}


def test_localize_file_sets_every_attribute_the_plugin_sets_on_its_own_files(tiny_site):
    config = load_mkdocs_config(tiny_site)
    source = File("fr/returns.md", config.docs_dir, config.site_dir, True)
    own = create_i18n_file(source, "fr", "en", ["en", "fr", "de"], config)
    plain = File("fr/returns.md", config.docs_dir, config.site_dir, True)
    set_by_plugin = set(vars(own)) - set(vars(plain)) - set(dir(File))  # not File's own
    generated = File("fr/markets/x.md", None, config.site_dir, True)
    before = set(vars(generated))
    static_i18n.localize_file(generated, own, "fr", "markets/x.md", {"en": "markets/x/"})
    assert set_by_plugin <= set(vars(generated)) - before
    assert static_i18n.page_name(own) == "returns.md"
    assert generated.locale == own.locale == "fr"
    assert generated.alternates["en"].url == "markets/x/"


def test_a_missing_pages_language_switcher_leads_to_each_home_page(tiny_built):
    # Rendered before the locale's pages, after the previous locale's: the switcher must not
    # keep the last page's alternates (static_i18n_internals.set_switcher).
    for prefix in ("", "fr/", "de/"):
        page = (tiny_built / prefix / "404.html").read_text(encoding="utf-8")
        links = re.findall(r'href="([^"]*)" hreflang="[a-z]+" class="md-select__link"', page)
        assert links == ["/", "/fr/", "/de/"], prefix
