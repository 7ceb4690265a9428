"""Pages without the theme's indentation: what a reader downloads is the page, not blanks.

Material's templates indent every line of the navigation; with `navigation.prune` a page
still lists its section's pages, and at 2,500 articles that indentation was 40% of an
article page's bytes. Only a run of whitespace that holds a line break, next to a tag, is
cut, to one line break: a browser lays such a run out as one space (or nothing, between
blocks), so the page looks and reads the same. Inside <pre>, <textarea>, <script> and <style>
whitespace is the content, and is kept as it is.
"""

from __future__ import annotations

import re

_KEPT = re.compile(r"(<(pre|textarea|script|style)\b.*?(?:</\2\s*>|\Z))", re.S | re.I)
# A run of HTML's whitespace (not \s: a no-break space is text) that holds a line break,
# just after a tag or just before one.
_WS = "[ \t\f\r\n]*\n[ \t\f\r\n]*"
_BY_A_TAG = re.compile(f"(?<=>){_WS}|{_WS}(?=<)")


def compact_html(html: str) -> str:
    """`html` with each run of whitespace next to a tag that holds a line break cut to one
    line break, outside <pre>, <textarea>, <script> and <style>."""
    parts = _KEPT.split(html)
    # split() returns: text, kept element, its tag name, text, ... A text between two kept
    # elements starts after a tag's ">" and ends before a tag's "<": given them back for the
    # match, then taken off.
    last = len(parts) - 1
    for at in range(0, len(parts), 3):
        before, after = (">" if at else ""), ("<" if at < last else "")
        text = _BY_A_TAG.sub("\n", before + parts[at] + after)
        parts[at] = text[len(before) : len(text) - len(after)]
    return "".join(part for at, part in enumerate(parts) if at % 3 != 2)
