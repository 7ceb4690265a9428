"""Untrusted text (machine output, data values) made literal for where it lands.

HTML text and attributes: markupsafe, once. Markdown text: every character that could open
Markdown syntax is escaped, so a value such as `**x**`, `[a](b)`, `<b>` or `# x` shows as
written. Link targets: only http(s), mailto and tel URLs without spaces, quotes, angle
brackets or parentheses (checked where the data is loaded, see `url_problem`).
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup, escape

from polyhelp.project.urls import url_problem

__all__ = ["Inline", "Link", "Markup", "html_text", "markdown_link", "markdown_text", "url_problem"]


class Inline(str):
    """A value that is already Markdown (a link built from escaped parts): inserted as is."""


class Link(Inline):
    """A Markdown link that also knows its text, for where no link can go (a title)."""

    text: str


def html_text(text: str) -> Markup:
    """Text as HTML: entities a translator or an engine wrote are decoded, then the text is
    escaped once (so `&amp;`, `&` and `&lt;b&gt;` all show as the characters they mean)."""
    if isinstance(text, Markup):
        return text
    return escape(html.unescape(str(text)))


# Characters that open inline syntax anywhere in Python-Markdown with our extensions: code,
# emphasis, links and images, attribute lists, table cells, escapes. `<` and `&` become
# entities (raw HTML, entities); the rest take a backslash, which Markdown removes.
_INLINE = re.compile(r"([\\`*_\[\]{}])")
# What opens a block at the start of a line: heading, quote, list item, rule, setext
# underline, fence, admonition. A value may be placed at a line's start, so its first
# character is made literal (a `+` only before a space: '+49 30' is no list item); a
# backslash where Markdown honours it, else an entity.
_LEADING = re.compile(r"^(?:(\d+)([.)])|([#\-!.]|\+(?=\s|$))|([=~:]))")
_BREAKS = re.compile(r"[ \t\n\r\f\v\u0085\u2028\u2029]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def markdown_text(value: object) -> str:
    """`value` as Markdown that renders to exactly its text, on one line."""
    text = _CONTROL.sub("", str(value))
    # One line: a newline in a value would start a block (a heading, a list item, a row),
    # and spaces would indent or break it. No-break spaces (CLDR's, in prices) stay.
    text = _BREAKS.sub(" ", text).strip(" ")
    text = html.escape(text, quote=False)
    text = _INLINE.sub(r"\\\1", text).replace("|", "&#124;")
    text = _LEADING.sub(_literal_start, text, count=1)
    # Text in another language than the page's (interface text shown in English where a
    # locale has none: polyhelp.locales.lookup.EnglishText) says so, for screen readers
    # and for the direction of a right-to-left page.
    lang = getattr(value, "lang", None)
    if isinstance(lang, str) and lang.isalpha():
        return f'<span lang="{lang}" dir="ltr">{text}</span>'
    return text


def _literal_start(match: re.Match[str]) -> str:
    digits, after_digits, escapable, other = match.groups()
    if digits is not None:
        return f"{digits}\\{after_digits}"
    if escapable is not None:
        return f"\\{escapable}"
    return f"&#{ord(other)};"


def markdown_link(text: object, url: str) -> Link:
    """A Markdown link whose text is literal and whose target stays one target."""
    link = Link(f"[{markdown_text(text)}](<{url}>)")
    link.text = str(text)
    return link
