"""Facts typed by hand: a value the data defines, written literally in a page.

A page that types "30 days" where data/policies.yml says the return window is 30 days, or
the support e-mail address or phone number from data/shop.yml or a market's data, drifts
the day the data changes, in every language separately. Each such literal is an error
naming the placeholder to write instead. Code (fenced or inline) and placeholders are not
prose and are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

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


def literal_facts(site: Site) -> list[Finding]:
    """Every literal fact in every page of every locale, as errors with file and line."""
    findings = []
    for locale in site.locales:
        patterns = [(fact, _pattern(fact.written)) for fact in facts_for(site, locale)]
        for name in sorted(page_names(site, locale)):
            path = site.docs_dir / locale / name
            findings += _in_page(path, patterns)
    return findings


def _in_page(path: Path, patterns) -> list[Finding]:
    findings = []
    for seg in segment(path.read_text(encoding="utf-8-sig"), path).segments:
        prose = _EMPHASIS.sub("", _PLACEHOLDER.sub(" ", _CODE.sub(" ", seg.source)))
        for fact, pattern in patterns:
            if pattern.search(prose):
                prose = pattern.sub(" ", prose)  # "60 minutes" inside a longer fact once
                findings.append(
                    Finding(
                        path,
                        seg.line,
                        "error",
                        "literal-fact",
                        f"'{fact.written}' is typed by hand but comes from data; write the "
                        f"placeholder of the fact it states: {' or '.join(fact.placeholders)}",
                    )
                )
    return findings
