"""Tables a phone can read: each cell of a wide table carries its column's heading.

Below a breakpoint (overrides/assets/polyhelp.css) a table of three columns or more is shown
as one card per row, each fact under its heading (`data-label`), so a price or a threshold
never starts off-screen. The HTML is Python-Markdown's own table output; a table written in
raw HTML (with attributes of its own) is left as it is.
"""

from __future__ import annotations

import html
import re

from markupsafe import escape

STACK_FROM_COLUMNS = 3

_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_HEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
_HEADING = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELL = re.compile(r"<td\b")
_TAG = re.compile(r"<[^>]+>")


def stackable_tables(page_html: str) -> str:
    """`page_html` with every Markdown table of three columns or more marked to stack on a
    phone, each body cell labelled with its column's heading."""
    return _TABLE.sub(_label_table, page_html)


def _label_table(match: re.Match[str]) -> str:
    inner = match.group(1)
    head = _HEAD.search(inner)
    if head is None:
        return match.group(0)
    labels = [
        " ".join(html.unescape(_TAG.sub("", heading)).split())
        for heading in _HEADING.findall(head.group(1))
    ]
    if len(labels) < STACK_FROM_COLUMNS:
        return match.group(0)
    body = inner[head.end() :]

    def label_row(row: re.Match[str]) -> str:
        cells = iter(labels)

        def label_cell(_: re.Match[str]) -> str:
            return f'<td data-label="{escape(next(cells, ""))}"'

        return f"<tr>{_CELL.sub(label_cell, row.group(1))}</tr>"

    return f"<table data-polyhelp-stack>{inner[: head.end()]}{_ROW.sub(label_row, body)}</table>"
