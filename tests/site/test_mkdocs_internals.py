"""MkDocs' internals that polyhelp/site/mkdocs_internals.py relies on.

Each test states one assumption about the pinned version; a failure means the adapter
module must change with the new version, not that a page is wrong.
"""

from __future__ import annotations

import inspect
import time
from importlib.metadata import version

import pytest
from mkdocs import utils
from mkdocs.commands import build as build_command
from mkdocs.exceptions import Abort

from polyhelp.site import mkdocs_internals, static_i18n_internals
from polyhelp.site.mkdocs_config import load_mkdocs_config
from tests.conftest import TINY_PAGES, make_site, page_text


def test_the_pinned_version_is_the_one_these_assumptions_were_checked_on():
    assert version("mkdocs") == "1.6.1"


def test_build_empties_the_site_folder_through_utils_clean_directory():
    assert "utils.clean_directory(config.site_dir)" in inspect.getsource(build_command.build)


def test_shared_site_dir_keeps_what_is_there_and_restores_mkdocs_afterwards(tiny_site, tmp_path):
    original = utils.clean_directory
    assert original.__module__ == "mkdocs.utils"
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "other-locale.html").write_text("kept")
    config = load_mkdocs_config(tiny_site)
    config.site_dir = str(site_dir)
    with mkdocs_internals.shared_site_dir():
        mkdocs_internals.build(config)
    assert (site_dir / "other-locale.html").read_text() == "kept"
    assert utils.clean_directory is original
    mkdocs_internals.build(load_mkdocs_config(tiny_site, site_dir=str(site_dir)))
    assert not (site_dir / "other-locale.html").exists()


def test_the_theme_renders_the_static_templates_of_its_set(tiny_site):
    config = load_mkdocs_config(tiny_site)
    assert {"404.html", "sitemap.xml"} <= config.theme.static_templates
    mkdocs_internals.drop_static_templates(config, {"404.html"})
    assert "404.html" not in config.theme.static_templates
    assert "sitemap.xml" in config.theme.static_templates


def test_a_failed_locale_build_leaves_mkdocs_cleaning_the_site_folder(tmp_path):
    config_file = make_site(
        tmp_path / "help",
        {**TINY_PAGES, "fr/returns.md": page_text("guide", "Retours", "{{ shop.fax }}\n")},
    )
    with pytest.raises(Abort):
        mkdocs_internals.build(load_mkdocs_config(config_file, site_dir=str(tmp_path / "s")))
    assert utils.clean_directory.__module__ == "mkdocs.utils"


def test_build_reads_every_page_then_renders_each_with_the_state_the_preview_keeps():
    source = inspect.getsource(build_command.build)
    assert "nav = config.plugins.on_nav(nav, config=config, files=files)" in source
    assert "env = config.plugins.on_env(env, config=config, files=files)" in source
    assert "_populate_page(file.page, config, files, dirty)" in source
    assert "_build_theme_template(template, env, files, config, nav)" in source
    assert "file.page, config, doc_files, nav, env, dirty, excluded=" in source
    parameters = list(inspect.signature(build_command._build_page).parameters)
    assert parameters[:5] == ["page", "config", "doc_files", "nav", "env"]


def test_a_page_rendered_again_is_the_file_the_build_wrote(tiny_site, tmp_path):
    config = load_mkdocs_config(tiny_site, site_dir=str(tmp_path / "site"))
    static_i18n_internals.build_only(config, "fr")  # one locale's build, as the preview's
    built = mkdocs_internals.build_keeping_state(config)
    written = tmp_path / "site" / "fr" / "returns" / "index.html"
    before = written.read_bytes()
    written.unlink()
    page = next(f.page for f in built.files.documentation_pages() if f.url == "fr/returns/")
    mkdocs_internals.render_again(built, [page], [page], ["404.html"])
    assert written.read_bytes() == before


def test_the_change_server_says_which_files_changed(tmp_path):
    server = mkdocs_internals.ChangeServer(
        builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path)
    )
    watched = tmp_path / "docs"
    watched.mkdir()
    server.watch(str(watched))
    server.observer.start()
    try:
        (watched / "page.md").write_text("saved")
        deadline = time.monotonic() + 10
        changed: set[str] = set()
        while str(watched / "page.md") not in changed and time.monotonic() < deadline:
            time.sleep(0.05)
            changed |= server.take_changes()
        assert str(watched / "page.md") in changed
        assert server._want_rebuild  # what MkDocs' build loop waits for
    finally:
        server.observer.stop()
        server.server_close()


def test_reload_browsers_shows_pages_written_between_builds_and_leaves_a_build_alone(tmp_path):
    server = mkdocs_internals.ChangeServer(
        builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path)
    )
    try:
        before = server._visible_epoch  # what a browser's poll compares with its own epoch
        time.sleep(0.01)
        server.reload_browsers()
        assert server._visible_epoch > before
        assert server._visible_epoch == server._wanted_epoch  # pages are served, not held
        # A build under way (MkDocs' loop set a newer wanted epoch): it reloads when it ends.
        server._wanted_epoch = server._visible_epoch + 1000
        during = server._visible_epoch
        server.reload_browsers()
        assert server._visible_epoch == during
    finally:
        server.server_close()
