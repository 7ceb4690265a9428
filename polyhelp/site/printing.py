"""What a printed page carries that the screen shows elsewhere: the shop, the URL, the date.

The line is part of the page (no JavaScript needed) and shown only in print
(overrides/assets/polyhelp.css). It holds the build date, in the page's language; a script
(overrides/main.html) puts the date of printing there when the reader prints.
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date
from markupsafe import Markup


def print_header_html(site_name: str, url: str, day: date, locale: str) -> Markup:
    """The print-only line above a page's content."""
    return Markup(
        '<p class="polyhelp-print-header">'
        '<span class="polyhelp-print-header__site">{site}</span> · '
        '<span class="polyhelp-print-header__url">{url}</span> · '
        '<time class="polyhelp-print-header__date" datetime="{iso}">{day}</time></p>'
    ).format(
        site=site_name,
        url=url,
        iso=day.isoformat(),
        day=format_date(day, format="long", locale=locale.replace("-", "_")),
    )
