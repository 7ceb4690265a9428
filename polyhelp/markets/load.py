"""Load and validate the market data; every problem names the file, the line and the field."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel

from polyhelp.errors import DataError
from polyhelp.markets.schema import Announcement, Market, Regime, citation_example
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
        shown = [
            locale
            for market in markets.values()
            if market.privacy.regime == key
            for locale in market.locales
        ]
        _check_regime_languages(key, regime, regimes_source, list(dict.fromkeys(shown)), problems)
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
    _check_covers(source, where, name, market.locales, problems)
    for index, option in enumerate(market.shipping.options):
        where = ("shipping", "options", index, "carrier")
        _check_localized(source, where, option.carrier, locales, problems, english_required=False)
        _check_covers(source, where, option.carrier, market.locales, problems)
    for where, citation in citations(market):
        if isinstance(citation, str):
            if len(market.locales) > 1:
                problems.append(
                    source.error(
                        where,
                        f"one citation per locale: this market shows {', '.join(market.locales)}; "
                        f"write e.g. source: {citation_example(market.locales)}",
                    )
                )
            continue
        _check_localized(source, where, citation, locales, problems, english_required=False)
        for locale in market.locales:
            if locale not in citation:
                problems.append(
                    source.error(
                        where,
                        f"no citation for '{locale}', a locale this market shows; give one per "
                        f"locale in its form, e.g. source: {citation_example(market.locales)}",
                    )
                )
    regime = regimes.get(market.privacy.regime)
    link = market.privacy.do_not_sell_link
    opt_out = regime is not None and any(r.right == "opt_out_sale_sharing" for r in regime.rights)
    if opt_out and link.sells_or_shares is None:
        problems.append(
            source.error(
                ("privacy", "do_not_sell_link"),
                "sells_or_shares: required under a regime with a right to opt out of the sale "
                "or sharing of personal information; write sells_or_shares: false (or true)",
            )
        )
    if link.sells_or_shares and opt_out and not link.required:
        problems.append(
            source.error(
                ("privacy", "do_not_sell_link", "required"),
                "a shop that sells or shares personal information must show the link "
                "(Cal. Civ. Code § 1798.135(a)); write required: true",
            )
        )
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


def citations(model: BaseModel, where: tuple = ()) -> Iterator[tuple[tuple, str | dict]]:
    """(location, citation) of every legal `source` in a market's data."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name == "source":
            yield (*where, name), value
        elif isinstance(value, BaseModel):
            yield from citations(value, (*where, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from citations(item, (*where, name, index))


def _check_covers(
    source: YamlSource, where: tuple, texts: str | dict, shown: list, problems: list
) -> None:
    """A text given per locale has one for every locale that shows it."""
    if isinstance(texts, str):
        return
    for locale in shown:
        if locale not in texts:
            example = ", ".join(f"{each}: ..." for each in shown)
            problems.append(
                source.error(
                    where,
                    f"no text for '{locale}', a locale that shows it; give one per locale "
                    f"({{{example}}}) or a single text for all",
                )
            )


def _check_regime_languages(
    key: str, regime: Regime, source: YamlSource, shown: list, problems: list
) -> None:
    """Every locale of every market using the regime can cite its rights and name it."""
    for locale in shown:
        if locale not in regime.cite:
            pattern = citation_example([locale]).replace("15", "{article}")
            problems.append(
                source.error(
                    (key, "cite"),
                    f"no citation form for '{locale}', which a market using this regime shows; "
                    f"add e.g. cite: {pattern}",
                )
            )
        if locale not in regime.name:
            problems.append(
                source.error(
                    (key, "name"),
                    f"no name in '{locale}', which a market using this regime shows",
                )
            )
    _check_covers(source, (key, "law"), regime.law, shown, problems)
    if regime.scope:
        _check_covers(
            source, (key, "scope", "residents_of"), regime.scope.residents_of, shown, problems
        )
    for index, right in enumerate(regime.rights):
        where = (key, "rights", index, "article")
        _check_covers(source, where, right.article, shown, problems)


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
