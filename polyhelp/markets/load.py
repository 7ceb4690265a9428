"""Load and validate the market data; every problem names the file, the line and the field."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from polyhelp.errors import DataError
from polyhelp.markets.schema import Announcement, Market, Regime
from polyhelp.project.config import Site
from polyhelp.project.yamlfile import SafeLoader, parse_yaml, read_text

MARKETS_FOLDER = "markets"
# "ends: 2026-11-01 is before starts": a check across fields names the field it blames.
BLAMED_FIELD = re.compile(r"^([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*): (.+)$", re.DOTALL)
REGIMES_FILE = "privacy-regimes.yml"
ANNOUNCEMENTS_FILE = "announcements.yml"


class MarketDataError(DataError):
    """The market data is wrong; carries every problem found, each with file and line."""

    def __init__(self, problems: list[DataError]):
        first = problems[0]
        super().__init__(first.message, first.path, first.line)
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(DataError.__str__(problem) for problem in self.problems)


@dataclass(frozen=True)
class MarketData:
    markets: dict[str, Market]  # by code ('at'), in file name order
    regimes: dict[str, Regime]
    announcements: tuple[Announcement, ...]

    def markets_for(self, locale: str) -> list[str]:
        """The market codes that offer `locale`."""
        return [code for code, market in self.markets.items() if locale in market.locales]


def load_market_data(site: Site) -> MarketData:
    """All market data of the site, validated against the schema and against the site."""
    folder = site.data_dir / MARKETS_FOLDER
    files = sorted(folder.glob("*.yml")) if folder.is_dir() else []
    regimes_path = site.data_dir / REGIMES_FILE
    announcements_path = site.data_dir / ANNOUNCEMENTS_FILE
    paths = [*files, regimes_path, announcements_path]
    stamps = tuple((str(path), _stamp(path)) for path in paths)
    english = site.docs_dir / site.default_locale
    return _load(site.locales, str(english), stamps)


def _stamp(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return -1


@lru_cache(maxsize=4)
def _load(locales: tuple[str, ...], english: str, stamps: tuple[tuple[str, int], ...]):
    *market_files, (regimes_file, _), (announcements_file, _) = stamps
    if not market_files:
        return MarketData({}, {}, ())  # a help center without per-market pages
    problems: list[DataError] = []
    markets: dict[str, Market] = {}
    sources: dict[str, _Source] = {}
    codes = [Path(name).stem for name, _ in market_files]  # invalid ones too: no echo errors
    for name, _ in market_files:
        source = _Source.read(Path(name))
        code = source.path.stem
        if not (len(code) == 2 and code.isalpha() and code.islower()):
            problems.append(
                DataError("name market files by a two-letter lowercase code, e.g. at.yml", name)
            )
            continue
        market = source.validate(Market, problems)
        if market is not None:
            markets[code] = market
            sources[code] = source
    regimes_source = _Source.read(Path(regimes_file))
    regimes = regimes_source.validate_mapping(Regime, problems)
    announcements_source = _Source.read(Path(announcements_file), optional=True)
    announcements = announcements_source.validate_list(Announcement, problems)
    for code, market in markets.items():
        _check_market(market, sources[code], locales, regimes, problems)
    for key, regime in regimes.items():
        _check_regime(key, regime, regimes_source, locales, Path(english), problems)
    for index, announcement in enumerate(announcements):
        _check_announcement(index, announcement, announcements_source, locales, codes, problems)
    if problems:
        raise MarketDataError(problems)
    return MarketData(markets, regimes, tuple(announcements))


def _check_market(
    market: Market, source: _Source, locales: tuple[str, ...], regimes: dict, problems: list
) -> None:
    for index, locale in enumerate(market.locales):
        if locale not in locales:
            problems.append(
                source.error(
                    ("locales", index),
                    f"locale '{locale}' is not built by this site; "
                    f"use one of {', '.join(locales)} or add it to mkdocs.yml",
                )
            )
    where = ("privacy", "authority", "name")
    name = market.privacy.authority.name
    _check_localized(source, where, name, locales, problems, english_required=False)
    if market.privacy.regime not in regimes:
        problems.append(
            source.error(
                ("privacy", "regime"),
                f"privacy regime '{market.privacy.regime}' has no privacy page: define it in "
                f"data/{REGIMES_FILE} (known: {', '.join(regimes) or 'none'})",
            )
        )


def _check_regime(
    key: str, regime: Regime, source: _Source, locales: tuple, english: Path, problems: list
) -> None:
    if not (english / regime.policy_page).is_file():
        problems.append(
            source.error(
                (key, "policy_page"),
                f"privacy page '{regime.policy_page}' does not exist under "
                f"{english.name}/; write it or point policy_page at an existing page",
            )
        )
    _check_localized(source, (key, "name"), regime.name, locales, problems)
    _check_localized(source, (key, "law"), regime.law, locales, problems, english_required=False)


def _check_announcement(
    index: int, item: Announcement, source: _Source, locales: tuple, markets: list, problems: list
) -> None:
    for position, code in enumerate(item.markets):
        if code not in markets:
            problems.append(
                source.error(
                    (index, "markets", position),
                    f"unknown market '{code}'; known: {', '.join(markets)}",
                )
            )
    _check_localized(source, (index, "text"), item.text, locales, problems)


def _check_localized(
    source: _Source,
    where: tuple,
    texts: str | dict,
    locales: tuple,
    problems: list,
    english_required: bool = True,
) -> None:
    if isinstance(texts, str):
        return
    for locale in texts:
        if locale not in locales:
            problems.append(
                source.error(
                    (*where, locale),
                    f"'{locale}' is not a locale of this site ({', '.join(locales)})",
                )
            )
    if english_required and locales[0] not in texts:
        problems.append(
            source.error(where, f"the {locales[0]} text is required (it is every other's fallback)")
        )


class _Source:
    """One YAML file: its parsed data and its node tree, to find the line of any field."""

    def __init__(self, path: Path, data: Any, root: yaml.Node | None):
        self.path = path
        self.data = data
        self.root = root

    @classmethod
    def read(cls, path: Path, optional: bool = False) -> _Source:
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
