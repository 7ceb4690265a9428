"""Time-limited notices (data/announcements.yml) on the pages of the markets they concern."""

from __future__ import annotations

from datetime import date
from html import escape

from polyhelp.locales.lookup import as_html
from polyhelp.markets.labels import label
from polyhelp.markets.load import MarketData
from polyhelp.markets.schema import Announcement


def current_announcements(data: MarketData, code: str, today: date) -> list[Announcement]:
    """The announcements for market `code` that show on `today` (from starts to ends, inclusive)."""
    return [
        item
        for item in data.announcements
        if code in item.markets and item.starts <= today <= item.ends
    ]


def announcement_html(item: Announcement, locale: str, default_locale: str) -> str:
    """The notice in `locale`, or the default locale's text marked as such."""
    heading_text = label(locale, "announcement.label")
    heading = as_html(heading_text)
    if locale in item.text:
        body = f"<p>{escape(item.text[locale])}</p>"
    else:
        fallback = as_html(label(locale, "announcement.in_english"))
        body = (
            f'<p><span lang="{default_locale}">{escape(item.text[default_locale])}</span> '
            f'<span class="polyhelp-announcement__language">{fallback}</span></p>'
        )
    return (
        f'<aside class="admonition warning polyhelp-announcement" role="note" '
        f'aria-label="{escape(heading_text)}" data-announcement="{escape(item.id)}">'
        f'<p class="admonition-title">{heading}</p>{body}</aside>'
    )
