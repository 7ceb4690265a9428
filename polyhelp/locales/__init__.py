"""Interface text: the words Polyhelp itself adds to pages, in every locale the site builds.

Owns the gettext catalogs of interface text (catalog: the English template and a .po per
locale, their states and checks), the one lookup with the one fallback policy that every
interface text uses (lookup: notices, the site's name, the labels around market facts),
and the honest notices shown on pages that are not a reviewed translation. It may import
`polyhelp.errors`, `polyhelp.project` (atomic writes) and libraries only.
"""
