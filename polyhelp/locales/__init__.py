"""Interface text: the words Polyhelp itself adds to pages, in every locale the site builds.

Owns the message tables (notices, the site's name) and the honest notices shown on pages
that are not a reviewed translation, and the one lookup with the one fallback policy that
every table of interface text uses (`lookup.text_for`), the labels around market facts
included. It may import `polyhelp.errors` and libraries only.
"""
