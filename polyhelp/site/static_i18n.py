"""What mkdocs-static-i18n knows about the build under way: which locale, which file.

The plugin builds the default locale, then each other locale by calling MkDocs' build
again on the same config from its own on_post_build; these helpers hide that.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page


def current_locale(config: MkDocsConfig) -> str:
    """The locale the build under way renders."""
    i18n = config.plugins["i18n"]
    # Once the nested builds are over, the plugin still names the last locale it built,
    # while the outer (default locale) build finishes.
    if not i18n.building:
        return i18n.default_language
    return i18n.current_language


def is_outer_build(config: MkDocsConfig) -> bool:
    """True in the default locale's build, the one that runs all the others."""
    return not config.plugins["i18n"].building


def source_locale(page: Page) -> str:
    """The locale of the file a page was rendered from (not the same on a fallback page)."""
    return getattr(page.file, "locale", None) or ""
