"""MkDocs' undocumented internals, every one Polyhelp touches, in one place.

MkDocs documents its command line, its configuration and its plugin events, not a Python
API: building, serving and the theme's static templates are reached here, each with the
reason. tests/site/test_mkdocs_internals.py fails when the pinned version stops behaving so.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING
from unittest import mock

from mkdocs import utils
from mkdocs.commands.build import build as _mkdocs_build
from mkdocs.commands.serve import serve as _mkdocs_serve

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def build(config: MkDocsConfig) -> None:
    """What `mkdocs build` runs, on a config Polyhelp has loaded and adjusted (strict, the
    staging folder): the command line cannot take a config object."""
    cleaner = utils.clean_directory
    try:
        _mkdocs_build(config)
    finally:
        # mkdocs-static-i18n replaces clean_directory during its nested builds and leaves it
        # replaced when one fails: every later build in the process (`serve`'s rebuilds, the
        # tests) would keep stale files.
        utils.clean_directory = cleaner


def serve(config_file: str, dev_addr: str, watch: list[str]) -> None:
    """What `mkdocs serve` runs, with live reload and more folders watched."""
    _mkdocs_serve(config_file=config_file, livereload=True, watch=watch, dev_addr=dev_addr)


@contextmanager
def shared_site_dir() -> Iterator[None]:
    """Builds inside this block leave the files already in site_dir in place.

    MkDocs empties site_dir at the start of every build (utils.clean_directory, called by
    build()); parallel locale builds share one staging folder. `--dirty` would skip the
    cleaning but also skip unchanged pages. mkdocs-static-i18n patches the same function
    for its nested builds; the original is restored on leaving the block."""
    with mock.patch.object(utils, "clean_directory", lambda directory: None):
        yield


def drop_static_templates(config: MkDocsConfig, names: set[str]) -> None:
    """Leave the theme's static templates `names` (404.html, sitemap.xml) out of this build.

    The theme object's `static_templates` set is what build() renders; mkdocs.yml can only
    name templates to add to it, not ones to leave out for one locale's build."""
    config.theme.static_templates -= names
