"""The site adapter: the only code that imports MkDocs, Material or mkdocs-static-i18n.

Owns the MkDocs events that turn pages, data and translation states into the site
(`events`), loading mkdocs.yml into Polyhelp's Site (`mkdocs_config`), the strict staged
build and its publishing (`build`, `finish`), the preview server (`serve`), the per-locale
search indexes' files (`search`; the indexes themselves are `polyhelp.search`'s), hreflang
and the sitemap (`seo`), and the market pages as MkDocs files (`market_files`,
`market_parts`). Every reach into another
project's undocumented internals lives in one module per dependency, each poke with its
reason and a test that fails when the pinned version changes. A move to another generator
(Zensical) replaces this package and nothing else. It may import every concern; no concern
imports it.
"""
