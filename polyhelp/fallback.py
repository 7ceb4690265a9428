"""Honest fallback: a page missing in a locale shows English, and says so in that locale."""

from __future__ import annotations

from html import escape

from polyhelp.messages import message


def fallback_page_html(content_html: str, title: str, page_locale: str, source_locale: str) -> str:
    """Wrap English content shown on a `page_locale` page: a notice, then the content in lang=en.

    The title goes inside the wrapper too, because it is English as well (Material would
    otherwise add it outside, in the page's language).
    """
    notice_title = escape(message(page_locale, "fallback_title"))
    notice_text = escape(message(page_locale, "fallback_text"))
    return (
        f'<aside class="admonition info polyhelp-notice polyhelp-fallback" role="note" '
        f'aria-label="{notice_title}">\n'
        f'<p class="admonition-title">{notice_title}</p>\n'
        f"<p>{notice_text}</p>\n"
        f"</aside>\n"
        f'<div class="polyhelp-fallback-content" lang="{escape(source_locale)}">\n'
        f"<h1>{escape(title)}</h1>\n"
        f"{content_html}\n"
        f"</div>"
    )
