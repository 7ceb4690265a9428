"""Material for MkDocs' internals that polyhelp/site/material_internals.py relies on, and
the one template Polyhelp copies from it.

Each test states one assumption about the pinned version; a failure means the adapter
module (or the copied template) must change with the new version, not that a page is wrong.
"""

from __future__ import annotations

import json
import re
from importlib.metadata import version
from pathlib import Path

import material
import pytest
from material.plugins.search.plugin import SearchIndex

from polyhelp.errors import BuildError
from polyhelp.site.material_internals import (
    END_OF_LIFE,
    point_search_at_locale,
    set_document_direction,
)
from tests.conftest import REPO

MATERIAL = Path(material.__file__).parent


def test_the_pinned_version_is_the_one_these_assumptions_were_checked_on():
    assert version("mkdocs-material") == "9.8.1"


def test_every_page_carries_one_config_script_whose_base_is_the_site_root(tiny_built):
    html = (tiny_built / "returns" / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script id="__config" type="application/json">(.*?)</script>', html)
    assert len(scripts) == 1
    assert json.loads(scripts[0])["base"] == ".."


def test_the_search_worker_fetches_the_index_relative_to_base():
    bundle = next((MATERIAL / "templates/assets/javascripts").glob("bundle.*.min.js"))
    assert '"search/search_index.json"' in bundle.read_text(encoding="utf-8")


def test_a_locale_page_looks_for_the_index_in_its_locale_folder_with_polyhelps_worker():
    page = (
        '<p>x</p><script id="__config" type="application/json">'
        '{"base": "../..", "search": "../../assets/javascripts/workers/search.0a1b.min.js"}'
        "</script>"
    )
    config = json.loads(
        point_search_at_locale(page, "fr")[
            len('<p>x</p><script id="__config" type="application/json">') : -len("</script>")
        ]
    )
    assert config["base"] == "../../fr/"
    assert config["search"].startswith("../../assets/javascripts/polyhelp-search.js?lunr=")


def test_materials_worker_exposes_lunr_and_listens_for_messages_after_ours():
    # polyhelp-search.js imports Material's worker for lunr.js: it must set self.lunr, and
    # answer messages through addEventListener (which ours stops), not onmessage.
    worker = next((MATERIAL / "templates/assets/javascripts/workers").glob("search.*.min.js"))
    code = worker.read_text(encoding="utf-8")
    assert "self.lunr=" in code.replace(" ", "")
    assert 'addEventListener("message"' in code and "onmessage" not in code


def test_a_page_whose_config_names_no_material_worker_stops_the_build():
    page = '<script id="__config" type="application/json">{"base": "..", "search": "x.js"}</script>'
    with pytest.raises(BuildError, match="search worker"):
        point_search_at_locale(page, "fr")


def test_a_page_without_the_config_script_stops_the_build_instead_of_searching_wrongly():
    with pytest.raises(BuildError, match="__config"):
        point_search_at_locale("<p>no script</p>", "fr")


def test_the_search_plugin_keeps_its_entries_in_memory():
    index = SearchIndex(separator=" ", pipeline=[], fields={})
    assert index.entries == []


def test_material_still_announces_the_end_of_life_polyhelp_reports():
    banner = (MATERIAL / "templates" / "__init__.py").read_text(encoding="utf-8")
    assert (
        f"reaches end of life on {END_OF_LIFE:%B} {END_OF_LIFE.day}, {END_OF_LIFE.year}" in banner
    )


def test_the_search_partial_is_materials_own_with_a_name_for_the_dialog():
    ours = (REPO / "overrides" / "partials" / "search.html").read_text(encoding="utf-8")
    theirs = (MATERIAL / "templates" / "partials" / "search.html").read_text(encoding="utf-8")
    named = ' role="dialog" aria-label="{{ lang.t(\'search\') }}">'
    assert ours.count(named) == 1
    body = ours.replace(named, ' role="dialog">').split("-#}\n", 1)[1]
    assert body == theirs.split("-#}\n", 1)[1]


def test_the_built_search_dialog_has_a_localized_name(tiny_built):
    html = (tiny_built / "fr" / "returns" / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="search" role="dialog" aria-label="Recherche"' in html


def test_the_toc_partial_is_materials_own_with_a_language_for_english_headings():
    ours = (REPO / "overrides" / "partials" / "toc.html").read_text(encoding="utf-8")
    theirs = (MATERIAL / "templates" / "partials" / "toc.html").read_text(encoding="utf-8")
    marked = '{% if page.meta and page.meta.polyhelp_english_title %} lang="en"{% endif %}>'
    assert ours.count(marked) == 1
    body = ours.replace(marked, ">").split("-#}\n", 1)[1]
    assert body == theirs.split("-#}\n", 1)[1]


def test_materials_base_template_writes_the_html_tag_as_polyhelp_marks_its_direction():
    base = (MATERIAL / "templates" / "base.html").read_text(encoding="utf-8")
    assert '<html lang="{{ lang.t(\'language\') }}" class="no-js">' in base
    assert set_document_direction('<html lang="fa" class="no-js">', "rtl") == (
        '<html dir="rtl" lang="fa" class="no-js">'
    )
    assert set_document_direction('<html lang="el">', "ltr") == '<html lang="el">'
