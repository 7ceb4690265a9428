"""A YAML data file read with its node tree, so every problem names its file, line and field."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from polyhelp.errors import DataError
from polyhelp.project.yamlfile import SafeLoader, parse_yaml, read_text

# "ends: 2026-11-01 is before starts": a check across fields names the field it blames.
BLAMED_FIELD = re.compile(r"^([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*): (.+)$", re.DOTALL)


class MarketDataError(DataError):
    """The market data is wrong; carries every problem found, each with file and line."""

    def __init__(self, problems: list[DataError]):
        first = problems[0]
        super().__init__(first.message, first.path, first.line)
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(DataError.__str__(problem) for problem in self.problems)


class YamlSource:
    """One YAML file: its parsed data and its node tree, to find the line of any field."""

    def __init__(self, path: Path, data: Any, root: yaml.Node | None):
        self.path = path
        self.data = data
        self.root = root

    @classmethod
    def read(cls, path: Path, optional: bool = False) -> YamlSource:
        try:
            text = read_text(path)
        except FileNotFoundError:
            if optional:
                return cls(path, [], None)
            raise DataError("not found", path) from None
        data = parse_yaml(text, path, DataError)
        return cls(path, data, yaml.compose(text, Loader=SafeLoader))

    def line(self, location: tuple) -> int | None:
        """The line of the deepest node on `location` that exists (a missing key: its parent)."""
        if self.root is None:
            return None
        node, line = self.root, self.root.start_mark.line + 1
        for part in location:
            found = _child(node, part)
            if found is None:
                break
            marker, node = found
            line = marker.start_mark.line + 1
        return line

    def error(self, location: tuple, message: str) -> DataError:
        return DataError(f"{_field(location)}: {message}", self.path, self.line(location))

    def validate(self, model: type[BaseModel], problems: list, where: tuple = (), data=None):
        try:
            return model.model_validate(self.data if data is None else data)
        except ValidationError as error:
            for item in error.errors():
                location = (*where, *_drop_tags(item["loc"]))
                message = _explain(item)
                blamed = BLAMED_FIELD.match(message) if item["type"] == "value_error" else None
                if blamed:
                    location = (*location, *blamed.group(1).split("."))
                    message = blamed.group(2)
                problems.append(self.error(location, message))
            return None

    def validate_mapping(self, model: type[BaseModel], problems: list) -> dict:
        if not isinstance(self.data, dict):
            problems.append(DataError("must be a mapping of keys to entries", self.path, 1))
            return {}
        valid = {}
        for key, value in self.data.items():
            item = self.validate(model, problems, (key,), value if value is not None else {})
            if item is not None:
                valid[str(key)] = item
        return valid

    def validate_list(self, model: type[BaseModel], problems: list) -> list:
        if self.data is None:
            return []
        if not isinstance(self.data, list):
            problems.append(DataError("must be a list of entries ('- id: ...')", self.path, 1))
            return []
        valid = []
        for index, value in enumerate(self.data):
            item = self.validate(model, problems, (index,), value if value is not None else {})
            if item is not None:
                valid.append(item)
        return valid


def _child(node: yaml.Node, part: Any) -> tuple[yaml.Node, yaml.Node] | None:
    """(the node whose line names `part`, the node of its value) under `node`."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if str(key.value) == str(part):
                return key, value  # a mapping entry is reported on its key's line
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return node.value[part], node.value[part]
    return None


def _drop_tags(location: tuple) -> tuple:
    # pydantic adds a union member or an Annotated step ('function-after[...]') to the path.
    return tuple(part for part in location if not (isinstance(part, str) and "[" in part))


def _field(location: tuple) -> str:
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(file)"


def _explain(item: dict) -> str:
    kind, message = item["type"], item["msg"]
    if kind == "extra_forbidden":
        return "unknown key; check its spelling and indentation (see polyhelp/markets/schema.py)"
    if kind == "missing":
        return "required, but missing"
    if kind == "value_error":
        return message.removeprefix("Value error, ")
    if kind == "literal_error":
        return message.replace("Input should be", "expected")
    return message.replace("Input should be", "expected a value that is").replace("Input", "value")
