"""{{ shop.name }}-style placeholders: the one syntax pages use to reference data."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from polyhelp.errors import PlaceholderError

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][\w.]*)\s*\}\}")
# Anything that opens like a placeholder but does not parse as one is a typo to report.
OPENING = re.compile(r"\{\{")


def render(text: str, values: Mapping[str, Any], path: Path | str, first_line: int = 1) -> str:
    """Replace every placeholder in `text`; an unknown or malformed one names its line."""

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
        return str(lookup(match.group(1), values, path, line_of(match.start())))

    return PLACEHOLDER.sub(substitute, text)


def lookup(name: str, values: Mapping[str, Any], path: Path | str, line: int | None) -> Any:
    """The value a dotted placeholder name refers to."""
    current: Any = values
    for part in name.split("."):
        if not isinstance(current, Mapping) or part not in current:
            known = ", ".join(_known_names(values))
            raise PlaceholderError(
                f"unknown placeholder {{{{ {name} }}}}; known: {known}", path, line
            )
        current = current[part]
    if isinstance(current, Mapping | list):
        raise PlaceholderError(
            f"placeholder {{{{ {name} }}}} is a group, not a value; name one of its keys",
            path,
            line,
        )
    return current


def _known_names(values: Mapping[str, Any], prefix: str = "") -> list[str]:
    names = []
    for key, value in values.items():
        if isinstance(value, Mapping):
            names.extend(_known_names(value, f"{prefix}{key}."))
        else:
            names.append(f"{prefix}{key}")
    return sorted(names)
