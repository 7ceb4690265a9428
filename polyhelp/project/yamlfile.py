"""Reading YAML files so that every error names the file and the line."""

from __future__ import annotations

import codecs
import os
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError

from polyhelp.errors import EncodingError, PolyhelpError

# libyaml's loader when PyYAML has it (as MkDocs does): the pure-Python one was a third of
# a large build's time, front matter being read for states, notices and alternates.
try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader


class _DuplicateKey(ConstructorError):
    def __init__(self, key: Any, first: yaml.Mark, second: yaml.Mark):
        super().__init__(None, None, f"duplicate key {key!r}", second)
        self.first_mark = first


class StrictLoader(SafeLoader):
    """SafeLoader that refuses what PyYAML silently accepts: a key given twice in one mapping
    (PyYAML keeps the last) and a date that is not on the calendar (a bare ValueError)."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, yaml.Mark] = {}
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue  # '<<: *defaults' overrides by design
                key = self.construct_object(key_node, deep=True)
                try:
                    first = seen.setdefault(key, key_node.start_mark)
                except TypeError:
                    continue  # an unhashable key: the base class reports it
                if first is not key_node.start_mark:
                    raise _DuplicateKey(key, first, key_node.start_mark)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as reason:
            raise ConstructorError(
                None,
                None,
                f"{node.value!r} is not a date on the calendar ({reason}); write a real "
                "date as YYYY-MM-DD",
                node.start_mark,
            ) from None


StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", StrictLoader.construct_yaml_timestamp)


def parse_yaml(text: str, path: Path, error: type[PolyhelpError], first_line: int = 1) -> Any:
    """Parse YAML text that starts at `first_line` of `path`; errors carry that file and line.

    A key given twice in one mapping and an impossible date are errors too."""
    try:
        return yaml.load(text, Loader=StrictLoader)
    except _DuplicateKey as problem:
        raise error(
            f"invalid YAML: {problem.problem}, first given on line "
            f"{first_line + problem.first_mark.line}; keep one of them",
            path,
            first_line + problem.problem_mark.line,
        ) from None
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        reason = getattr(problem, "problem", None) or "not valid YAML"
        context = getattr(problem, "context", None)
        detail = f"{context}, {reason}" if context else reason
        line = first_line + mark.line if mark is not None else first_line
        raise error(f"invalid YAML: {detail}", path, line) from None


def read_text(path: Path, encoding: str = "utf-8") -> str:
    """The text of `path`; bytes that are not UTF-8 raise EncodingError naming their line.

    `encoding` is utf-8 or utf-8-sig (which also drops a byte-order mark)."""
    try:
        return path.read_text(encoding=encoding)
    except UnicodeDecodeError as problem:
        raise not_utf8(path, path.read_bytes()) from problem


def not_utf8(path: Path, data: bytes) -> EncodingError:
    """The error for `data` (the bytes of `path`), which do not decode as UTF-8."""
    try:
        data.decode("utf-8")  # a byte-order mark is valid UTF-8: positions stay the file's
    except UnicodeDecodeError as problem:
        line = data[: problem.start].count(b"\n") + 1
        byte = data[problem.start]
        return EncodingError(
            f"byte 0x{byte:02x} is not UTF-8 text ({problem.reason}); save the file as UTF-8",
            path,
            line,
        )
    raise ValueError(f"{path} decodes as UTF-8")


# Where a project's pages and data live, and folders that are never read as either.
SKIPPED_FOLDERS = {".git", ".venv", "venv", "node_modules", "__pycache__"}


def undecodable_file(config_file: Path, problem: UnicodeDecodeError) -> EncodingError | None:
    """The EncodingError for the project file that raised `problem`, or None if none did.

    For decode errors raised where Polyhelp did not read the file itself (MkDocs reads the
    pages), which name no file: the file is the one whose bytes are those that failed."""
    if not isinstance(problem.object, bytes):
        return None
    failed = problem.object
    root = Path(config_file).absolute().parent
    for folder, folders, names in os.walk(root):
        folders[:] = sorted(f for f in folders if f not in SKIPPED_FOLDERS)
        for name in sorted(names):
            path = Path(folder) / name
            try:
                if path.stat().st_size < len(failed):
                    continue
                data = path.read_bytes()
            except OSError:
                continue
            # utf-8-sig hands the bytes after a byte-order mark to the decoder
            if data in (failed, codecs.BOM_UTF8 + failed):
                return not_utf8(path, data)
    return None


def key_line(text: str, key: str, first_line: int = 1) -> int | None:
    """The line of a top-level `key:` in YAML text, for error messages."""
    for offset, line in enumerate(text.splitlines()):
        if line.startswith(f"{key}:"):
            return first_line + offset
    return None
