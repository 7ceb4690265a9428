"""The shop's own policies (data/policies.yml): the facts that hold for every customer.

How long a return window is, when a refund is processed, how long a password link works:
stated once here and written on pages as `{{ policies.<group>.<fact> }}`, formatted in the
page's language by Babel (CLDR's plural forms; "working days" from polyhelp.markets.labels).
Facts that depend on the market (cut-off times, support hours, duties) are market data,
not policies. A help center without data/policies.yml has no `policies` placeholders.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, RootModel

from polyhelp.errors import DataError
from polyhelp.locales.digits import number
from polyhelp.markets.formatting import duration as calendar_duration
from polyhelp.markets.labels import label
from polyhelp.markets.schema import Strict
from polyhelp.markets.source import MarketDataError, YamlSource

POLICIES_FILE = "policies.yml"
UNITS = ("minutes", "hours", "days", "working_days", "weeks", "months", "years")
# A group or fact name is also a placeholder's name: lowercase words joined by "_".
Name = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


class Duration(Strict):
    """`{amount: 30, unit: days}`: '30 days', '30 jours', '30 Tage', '30 días'.

    A duration the law sets carries its `source`, one citation per locale in that
    locale's form ("§ 147 AO", « art. 147 AO »), written on pages as `<fact>_source`.
    """

    amount: int = Field(ge=1)
    unit: Literal[UNITS]
    source: dict[Name, Annotated[str, Field(min_length=3)]] | None = None


class Policies(RootModel[dict[Name, dict[Name, Duration]]]):
    """Groups of facts: `returns: {window: {amount: 30, unit: days}}`."""


def policy_values(data_dir: Path, language: str) -> dict[str, dict[str, str]] | None:
    """Every fact of data/policies.yml as the text a page in `language` shows; None when
    the help center has no such file. Bad data is a MarketDataError naming file and line."""
    path = Path(data_dir) / POLICIES_FILE
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        return None
    return {group: dict(facts) for group, facts in _values(str(path), stamp, language)}


@lru_cache(maxsize=64)
def _values(path: str, stamp: int, language: str) -> tuple:
    policies = load_policies(path, stamp)
    return tuple((group, tuple(_texts(facts, language))) for group, facts in policies.root.items())


def _texts(facts: dict[str, Duration], language: str):
    for name, fact in facts.items():
        yield name, duration(fact, language)
        if fact.source:
            # A locale without its own citation shows the English one, never a gap.
            yield f"{name}_source", fact.source.get(language) or fact.source.get("en", "")


@lru_cache(maxsize=4)
def load_policies(path: str, _stamp: int) -> Policies:
    problems: list[DataError] = []
    policies = YamlSource.read(Path(path)).validate(Policies, problems)
    if problems:
        raise MarketDataError(problems)
    return policies


def duration(fact: Duration, language: str) -> str:
    """A duration in words; working days are not a CLDR unit, so their words are labels."""
    if fact.unit != "working_days":
        return calendar_duration(fact.amount, fact.unit, language)
    return label(language, "working_days", fact.amount, n=number(fact.amount, language))
