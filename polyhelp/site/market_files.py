"""The market pages as MkDocs files of the locale being built.

Runs after mkdocs-static-i18n has picked the locale's files (it recreates every file from
docs_dir, so pages added before it would lose their source): each topic text leaves the
build and comes back once per market that offers the locale, as markets/<code>/<topic>/.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from polyhelp.errors import DataError
from polyhelp.markets.load import MarketData
from polyhelp.markets.pages import MarketPage, market_pages, site_path, switcher_targets
from polyhelp.project.catalog import is_market_topic, name_from_src_uri
from polyhelp.project.config import Site
from polyhelp.site.static_i18n_internals import localize_file
from polyhelp.site.static_i18n_internals import page_name as static_i18n_page_name

GENERATOR = "polyhelp"


def add_market_files(
    site: Site, data: MarketData, locale: str, files: Files, config: MkDocsConfig
) -> Files:
    texts: dict[str, File] = {}
    for file in list(files):
        name = static_i18n_page_name(file) or name_from_src_uri(file.src_uri, site.locales)
        if is_market_topic(name):
            texts[name] = file
            files.remove(file)
    for page in market_pages(data, locale):
        text = texts.get(page.template)
        if text is None:
            raise DataError(
                f"market '{page.code}' offers {locale}, but the topic text "
                f"{site.default_locale}/{page.template} does not exist; write it",
                site.docs_dir,
            )
        files.append(_market_file(site, data, locale, page, text, config))
    return files


def _market_file(
    site: Site, data: MarketData, locale: str, page: MarketPage, text: File, config: MkDocsConfig
) -> File:
    file = File(
        f"{locale}/{page.name}",
        src_dir=None,
        dest_dir=config.site_dir,
        use_directory_urls=config.use_directory_urls,
        dest_uri=site_path(site, locale, page.path) + "index.html",
        inclusion=InclusionLevel.NOT_IN_NAV,
    )
    file.abs_src_path = text.abs_src_path
    file.generated_by = GENERATOR
    localize_file(file, text, locale, page.name, switcher_targets(site, data, page))
    file.polyhelp_market_page = page
    return file


def market_page_of(file: File) -> MarketPage | None:
    """The market page a file is, if it is one."""
    return getattr(file, "polyhelp_market_page", None)
