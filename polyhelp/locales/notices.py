"""Honest labels for customers: notices on pages that are not a reviewed translation.

Notices are part of the page (no JavaScript), in the page's language, and an <aside
role="note"> with a name, so screen readers announce them as a note.
"""

from __future__ import annotations

# markupsafe, not html.escape: a page title arrives escaped already (as Markup) and must not
# be escaped twice.
from markupsafe import escape

from polyhelp.locales.lookup import as_html
from polyhelp.locales.messages import message


def notice_html(locale: str, kind: str, original_url: str | None = None, **values: str) -> str:
    """A notice of `kind` (fallback, machine, stale, legal) in `locale`."""
    title_text = message(locale, f"{kind}_title")
    title = as_html(title_text)  # an English fallback is marked lang="en" dir="ltr"
    name = escape(title_text)  # an attribute holds text only
    text = as_html(message(locale, f"{kind}_text", **values))
    link = ""
    if original_url:
        label = as_html(message(locale, "original_link"))
        link = f' <a href="{escape(original_url)}" hreflang="en" lang="en">{label}</a>'
    level = "info" if kind in ("fallback", "legal") else "warning" if kind == "stale" else "note"
    return (
        f'<aside class="admonition {level} polyhelp-notice polyhelp-{kind}" role="note" '
        f'aria-label="{name}">\n'
        f'<p class="admonition-title">{title}</p>\n'
        f"<p>{text}{link}</p>\n"
        f"</aside>\n"
    )


def english_page_html(content_html: str, title: str, notice: str, source_locale: str) -> str:
    """English content shown on another locale's page: the notice, then the text in lang=en.

    The title goes inside the wrapper too, because it is English as well (Material would
    otherwise add it outside, in the page's language).
    """
    return (
        f"{notice}"
        f'<div class="polyhelp-fallback-content" lang="{escape(source_locale)}" dir="ltr">\n'
        f"<h1>{escape(title)}</h1>\n"
        f"{content_html}\n"
        f"</div>"
    )


def fallback_page_html(content_html: str, title: str, page_locale: str, source_locale: str) -> str:
    """A page missing in `page_locale`, shown in English with a notice saying so."""
    return english_page_html(
        content_html, title, notice_html(page_locale, "fallback"), source_locale
    )
