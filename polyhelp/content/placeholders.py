"""{{ shop.name }}-style placeholders: the one syntax pages use to reference data."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from polyhelp.content.escape import Inline, Link, markdown_text
from polyhelp.errors import PlaceholderError

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][\w.]*)\s*\}\}")
# Anything that opens like a placeholder but does not parse as one is a typo to report.
OPENING = re.compile(r"\{\{")


class Block(str):
    """A value that is whole Markdown blocks (a table, a list): it must stand on its own line."""


def render(
    text: str,
    values: Mapping[str, Any],
    path: Path | str,
    first_line: int = 1,
    markdown: bool = True,
) -> str:
    """Replace every placeholder in `text`; an unknown or malformed one names its line.

    In Markdown (`markdown=True`) a value is text: it cannot open Markdown or HTML syntax,
    except a Block or an Inline, which is Markdown built by Polyhelp. With markdown=False
    (a title, a description) values are inserted as they are, for the caller to escape.
    """

    def line_of(offset: int) -> int:
        return first_line + text.count("\n", 0, offset)

    for opening in OPENING.finditer(text):
        if not PLACEHOLDER.match(text, opening.start()):
            snippet = text[opening.start() : opening.start() + 30].split("\n")[0]
            raise PlaceholderError(
                f"malformed placeholder '{snippet}'; write it as {{{{ shop.name }}}}",
                path,
                line_of(opening.start()),
            )

    def substitute(match: re.Match[str]) -> str:
        line = line_of(match.start())
        value = lookup(match.group(1), values, path, line)
        if isinstance(value, Block):
            start = text.rfind("\n", 0, match.start()) + 1
            end = text.find("\n", match.end())
            if text[start : end if end >= 0 else len(text)].strip() != match.group(0):
                raise PlaceholderError(
                    f"{{{{ {match.group(1)} }}}} is a table or list: put it on a line of its own",
                    path,
                    line,
                )
            indent = text[start : match.start()]
            return value.replace("\n", "\n" + indent)
        if not markdown:
            return value.text if isinstance(value, Link) else str(value)
        if isinstance(value, Inline):
            return str(value)
        return markdown_text(value)

    return PLACEHOLDER.sub(substitute, text)


_MISSING = object()


def _resolve(name: str, values: Mapping[str, Any]) -> Any:
    """The value at a dotted name, or _MISSING."""
    current: Any = values
    for part in name.split("."):
        if not isinstance(current, Mapping) or part not in current:
            return _MISSING
        current = current[part]
    return current


def lookup(name: str, values: Mapping[str, Any], path: Path | str, line: int | None) -> Any:
    """The value a dotted placeholder name refers to."""
    current = _resolve(name, values)
    if current is _MISSING:
        known = ", ".join(_known_names(values, conditions=False))
        raise PlaceholderError(f"unknown placeholder {{{{ {name} }}}}; known: {known}", path, line)
    if isinstance(current, bool):
        raise PlaceholderError(
            f"{{{{ {name} }}}} is a condition (true or false), not text; use it in a "
            f'heading\'s {{: when="{name}" }}',
            path,
            line,
        )
    if isinstance(current, Mapping | list):
        raise PlaceholderError(
            f"placeholder {{{{ {name} }}}} is a group, not a value; name one of its keys",
            path,
            line,
        )
    return current


def lookup_condition(name: str, values: Mapping[str, Any], path: Path | str, line: int) -> bool:
    """The true/false value a section condition names."""
    current = _resolve(name, values)
    if current is _MISSING:
        known = ", ".join(_known_names(values, conditions=True)) or "none here"
        raise PlaceholderError(f"unknown condition '{name}'; known: {known}", path, line)
    if not isinstance(current, bool):
        raise PlaceholderError(
            f"'{name}' is not a condition (true or false); conditions here: "
            + ", ".join(_known_names(values, conditions=True)),
            path,
            line,
        )
    return current


def _known_names(values: Mapping[str, Any], conditions: bool, prefix: str = "") -> list[str]:
    """The dotted names of the values (conditions=False) or of the conditions (True)."""
    names = []
    for key, value in values.items():
        if isinstance(value, Mapping):
            names.extend(_known_names(value, conditions, f"{prefix}{key}."))
        elif isinstance(value, bool) == conditions:
            names.append(f"{prefix}{key}")
    return sorted(names)
