"""MkDocs' undocumented internals, every one Polyhelp touches, in one place.

MkDocs documents its command line, its configuration and its plugin events, not a Python
API: building, serving and the theme's static templates are reached here, each with the
reason. tests/site/test_mkdocs_internals.py fails when the pinned version stops behaving so.
"""

from __future__ import annotations

import contextlib
import copy
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from unittest import mock

import watchdog.events
import watchdog.observers
from mkdocs import livereload as _livereload
from mkdocs import utils
from mkdocs.commands import build as _build_module
from mkdocs.commands.build import build as _mkdocs_build
from mkdocs.commands.serve import serve as _mkdocs_serve
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page


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


# --- the writers' preview: one page rendered again, as build() renders it ------------------


@dataclass
class Built:
    """What a build holds in memory once it is done: enough to render a page again."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Environment
    # config.extra as the theme's static templates saw it, its items and its attributes:
    # mkdocs-static-i18n sets the language switcher's links of each page rendered after
    # them as an attribute (config.extra.alternate), which templates read before the item.
    extra: tuple[dict[str, Any], set[str]]  # items, and the names of attributes


class _KeepState(BasePlugin):
    """Notes the files, navigation and template environment build() ends with.

    build() keeps them in local variables; the last plugin to see each event sees the
    objects it goes on with."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: dict[str, Any] = {}

    @event_priority(-1000)
    def on_nav(self, nav, config, files):
        self.seen["nav"] = nav
        return nav

    @event_priority(-1000)
    def on_env(self, env, config, files):
        self.seen["env"], self.seen["files"] = env, files
        self.seen["extra"] = copy.deepcopy(dict(config.extra)), set(vars(config.extra))
        return env


KEEP_STATE = "polyhelp-preview-state"


def build_keeping_state(config: MkDocsConfig) -> Built:
    """build(config), keeping what is needed to render single pages again afterwards."""
    keeper = _KeepState()
    # PluginCollection registers a plugin's event methods when it is set as an item.
    config.plugins[KEEP_STATE] = keeper
    build(config)
    seen = keeper.seen
    return Built(config, seen["files"], seen["nav"], seen["env"], seen["extra"])


def render_again(
    built: Built, read: list[Page], pages: list[Page], templates: list[str] | None = None
) -> None:
    """Render `pages` again into site_dir, as build() does; those of `read` are read from
    their Markdown again first (the others keep the content they were built with); then
    the theme's static `templates` this build renders (404.html).

    build() reads every page (_populate_page: Markdown, page_markdown and page_content
    events), then renders each into the theme (_build_page: page_context and post_page
    events); these are the same two steps, on fewer pages, with the same navigation."""
    config, files = built.config, built.files
    for page in read:
        _build_module._populate_page(page, config, files)
    doc_files = files.documentation_pages(inclusion=_build_module.InclusionLevel.is_included)
    for page in pages:
        _build_module._build_page(page, config, doc_files, built.nav, built.env)
    rendering = [name for name in templates or [] if name in config.theme.static_templates]
    if not rendering:
        return
    items, attributes = built.extra
    pages_items = dict(config.extra)
    pages_attributes = {k: v for k, v in vars(config.extra).items() if k not in attributes}
    config.extra.update(copy.deepcopy(items))
    for name in pages_attributes:
        delattr(config.extra, name)
    try:
        for name in rendering:
            _build_module._build_theme_template(name, built.env, files, config, built.nav)
    finally:
        config.extra.update(pages_items)
        for name, value in pages_attributes.items():
            setattr(config.extra, name, value)


class ChangeServer(LiveReloadServer):
    """MkDocs' live-reload server, told which files changed (its own watch() says only that
    something did), and watching with the system's file events instead of polling.

    MkDocs' server rebuilds when `_want_rebuild` is set under `_rebuild_cond` (both
    private); watch() below sets them as MkDocs' own does, and records the path first."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # inotify on Linux: a change is seen at once, where polling walks every file each
        # half second (thousands of pages). Polling stays the fallback MkDocs uses.
        with contextlib.suppress(OSError):  # no inotify: MkDocs' polling observer stays
            self.observer = watchdog.observers.Observer()
        self.build_delay = 0.05  # quiet time after a save before building (MkDocs: 0.1 s)
        self._changed: set[str] = set()
        self._changed_lock = threading.Lock()

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        path = os.path.abspath(path)
        if path in self._watched_paths:
            self._watched_paths[path] += 1
            return
        self._watched_paths[path] = 1

        def callback(event: watchdog.events.FileSystemEvent) -> None:
            if event.is_directory or event.event_type in ("opened", "closed_no_write"):
                return
            with self._changed_lock:
                self._changed.add(os.fsdecode(event.src_path))
                if getattr(event, "dest_path", ""):
                    self._changed.add(os.fsdecode(event.dest_path))
            with self._rebuild_cond:
                self._want_rebuild = True
                self._rebuild_cond.notify_all()

        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = callback  # type: ignore[method-assign]
        self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive)

    def reload_browsers(self) -> None:
        """Make the browsers reload, for pages written outside a build; a build under way
        reloads them when it ends. MkDocs' build loop sets `_wanted_epoch` holding
        `_rebuild_cond` and `_visible_epoch` holding `_epoch_cond` (both private)."""
        with self._rebuild_cond, self._epoch_cond:
            if self._visible_epoch == self._wanted_epoch and not self._want_rebuild:
                self._wanted_epoch = self._visible_epoch = _livereload._timestamp()
                self._epoch_cond.notify_all()

    def take_changes(self) -> set[str]:
        """The paths changed since the last call (the builder calls it first)."""
        with self._changed_lock:
            changed, self._changed = self._changed, set()
        return changed
