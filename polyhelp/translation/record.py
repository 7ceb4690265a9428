"""A translated page's `translation:` front matter record, read strictly.

The record decides whether Polyhelp may rewrite a page, so a value it does not know
(`status: Reviewed`, `engine: manual`) is an error naming the file and line, never a guess:
read as "machine", a typo would let the next run overwrite a person's work.
"""

from __future__ import annotations

import re
from pathlib import Path

from polyhelp.errors import FrontMatterError

STATUSES = ("machine", "reviewed")
ENGINES = ("deepl", "pseudo", "human")
# Engines whose pages Polyhelp wrote and may rewrite while they are `machine`.
MACHINE_ENGINES = ("deepl", "pseudo")


def check_record(record: object, text: str, path: Path | str) -> dict:
    """The page's translation record ({} without one); FrontMatterError for unknown values."""
    if record is None:
        return {}
    if not isinstance(record, dict):
        raise FrontMatterError(
            "'translation' must be a block of 'key: value' lines (status, engine, "
            f"source_hash), found {record!r}",
            path,
            line_of(text, None),
        )
    checks = (("status", STATUSES), ("engine", ENGINES))
    for key, allowed in checks:
        value = record.get(key)
        if value not in allowed:
            found = "nothing" if value is None else repr(value)
            raise FrontMatterError(
                f"translation.{key} is {found}; expected one of {', '.join(allowed)} "
                "(exactly, in lower case)",
                path,
                line_of(text, key),
            )
    if record["status"] == "machine" and record["engine"] not in MACHINE_ENGINES:
        raise FrontMatterError(
            f"translation.status is machine but translation.engine is {record['engine']}; "
            "a page a person wrote is 'status: reviewed' (polyhelp review --accept)",
            path,
            line_of(text, "engine"),
        )
    return record


_RECORD_KEY = re.compile(r"^translation\s*:")


def line_of(text: str, key: str | None) -> int:
    """The line of `translation:` or of its nested `key:` (1 without a record), for messages."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if _RECORD_KEY.match(line)), None)
    if start is None:
        return 1
    if key is not None:
        nested = re.compile(rf"^[ \t]+{re.escape(key)}\s*:")
        for number in range(start + 1, len(lines)):
            line = lines[number]
            if line.strip() and not line[0].isspace():
                break
            if nested.match(line):
                return number + 1
    return start + 1
