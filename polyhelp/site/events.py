"""MkDocs event handlers of the help center; hooks/polyhelp_hooks.py only re-exports them."""

from __future__ import annotations

import logging
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING

from babel.dates import format_date
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from polyhelp.content import faq, frontmatter, placeholders
from polyhelp.content.conditions import apply_conditions
from polyhelp.content.escape import html_text
from polyhelp.content.shop import shop_values
from polyhelp.content.tables import stackable_tables
from polyhelp.content.typography import apply_typography
from polyhelp.errors import FrontMatterError, PolyhelpError
from polyhelp.locales.digits import native_digits
from polyhelp.locales.lookup import check_locales, use_project
from polyhelp.locales.messages import message
from polyhelp.locales.notices import english_page_html, fallback_page_html, notice_html
from polyhelp.markets import pages as market_pages
from polyhelp.markets.load import load_market_data
from polyhelp.markets.overview import overview_values
from polyhelp.markets.policies import policy_values
from polyhelp.markets.view import market_values
from polyhelp.project.build_date import build_date
from polyhelp.project.catalog import name_from_src_uri, page_path
from polyhelp.project.config import Site
from polyhelp.project.shop import load_shop
from polyhelp.review import history as english_history
from polyhelp.review.gate import withheld
from polyhelp.review.history import last_changed
from polyhelp.review.states import FAILS_QA, LEGAL, english_shown, page_state
from polyhelp.search.synonyms import load_synonyms
from polyhelp.site import (
    a_to_z,
    home,
    interface,
    market_parts,
    mkdocs_internals,
    not_found,
    printing,
    search,
    seo,
)
from polyhelp.site import material_internals as material
from polyhelp.site.compact import compact_html
from polyhelp.site.finish import finish_site
from polyhelp.site.market_files import add_market_files, market_page_of
from polyhelp.site.mkdocs_config import (
    PUBLISHING,
    apply_direction,
    site_from_mkdocs,
    text_direction,
)
from polyhelp.site.static_i18n_internals import (
    current_locale,
    is_outer_build,
    set_switcher,
    source_locale,
)
from polyhelp.translation.glossary import load_settings

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.polyhelp")
ENGLISH_SHOWN = (LEGAL, FAILS_QA)  # notices of pages that show the English text instead


def _fatal(error: PolyhelpError) -> PluginError:
    return PluginError(str(error))


_site_of: dict[tuple, Site] = {}


def _site(config: MkDocsConfig) -> Site:
    """The build's Site, made once per configuration (every event of every page asks)."""
    key = (id(config), config.config_file_path, config.docs_dir, config.site_dir, config.site_url)
    site = _site_of.get(key)
    if site is None:
        _site_of.clear()
        site = _site_of[key] = site_from_mkdocs(config)
    return site


@event_priority(-110)  # after mkdocs-static-i18n (-100) has switched the build's locale
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        site = _site(config)
        shop = load_shop(site.data_dir)
        load_synonyms(site.data_dir, site.locales)  # said at the start, not after every page
    except PolyhelpError as error:
        raise _fatal(error) from None
    locale = current_locale(config)
    if is_outer_build(config):
        english_history.forget()  # `serve` rebuilds in one process: dates may have moved
        _said.clear()
    try:
        apply_direction(config)
        # Each locale's build reads the catalogs (it may run in a process of its own); the
        # default locale's build, which every build runs once, checks them all.
        publishing = bool(config.extra.get(PUBLISHING))
        use_interface_catalogs(site, publishing, locale == site.default_locale)
    except PolyhelpError as error:
        raise _fatal(error) from None
    # MkDocs' Jinja does not autoescape: the shop's name from data lands in every page's
    # <title> and header, so it is escaped once here (Markup: templates' `| e` keep it so).
    config.site_name = html_text(message(locale, "site_name", shop=shop["name"]))
    interface.localize_config(config, locale)
    if locale != site.default_locale:
        # One sitemap for the whole site (polyhelp's); otherwise the last locale built would
        # win. Each locale's 404 page is written to its own folder (on_post_template).
        mkdocs_internals.drop_static_templates(config, {"sitemap.xml"})
    return config


def use_interface_catalogs(site: Site, publishing: bool, check: bool) -> None:
    """Read interface text from this help center's catalogs; with `check`, every built
    locale's complete (or allowed an English fallback in data/translation.yml), else
    CatalogError naming the entry."""
    settings = load_settings(site.data_dir)
    use_project(site.root, settings.english_fallback)
    if check:
        check_locales(site.locales, publishing)


@event_priority(-150)  # after mkdocs-static-i18n (-100) has picked this locale's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = _site(config)
    material.skip_search_entries(config)  # every plugin's on_config has run
    try:
        data = load_market_data(site)
        files = add_market_files(site, data, current_locale(config), files, config)
        return a_to_z.add_file(site, current_locale(config), files, config)
    except PolyhelpError as error:
        raise _fatal(error) from None


def page_name(site: Site, file: File) -> str:
    """The page's name under docs/<locale>/: a market page's is its topic text's."""
    market_page = market_page_of(file)
    if market_page is not None:
        return market_page.template
    return name_from_src_uri(file.src_uri, site.locales)


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
    if a_to_z.is_a_to_z(page.file):
        # Generated: no file in docs/, its list is the template's (overrides/a-z.html).
        page.meta.update(a_to_z.page_meta(current_locale(config)))
        page.meta["title"] = page.title = html_text(page.meta["title"])
        page.meta["description"] = html_text(page.meta["description"])
        return ""
    site = _site(config)
    path = Path(page.file.abs_src_path)
    locale = current_locale(config)
    name = page_name(site, page.file)
    try:
        # MkDocs drops a malformed front matter block without a word; we read it again.
        english = locale == site.default_locale or source_locale(page) != locale
        source = frontmatter.read(path, frontmatter.DESCRIPTION_MAX if english else None)
        refuse_unpublishable(source, config)
        notice = _notice_for(site, locale, page, name)
        if notice in ENGLISH_SHOWN:
            # A legal text is published in a locale only once reviewed, a machine translation
            # only if it passes QA; until then the English one is shown, as English.
            if notice == FAILS_QA:
                _say_withheld(site, locale, name)
            path = site.docs_dir / site.default_locale / name
            source = frontmatter.read(path)
            markdown = source.body.lstrip("\n")
        if notice:
            page.meta["polyhelp_notice"] = notice
        english_text = notice in ENGLISH_SHOWN
        text_locale = site.default_locale if english_text else source_locale(page) or locale
        page.meta["polyhelp_text_locale"] = text_locale
        values = _placeholder_values(site, page, locale, text_locale, markdown)
        for key in ("title", "description"):
            line = source.meta_lines.get(key, 2)
            text = placeholders.render(str(source.meta[key]), values, path, line, markdown=False)
            # Machine or data text, printed by Material's templates (no autoescape) in <h1>,
            # <title>, <meta content>, the navigation and footer of every sibling page and the
            # search index: escaped once, here, as Markup, so `| e` does not escape it again.
            page.meta[key] = html_text(apply_typography(text, text_locale))
        if locale != site.default_locale and (notice == "legal" or text_locale != locale):
            # The English text keeps its English title; the navigation, the footer and
            # <title> name the page in the reader's language, marked as English.
            page.meta["polyhelp_english_title"] = page.meta["title"]
            english_title = unescape(str(page.meta["title"]))
            page.meta["title"] = interface.english_page_title(config, locale, english_title)
        page.title = page.meta["title"]
        if source.page_type == "home":
            page.meta["template"] = home.TEMPLATE
        search_meta = page.meta.setdefault("search", {})
        market_page = market_page_of(page.file) is not None
        search_meta.setdefault("boost", search.search_boost(source.page_type, market_page))
        # MkDocs strips the blank lines after the front matter; count them back for line numbers.
        first_line = source.body_line + len(source.body) - len(source.body.lstrip("\n"))
        body = apply_conditions(markdown, values, path, first_line)
        body = placeholders.render(body, values, path, first_line)
        if source.page_type == "faq":
            page.meta["polyhelp_faq_jsonld"] = faq.faq_page_jsonld(
                body, site.default_locale if english_text else locale, path, first_line
            )
    except PolyhelpError as error:
        raise _fatal(error) from None
    if page.meta.get("template") == home.TEMPLATE:
        # The home page is the template's (overrides/home.html): its Markdown body, checked
        # above, is not shown, so it is not indexed for search either.
        return ""
    return body


def _placeholder_values(
    site: Site, page: Page, locale: str, text_locale: str, markdown: str
) -> dict:
    """What {{ ... }} may name on this page: shop, markets (the list) and, on a market page,
    market (its facts, in the language of the text shown); policies (data/policies.yml,
    in that language)."""
    values: dict = {"shop": shop_values(load_shop(site.data_dir)), "markets": {"list": ""}}
    policies = policy_values(site.data_dir, text_locale)
    if policies is not None:
        values["policies"] = policies
    # The market data only where used: thousands of article pages do not.
    if "markets." in markdown:
        data = load_market_data(site)
        # Links to the generated market pages' sources, which MkDocs checks and resolves.
        up = "../" * page_name(site, page.file).count("/")

        def link(code: str, topic: str) -> str:
            return f"{up}markets/{code}/{topic}.md"

        values["markets"] = overview_values(data, locale, text_locale, build_date(), link)
        listing = market_pages.market_list_html(site, data, locale)
        values["markets"]["list"] = placeholders.Block(listing)
    market_page = market_page_of(page.file)
    if market_page is not None:
        data = load_market_data(site)
        values["market"] = market_values(data, market_page.code, text_locale, build_date())
    return values


def _notice_for(site: Site, locale: str, page: Page, name: str) -> str | None:
    """Which notice a translated page gets: legal or fails_qa (English shown), machine,
    stale, or none."""
    if locale == site.default_locale or source_locale(page) != locale:
        return None
    english = site.docs_dir / site.default_locale / name
    if not english.is_file():
        return None  # a page that exists only in this locale has nothing to compare with
    shown = english_shown(site, locale, name)
    if shown:
        return shown
    state = page_state(site, locale, name)
    if state.state == "reviewed":
        return None
    return "stale" if state.state == "stale" else "machine"


_said: set[tuple[Path, str, str]] = set()  # pages whose withholding this build has said


def _say_withheld(site: Site, locale: str, name: str) -> None:
    """Which page is not published and why, once per page (a market topic's text serves
    several market pages). INFO, not WARNING: the strict build must go on, the English page
    standing in is a correct page."""
    if (site.docs_dir, locale, name) in _said:
        return
    _said.add((site.docs_dir, locale, name))
    errors = withheld(site, locale, name)
    first = f"; first: {errors[0]}" if errors else ""
    log.info(
        "%s/%s: machine translation not published, it fails QA (%d errors%s); the %s site "
        "shows the English page with a notice until it is fixed and passes polyhelp check",
        locale,
        name,
        len(errors),
        first,
        locale,
    )


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if a_to_z.is_a_to_z(page.file):
        return html
    site = _site(config)
    locale = current_locale(config)
    text_locale = page.meta.get("polyhelp_text_locale", locale)
    html = apply_typography(html, text_locale)
    return _market_header(site, page, locale) + stackable_tables(
        _with_notice(site, page, locale, html)
    )


def _market_header(site: Site, page: Page, locale: str) -> str:
    market_page = market_page_of(page.file)
    if market_page is None:
        return ""
    return market_parts.header_html(site, market_page, locale, page.url.count("/"))


def _with_notice(site: Site, page: Page, locale: str, html: str) -> str:
    source = source_locale(page)
    if source and source != locale:
        return fallback_page_html(html, _english_title(page), locale, source)
    notice = page.meta.get("polyhelp_notice")
    if not notice:
        return html
    name = page_name(site, page.file)
    original = "../" * page.url.count("/") + _english_path(site, page, name)
    if notice == LEGAL:
        box = notice_html(locale, "legal", original)
        return english_page_html(html, _english_title(page), box, site.default_locale)
    if notice == FAILS_QA:  # to the reader, as if it were not translated yet: it is not
        return fallback_page_html(html, _english_title(page), locale, site.default_locale)
    values = {}
    if notice == "stale":
        changed = last_changed(site.docs_dir / site.default_locale / name)
        values["date"] = native_digits(format_date(changed, format="long", locale=locale), locale)
    return notice_html(locale, notice, original, **values) + html


def _english_title(page: Page) -> str:
    return page.meta.get("polyhelp_english_title") or page.title or ""


def _english_path(site: Site, page: Page, name: str) -> str:
    """The site path of a page's English original."""
    market_page = market_page_of(page.file)
    return page_path(name) if market_page is None else market_parts.english_path(site, market_page)


def _has_english_original(site: Site, page: Page) -> bool:
    market_page = market_page_of(page.file)
    return market_page is None or market_parts.has_english_original(site, market_page)


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    site = _site(config)
    locale = current_locale(config)
    name = page_name(site, page.file)
    own_url = site.site_url + page.url
    source = source_locale(page)
    shows_english_text = (source and source != locale) or page.meta.get(
        "polyhelp_notice"
    ) in ENGLISH_SHOWN
    if shows_english_text and _has_english_original(site, page):
        # The English original is the canonical copy of a page that shows English.
        page.canonical_url = site.site_url + _english_path(site, page, name)
    head = [
        seo.social_meta_html(
            title=page.meta.get("title") or page.title or config.site_name,
            description=page.meta.get("description") or "",
            url=own_url,
            site_name=config.site_name,
            locale=locale,
            kind="website" if page.meta.get("type") == "home" else "article",
        )
    ]
    if "polyhelp_faq_jsonld" in page.meta:
        head.append(
            f'<script type="application/ld+json">{page.meta["polyhelp_faq_jsonld"]}</script>'
        )
    context["polyhelp_head"] = "\n".join(head)
    if page.meta.get("template") == home.TEMPLATE:
        context["home"] = home.home_context(
            nav, locale, lambda p: page_name(site, p.file), load_shop(site.data_dir)["email"]
        )
        context["home"]["az_url"] = a_to_z.url(site, locale)
    if a_to_z.is_a_to_z(page.file):
        context["a_to_z"] = a_to_z.entries(nav, page)
    context["polyhelp_print"] = printing.print_header_html(
        config.site_name, own_url, build_date(), locale
    )
    search.collect_page(config.site_dir, page.url, page.meta, page.title or "", page.content or "")
    return context


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    if template_name == not_found.TEMPLATE:
        site = _site(config)
        context["polyhelp_404"] = not_found.template_context(site, current_locale(config))
        # The language switcher of a missing page leads to each language's home page (each
        # page sets its own; otherwise the 404 page would keep whichever page's came last).
        set_switcher(config, not_found.switcher(site))
    return context


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    site = _site(config)
    locale = current_locale(config)
    if template_name != not_found.TEMPLATE or locale == site.default_locale:
        return output
    # A locale's 404 page searches its own index and lives in its folder; MkDocs writes
    # nothing for an empty output, so the site's 404.html stays the default locale's.
    output = material.point_search_at_locale(output, site.url_prefix(locale).rstrip("/"))
    not_found.write_locale_page(site, Path(config.site_dir), locale, output)
    return ""


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    site = _site(config)
    locale = current_locale(config)
    output = material.set_document_direction(output, text_direction(config, locale))
    prefix = site.url_prefix(locale).rstrip("/")
    return compact_html(material.point_search_at_locale(output, prefix))


@event_priority(-200)  # after mkdocs-static-i18n (-100) has merged every locale's index
def on_post_build(config: MkDocsConfig) -> None:
    site = _site(config)
    locale = current_locale(config)
    if material.search_enabled(config):
        prefix = site.url_prefix(locale)
        others = [site.url_prefix(other) for other in site.locales if other != locale]
        pages = search.locale_pages(config.site_dir, prefix, [p for p in others if p])
        search_config = material.search_config(config)
        synonyms = load_synonyms(site.data_dir, site.locales).get(locale, {})
        search.write_locale_search(
            Path(config.site_dir), prefix, locale, pages, search_config, synonyms
        )
    if is_outer_build(config):
        finish_site(site, Path(config.site_dir), config.theme.get("favicon"))
