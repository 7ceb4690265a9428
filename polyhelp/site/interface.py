"""Interface text MkDocs and Material take from mkdocs.yml, in the locale being built.

Material translates its own words (theme.language, set per locale by static-i18n), but the
palette toggles' names and the headings' "Permanent link" are configuration, written once in
English. They are set here, for each locale's build, from Polyhelp's messages; and a page
shown in English in another locale (a fallback, an unreviewed legal text) is named in the
navigation, the footer and the <title> in the reader's language, marked as English.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from markupsafe import Markup

from polyhelp.content.escape import html_text
from polyhelp.locales.messages import message

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger(__name__)


def localize_config(config: MkDocsConfig, locale: str) -> None:
    """The palette toggles' names and the permalink's title in `locale`."""
    palette = config.theme.get("palette")
    if isinstance(palette, list):
        for index, entry in enumerate(palette):
            following = palette[(index + 1) % len(palette)]
            if isinstance(entry, dict) and isinstance(entry.get("toggle"), dict):
                # A toggle is named after what it switches to: the next palette.
                dark = following.get("scheme") == "slate"
                entry["toggle"]["name"] = message(
                    locale, "palette_to_dark" if dark else "palette_to_light"
                )
    toc = config.mdx_configs.get("toc")
    if isinstance(toc, dict) and toc.get("permalink"):
        toc["permalink_title"] = message(locale, "permalink")


def nav_translations(config: MkDocsConfig, locale: str) -> dict[str, str]:
    """mkdocs.yml's `nav_translations` of `locale` (static-i18n's documented option)."""
    for language in config.plugins["i18n"].config.languages:
        if language.locale == locale:
            return dict(language.nav_translations or {})
    return {}


def english_page_title(config: MkDocsConfig, locale: str, english_title: str) -> Markup:
    """The title of a page shown in English, in `locale`, marked as English: its entry in
    `nav_translations` where there is one, else the English title."""
    translated = nav_translations(config, locale).get(str(english_title))
    if translated is None:
        log.info(
            "No %s title for '%s' (shown in English); add it to nav_translations in mkdocs.yml",
            locale,
            english_title,
        )
    return html_text(message(locale, "in_english", title=translated or str(english_title)))
