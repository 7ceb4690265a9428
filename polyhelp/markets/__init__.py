"""Per-market facts: shipping, customs, payment, returns, privacy and support, from data.

Owns the schema of `data/markets/<code>.yml`, `data/privacy-regimes.yml` and
`data/announcements.yml` (`schema`), loading and validating them with file, line and field
(`load`), formatting values for a language in a market's country with Babel (`formatting`),
the values a market page's placeholders name (`view`), the market pages, picker and list
(`pages`), announcements, and the words around the facts (`labels`). It may import
`polyhelp.project`, `polyhelp.content`, `polyhelp.locales`, `polyhelp.errors` and libraries;
never the site.
"""
