"""Material for MkDocs' undocumented internals, every one Polyhelp touches, in one place.

Material 9 has no setting for where a page finds its search index, no API for its search
plugin's entries, and no way to learn its own end of life but the banner it prints. Each
function below says which internal it relies on and why; the search dialog's accessible
name is a documented template override instead (overrides/partials/search.html).
tests/site/test_material_internals.py fails when the pinned version stops behaving so.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from polyhelp.errors import BuildError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

# Said by Material's own banner (material/templates/__init__.py), which it prints only when
# the command is `mkdocs`, never under `polyhelp`; its successor, Zensical, runs no MkDocs
# plugins or hooks (README.md, "Moving to Zensical").
END_OF_LIFE = date(2027, 5, 5)

CONFIG_SCRIPT = re.compile(
    r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL
)


def end_of_life_notice() -> str:
    return (
        f"Material for MkDocs reaches end of life on {END_OF_LIFE:%d %B %Y}; its successor "
        "Zensical runs no MkDocs hooks: see README.md, 'Moving to Zensical'"
    )


def search_enabled(config: MkDocsConfig) -> bool:
    """Whether Material's search plugin is on (Polyhelp then writes each locale's index)."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return plugin is not None and bool(plugin.config.enabled)


def skip_search_entries(config: MkDocsConfig) -> None:
    """Stop Material's search plugin from parsing every page into entries nobody reads:
    Polyhelp indexes the pages itself (polyhelp.site.search); Material's index file only
    carries the settings. That parsing was 7% of a build. Its SearchIndex, made in its
    on_config, adds a page in add_entry_from_context (called from its on_page_context)."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    if plugin is not None and getattr(plugin, "search_index", None) is not None:
        plugin.search_index.add_entry_from_context = lambda page: None


def search_config(config: MkDocsConfig) -> dict[str, Any]:
    """The search plugin's settings (separator, pipeline, fields) for a locale's index."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return dict(plugin.config)


# Material's search worker, as the page's __config names it (relative to the page).
MATERIAL_WORKER = re.compile(r"workers/(search\.[0-9a-f]+\.min\.js)$")
# Polyhelp's worker (overrides/assets/javascripts/), beside Material's workers/ folder.
POLYHELP_WORKER = "polyhelp-search.js"


def point_search_at_locale(html: str, prefix: str) -> str:
    """Make a page's Material config search its locale's index with Polyhelp's worker.

    Material's JavaScript fetches new URL("search/search_index.json", config.base), where
    `base` is the site root in the page's `__config` script; a per-locale index needs the
    locale's folder there. It starts the worker `config.search` names: Polyhelp's, told
    where Material's worker (for lunr.js) and the locale's prebuilt index are, relative to
    itself (assets/javascripts/ is two folders below the site root). Without that script
    the page would search another locale's index, so its absence stops the build."""

    def retarget(match: re.Match[str]) -> str:
        config = json.loads(match.group(2))
        if prefix:
            # The trailing slash keeps the locale folder in the URL Material resolves.
            config["base"] = f"{config['base'].rstrip('/')}/{prefix}/"
        worker = MATERIAL_WORKER.search(config.get("search", ""))
        if worker is None:
            raise _changed("its __config names no search worker in workers/")
        locale_root = f"../../{prefix}/" if prefix else "../../"
        query = urlencode(
            {"lunr": f"workers/{worker.group(1)}", "index": f"{locale_root}search/lunr_index.json"}
        )
        config["search"] = f"{config['search'][: worker.start()]}{POLYHELP_WORKER}?{query}"
        return match.group(1) + json.dumps(config, ensure_ascii=False) + match.group(3)

    retargeted, count = CONFIG_SCRIPT.subn(retarget, html, count=1)
    if count != 1:
        raise _changed("its __config script is missing from a page")
    return retargeted


def _changed(what: str) -> BuildError:
    return BuildError(
        f"Material changed: {what}; the installed Material no longer matches "
        "polyhelp/site/material_internals.py; pin the version of pyproject.toml"
    )


HTML_TAG = re.compile(r'<html lang="')


def set_document_direction(html: str, direction: str) -> str:
    """Put the page's direction on <html> too, not only on <body> where Material puts it:
    the document's own direction is what browsers use for its scrollbars and form controls,
    and what assistive technology reads first. Material's base.html writes
    `<html lang="..." class="no-js">` outside any template block, so it is set here."""
    if direction != "rtl":
        return html
    marked, count = HTML_TAG.subn('<html dir="rtl" lang="', html, count=1)
    if count != 1:
        raise BuildError(
            "Material's <html lang=...> tag is missing from a page: the installed Material no "
            "longer matches polyhelp/site/material_internals.py; pin the version of pyproject.toml"
        )
    return marked
