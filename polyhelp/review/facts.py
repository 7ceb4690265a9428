"""Facts typed by hand: a duration, amount, clock time, phone number or e-mail address
written literally in a page.

A page that types "30 days" where data/policies.yml says the return window is 30 days, or
the support e-mail address or phone number from data/shop.yml or a market's data, drifts
the day the data changes, in every language separately. A literal that equals a value the
data defines is an error naming the placeholder to write instead; one that does not (it
contradicts the data, or states a fact the data lacks) is an error asking for the fact to
go into data. Code (fenced or inline), link targets and placeholders are not prose and are
skipped. The words of durations come from CLDR for the page's language, so a new locale
is checked without a list of its words here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.numbers import get_currency_symbol
from babel.units import format_unit

from polyhelp.markets.labels import label
from polyhelp.markets.load import load_market_data
from polyhelp.markets.policies import policy_values
from polyhelp.project.catalog import page_names
from polyhelp.project.config import Site
from polyhelp.project.shop import is_email_key, is_phone_key, load_shop
from polyhelp.review.qa import Finding
from polyhelp.translation.segment import segment

_CODE = re.compile(r"`+[^`]*`+")
_PLACEHOLDER = re.compile(r"\{\{.*?\}\}")
_EMPHASIS = re.compile(r"[*_]+")
# Not prose: link targets, autolinks and bare URLs, attribute lists, XML tags of segments.
_NOT_PROSE = re.compile(r"\]\([^)]*\)|<[^>\s]+>|https?://\S+|\{:[^}]*\}")
_SPACE = r"[\s\u00a0\u202f]"
_NUMBER = r"(?<![\w.,])\d+(?:[.,]\d+)?"
_CLOCK = re.compile(
    r"(?<![\w.:])(?:[01]?\d|2[0-3])(?::[0-5]\d(?:"
    + _SPACE
    + r"?[ap]\.?m\.?)?|"
    + _SPACE
    + r"?h"
    + _SPACE
    + r"?[0-5]\d|"
    + _SPACE
    + r"?[ap]\.m\.|"
    + _SPACE
    + r"?[AP]M\b)",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?<![\w+])\+\d{1,3}(?:[\s\u00a0\-]?\d){6,14}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
UNITS = ("minute", "hour", "day", "week", "month", "year")
CURRENCIES = ("EUR", "GBP", "CHF", "USD", "CAD", "MXN")


@dataclass(frozen=True)
class Fact:
    written: str  # the value as the data formats it for the page's language
    placeholders: tuple[str, ...]  # what to write instead: every fact with this value


def facts_for(site: Site, locale: str) -> list[Fact]:
    """The values pages in `locale` must take from data, longest first."""
    found: dict[str, list[str]] = {}
    for group, values in (policy_values(site.data_dir, locale) or {}).items():
        for name, text in values.items():
            found.setdefault(text, []).append(f"{{{{ policies.{group}.{name} }}}}")
    for key, value in load_shop(site.data_dir).items():
        if is_email_key(key) or is_phone_key(key):
            found.setdefault(value, []).append(f"{{{{ shop.{key} }}}}")
    for code, market in load_market_data(site).markets.items():
        if market.support.phone:
            found.setdefault(market.support.phone, []).append(
                f"{{{{ market.support.phone }}}} on the {code} market's pages"
            )
    facts = [Fact(written, tuple(names)) for written, names in found.items()]
    return sorted(facts, key=lambda fact: -len(fact.written))


def _pattern(written: str) -> re.Pattern[str]:
    # Any space may be a no-break space, and a number must not be part of a longer one.
    parts = [re.escape(part) for part in re.split(r"[\s\u00a0\u202f]+", written)]
    return re.compile(r"(?<![\w.,])" + r"[\s\u00a0\u202f]+".join(parts) + r"(?![\w])")


@cache
def kinds(language: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """What a literal fact looks like in `language`: (kind, pattern), durations first."""
    words = set()
    for unit in UNITS:
        for count in (1, 2, 5, 21):
            text = format_unit(count, f"duration-{unit}", length="long", locale=language)
            words.update(word for word in re.split(r"[\s\d\u00a0\u202f.,]+", text) if word)
    # Working days are no CLDR unit: their words are the policies' ("Werktage").
    for count in (1, 5):
        text = label(language, "working_days", count, n="5")
        words.update(word for word in re.split(r"[\s\d\u00a0\u202f.,]+", text) if word)
    # CLDR's forms are the nominative; German writes "innerhalb von 30 Tagen" (dative).
    forms = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    duration = re.compile(
        _NUMBER + _SPACE + r"+(?:\w+" + _SPACE + r"+)?(?:" + forms + r")(?:e?n)?(?!\w)",
        re.IGNORECASE,
    )
    symbols = {get_currency_symbol(code, locale=language) for code in CURRENCIES} | set(CURRENCIES)
    symbol = "|".join(map(re.escape, sorted(symbols, key=len, reverse=True)))
    money = re.compile(
        rf"(?:(?<!\w)(?:{symbol}){_SPACE}?\d(?:[\d.,]*\d)?|\d(?:[\d.,]*\d)?{_SPACE}?(?:{symbol})(?!\w))"
    )
    return (
        ("an e-mail address", _EMAIL),
        ("a phone number", _PHONE),
        ("an amount of money", money),
        ("a clock time", _CLOCK),
        ("a duration", duration),
    )


def literal_facts(site: Site) -> list[Finding]:
    """Every literal fact in every page of every locale, as errors with file and line."""
    findings = []
    for locale in site.locales:
        patterns = [(fact, _pattern(fact.written)) for fact in facts_for(site, locale)]
        for name in sorted(page_names(site, locale)):
            path = site.docs_dir / locale / name
            findings += _in_page(path, patterns, locale)
    return findings


def _in_page(path: Path, patterns, language: str) -> list[Finding]:
    findings = []
    for seg in segment(path.read_text(encoding="utf-8-sig"), path).segments:
        prose = _NOT_PROSE.sub(" ", _CODE.sub(" ", seg.source))
        prose = _EMPHASIS.sub("", _PLACEHOLDER.sub(" ", prose))
        for fact, pattern in patterns:
            if pattern.search(prose):
                prose = pattern.sub(" ", prose)  # "60 minutes" inside a longer fact once
                findings.append(
                    _finding(
                        path,
                        seg.line,
                        f"'{fact.written}' is typed by hand but comes from data; write the "
                        f"placeholder of the fact it states: {' or '.join(fact.placeholders)}",
                    )
                )
        for kind, pattern in kinds(language):
            for match in pattern.finditer(prose):
                findings.append(
                    _finding(
                        path,
                        seg.line,
                        f"'{match.group(0).strip()}' is {kind} typed by hand, which the data does "
                        "not define as written; state the fact once in data/policies.yml, "
                        "data/shop.yml or data/markets/ and write its placeholder here "
                        "(a code example goes in `backticks`)",
                    )
                )
            prose = pattern.sub(" ", prose)
    return findings


def _finding(path: Path, line: int, message: str) -> Finding:
    return Finding(path, line, "error", "literal-fact", message)
