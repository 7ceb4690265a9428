"""Load and validate the market data; every problem names the file, the line and the field."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from polyhelp.errors import DataError
from polyhelp.markets.schema import Announcement, Market, Regime
from polyhelp.markets.source import MarketDataError, YamlSource
from polyhelp.project.config import Site

MARKETS_FOLDER = "markets"
REGIMES_FILE = "privacy-regimes.yml"
ANNOUNCEMENTS_FILE = "announcements.yml"


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
    sources: dict[str, YamlSource] = {}
    codes = [Path(name).stem for name, _ in market_files]  # invalid ones too: no echo errors
    for name, _ in market_files:
        source = YamlSource.read(Path(name))
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
    regimes_source = YamlSource.read(Path(regimes_file))
    regimes = regimes_source.validate_mapping(Regime, problems)
    announcements_source = YamlSource.read(Path(announcements_file), optional=True)
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
    market: Market, source: YamlSource, locales: tuple[str, ...], regimes: dict, problems: list
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
    key: str, regime: Regime, source: YamlSource, locales: tuple, english: Path, problems: list
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
    index: int,
    item: Announcement,
    source: YamlSource,
    locales: tuple,
    markets: list,
    problems: list,
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
    source: YamlSource,
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
