"""MkDocs event handlers of the help center; hooks/polyhelp_hooks.py only re-exports them."""

from __future__ import annotations

import gzip
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from polyhelp import faq, frontmatter, placeholders, search_index, seo
from polyhelp.catalog import name_from_src_uri, page_url
from polyhelp.config import Site
from polyhelp.errors import FrontMatterError, PolyhelpError
from polyhelp.fallback import fallback_page_html
from polyhelp.files import write_atomic
from polyhelp.i18n_build import current_locale, is_outer_build, source_locale
from polyhelp.messages import message
from polyhelp.shop import load_shop

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.polyhelp")


def _fatal(error: PolyhelpError) -> PluginError:
    return PluginError(str(error))


def _site(config: MkDocsConfig) -> Site:
    return Site.from_mkdocs(config)


@event_priority(-110)  # after mkdocs-static-i18n (-100) has switched the build's locale
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        site = _site(config)
        shop = load_shop(site.data_dir)
    except PolyhelpError as error:
        raise _fatal(error) from None
    config.site_name = message(current_locale(config), "site_name", shop=shop["name"])
    return config


PUBLISHING = "polyhelp_publishing"  # set by polyhelp build; `serve` previews drafts too


def refuse_unpublishable(source: frontmatter.Page, config: MkDocsConfig) -> None:
    translation = source.meta.get("translation")
    if not config.extra.get(PUBLISHING) or not isinstance(translation, dict):
        return
    if translation.get("engine") == "pseudo":
        raise FrontMatterError(
            "pseudo-localized page (translation.engine: pseudo) cannot be published; "
            "translate it with 'polyhelp translate' (DeepL) or by hand",
            source.path,
            source.meta_lines.get("translation"),
        )


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    site = _site(config)
    path = Path(page.file.abs_src_path)
    try:
        # MkDocs drops a malformed front matter block without a word; we read it again.
        source = frontmatter.read(path)
        refuse_unpublishable(source, config)
        values = {"shop": load_shop(site.data_dir)}
        for key in ("title", "description"):
            line = source.meta_lines.get(key, 2)
            page.meta[key] = placeholders.render(str(source.meta[key]), values, path, line)
        page.title = page.meta["title"]
        search = page.meta.setdefault("search", {})
        search.setdefault("boost", search_index.search_boost(source.page_type))
        # MkDocs strips the blank lines after the front matter; count them back for line numbers.
        first_line = source.body_line + len(source.body) - len(source.body.lstrip("\n"))
        body = placeholders.render(markdown, values, path, first_line)
        if source.page_type == "faq":
            page.meta["polyhelp_faq_jsonld"] = faq.faq_page_jsonld(
                body, current_locale(config), path, first_line
            )
    except PolyhelpError as error:
        raise _fatal(error) from None
    return body


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    locale = current_locale(config)
    source = source_locale(page)
    if source and source != locale:
        return fallback_page_html(html, page.title or "", locale, source)
    return html


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    site = _site(config)
    locale = current_locale(config)
    name = name_from_src_uri(page.file.src_uri, site.locales)
    head = [seo.alternate_links_html(site, name)]
    source = source_locale(page)
    if source and source != locale:
        # The English original is the canonical copy of a fallback page.
        page.canonical_url = page_url(site, source, name)
    if "polyhelp_faq_jsonld" in page.meta:
        head.append(
            f'<script type="application/ld+json">{page.meta["polyhelp_faq_jsonld"]}</script>'
        )
    context["polyhelp_head"] = "\n".join(head)
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    site = _site(config)
    prefix = site.url_prefix(current_locale(config)).rstrip("/")
    if prefix:
        return search_index.point_search_at_locale(output, prefix)
    return output


@event_priority(-200)  # after mkdocs-static-i18n (-100) has merged every locale's index
def on_post_build(config: MkDocsConfig) -> None:
    site = _site(config)
    locale = current_locale(config)
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is not None and search.config.enabled:
        prefix = site.url_prefix(locale)
        others = [site.url_prefix(other) for other in site.locales if other != locale]
        entries = search_index.locale_entries(
            search.search_index.entries, prefix, [p for p in others if p]
        )
        payload = search_index.index_payload(entries, locale, dict(search.config))
        search_index.write_index(Path(config.site_dir), prefix, payload)
    if is_outer_build(config):
        sitemap = seo.sitemap_xml(site)
        site_dir = Path(config.site_dir)
        write_atomic(site_dir / "sitemap.xml", sitemap)
        write_atomic(site_dir / "sitemap.xml.gz", gzip.compress(sitemap.encode(), mtime=0))
