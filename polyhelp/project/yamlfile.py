"""Reading YAML files so that every error names the file and the line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from polyhelp.errors import PolyhelpError

# libyaml's loader when PyYAML has it (as MkDocs does): the pure-Python one was a third of
# a large build's time, front matter being read for states, notices and alternates.
try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader


def parse_yaml(text: str, path: Path, error: type[PolyhelpError], first_line: int = 1) -> Any:
    """Parse YAML text that starts at `first_line` of `path`; errors carry that file and line."""
    try:
        return yaml.load(text, Loader=SafeLoader)
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        reason = getattr(problem, "problem", None) or "not valid YAML"
        context = getattr(problem, "context", None)
        detail = f"{context}, {reason}" if context else reason
        line = first_line + mark.line if mark is not None else first_line
        raise error(f"invalid YAML: {detail}", path, line) from None


def key_line(text: str, key: str, first_line: int = 1) -> int | None:
    """The line of a top-level `key:` in YAML text, for error messages."""
    for offset, line in enumerate(text.splitlines()):
        if line.startswith(f"{key}:"):
            return first_line + offset
    return None
