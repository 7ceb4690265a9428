"""mkdocs-static-i18n's undocumented internals, every one Polyhelp touches, in one place.

static-i18n 1.3 builds the default locale, then each other locale by calling MkDocs' build
again on the same config from its own on_post_build. It offers no public way to ask which
locale is being built, to build one locale alone, or to add a page that is not a file of
docs_dir; each function below says which internal it relies on and why.
tests/site/test_static_i18n_internals.py fails when the pinned version stops behaving so.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page


def _plugin(config: MkDocsConfig):
    return config.plugins["i18n"]


def current_locale(config: MkDocsConfig) -> str:
    """The locale the build under way renders."""
    i18n = _plugin(config)
    # `building` is true during the nested builds; once they are over, the plugin still
    # names the last locale it built while the outer (default locale) build finishes.
    if not i18n.building:
        return i18n.default_language
    return i18n.current_language


def is_outer_build(config: MkDocsConfig) -> bool:
    """True in the default locale's build, the one that runs all the others."""
    return not _plugin(config).building


def build_only(config: MkDocsConfig, locale: str) -> None:
    """Make the next MkDocs build of `config` render `locale` alone (parallel builds).

    Marking the plugin as `building` stops its on_post_build from starting the other
    locales; `current_language` is what its on_config reads to pick the locale."""
    i18n = _plugin(config)
    i18n.current_language = locale
    i18n.building = True


def source_locale(page: Page) -> str:
    """The locale of the file a page was rendered from (not the same on a fallback page)."""
    return getattr(page.file, "locale", None) or ""


def page_name(file: File) -> str | None:
    """The page's name under docs/<locale>/ as static-i18n records it, if it does."""
    return getattr(file, "norm_src_uri", None)


def localize_file(
    file: File, text: File, locale: str, name: str, switcher_urls: dict[str, str]
) -> None:
    """Give a generated file what static-i18n records on its own files, so that its
    templates and language switcher treat it as a page of `locale` rendered from `text`.

    `locale`, `localization` and `norm_src_uri` mirror static-i18n's `I18nFile`; its
    switcher reads `alternates[locale].url`."""
    # The text's locale: the page's own, or the default one where the page falls back.
    file.locale = getattr(text, "locale", locale)
    file.locale_alternate_of = locale
    file.localization = getattr(text, "localization", None)
    file.norm_src_uri = name
    file.alternates = {other: SimpleNamespace(url=url) for other, url in switcher_urls.items()}


def set_switcher(config: MkDocsConfig, alternates: list[dict[str, str]]) -> None:
    """The language switcher's entries (Material's `extra.alternate`) for the next template.

    static-i18n sets them per page as an attribute of `config.extra`, which Jinja reads
    before the item of that name: both are set."""
    config.extra["alternate"] = alternates
    config.extra.alternate = alternates
