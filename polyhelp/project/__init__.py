"""The help center as a project on disk: its configuration, its pages and its files.

Owns the typed model of the site (`config.Site`: folders, locales, URLs), the page catalogue
(which page exists in which locale and where it lives on the site), YAML reading with line
numbers, atomic writes, the shop's own data (`data/shop.yml`) and the build date. It is the
bottom of the house: it may import only `polyhelp.errors` and libraries, never another
Polyhelp package.
"""
