"""Sections shown only when the data says so: `## Heading {: when="market.privacy.do_not_sell" }`.

The condition sits in the heading's attribute list, which translation keeps intact like any
attribute list. A false condition removes the heading and everything up to the next heading
of the same or a higher level; a true one just loses the attribute.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from polyhelp.content.placeholders import lookup_condition
from polyhelp.errors import PlaceholderError

HEADING = re.compile(r"^(#{1,6})\s")
ATTRIBUTES = re.compile(r"\s*\{:([^}]*)\}\s*$")  # a heading's attribute list: {: #id .class }
WHEN = re.compile(r'\s*\bwhen="(not\s+)?([A-Za-z_][\w.]*)"')
FENCE = re.compile(r"^\s*(```|~~~)")


def apply_conditions(
    text: str, values: Mapping[str, Any], path: Path | str, first_line: int = 1
) -> str:
    """`text` with false sections blanked out (lines kept, so later line numbers stay true)."""
    lines = text.split("\n")
    hiding_below: int | None = None  # the level of the heading whose section is hidden
    fenced = False
    for number, line in enumerate(lines):
        if FENCE.match(line):
            fenced = not fenced
        heading = None if fenced else HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            if hiding_below is not None and level <= hiding_below:
                hiding_below = None
            attributes = ATTRIBUTES.search(line)
            condition = WHEN.search(attributes.group(1)) if attributes else None
            if condition and hiding_below is None:
                name = condition.group(2)
                shown = lookup_condition(name, values, path, first_line + number)
                if condition.group(1):
                    shown = not shown
                if shown:
                    lines[number] = _without_condition(line, attributes, condition)
                else:
                    hiding_below = level
        elif not fenced and WHEN.search(line) and ATTRIBUTES.search(line):
            raise PlaceholderError(
                '{: when="..." } belongs at the end of a heading line', path, first_line + number
            )
        if hiding_below is not None:
            lines[number] = ""
    return "\n".join(lines)


def _without_condition(line: str, attributes: re.Match[str], condition: re.Match[str]) -> str:
    """The heading with its condition removed, and its other attributes kept."""
    inside = attributes.group(1)
    rest = (inside[: condition.start()] + inside[condition.end() :]).strip()
    heading = line[: attributes.start()]
    return f"{heading} {{: {rest} }}" if rest else heading
