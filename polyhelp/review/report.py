"""`polyhelp status` and the writers' status page: the same states, as text, JSON or HTML."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from urllib.parse import quote

from polyhelp.content.frontmatter import PAGE_TYPES
from polyhelp.errors import PolyhelpError
from polyhelp.project.catalog import page_path
from polyhelp.project.config import Site
from polyhelp.review.states import INTERFACE, STATES, PageState, totals

NOT_DONE = ("stale", "machine", "missing", "pseudo")


def _href(site: Site, page: PageState) -> str:
    """A page's link: its file name is the writers' input, quoted as a URL, escaped as HTML."""
    return escape(quote(f"../{site.url_prefix(page.locale)}{page_path(page.name)}"))


def _link(site: Site, page: PageState) -> str:
    if page.page_type == INTERFACE:  # a catalog in the repository, not a page of the site
        return f"<code>{escape(page.name)}</code>"
    return f'<a href="{_href(site, page)}">{escape(page.name)}</a>'


def as_table(states: list[PageState]) -> str:
    """Pages that need work, by locale and state, then the totals."""
    lines = []
    for summary in totals(states):
        counts = ", ".join(f"{summary.pages[state]} {state}" for state in STATES)
        lines.append(f"{summary.locale}: {summary.reviewed_percent:.1f}% reviewed ({counts})")
        for state in NOT_DONE:
            for page in states:
                if page.locale == summary.locale and page.state == state:
                    shown = (
                        page.name if page.page_type == INTERFACE else f"{page.locale}/{page.name}"
                    )
                    lines.append(f"  {state:<8} {shown} ({page.page_type}){_flag(page)}")
    return "\n".join(lines)


def _flag(page: PageState) -> str:
    return ", fails QA: the English page is shown" if page.fails_qa else ""


def as_json(states: list[PageState]) -> str:
    data = {
        "locales": {
            summary.locale: {
                "reviewed_percent": summary.reviewed_percent,
                "pages": summary.pages,
            }
            for summary in totals(states)
        },
        "pages": [
            {
                "locale": page.locale,
                "page": page.name,
                "state": page.state,
                "type": page.page_type,
                "words": page.words,
                "fails_qa": page.fails_qa,
            }
            for page in states
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def rule_problem(rule: str) -> str | None:
    """What is wrong with a --fail-on/--warn-on rule ("stale", "stale:legal"), or None.

    A typo must not match nothing and so switch a CI gate off without a word."""
    state, colon, page_type = rule.partition(":")
    if state not in STATES:
        return f"unknown state {state!r} in {rule!r}; states: {', '.join(STATES)}"
    if colon and page_type not in (*PAGE_TYPES, INTERFACE):
        types = ", ".join((*PAGE_TYPES, INTERFACE))
        return f"unknown page type {page_type!r} in {rule!r}; page types: {types}"
    return None


def check_rules(
    rules: list[str],
    where: str,
    path: Path | None = None,
    error: type[PolyhelpError] = PolyhelpError,
) -> list[str]:
    """`rules`, if each is a known state or state:type; else PolyhelpError naming `where`
    (the option or the setting) and the file it came from."""
    for rule in rules:
        problem = rule_problem(rule)
        if problem:
            raise error(f"{where}: {problem} (e.g. stale,pseudo or stale:legal)", path)
    return rules


def offending(states: list[PageState], rules: list[str]) -> list[PageState]:
    """Pages matching any rule: a state ("stale") or a state of one page type ("stale:legal")."""
    matched = []
    for page in states:
        for rule in rules:
            state, _, page_type = rule.partition(":")
            if page.state == state and (not page_type or page.page_type == page_type):
                matched.append(page)
                break
    return matched


def status_page_html(site: Site, states: list[PageState], favicon: str = "") -> str:
    """A plain page for writers: not for customers, search engines or the site search.

    `favicon`: the site's icon, as a URL relative to the status page."""
    sections = []
    for summary in totals(states):
        items = []
        for state in NOT_DONE:
            pages = [p for p in states if p.locale == summary.locale and p.state == state]
            if not pages:
                continue
            links = "".join(
                f"<li>{_link(site, p)} ({escape(p.page_type)}){escape(_flag(p))}</li>"
                for p in pages
            )
            items.append(f"<h3>{state} ({len(pages)})</h3><ul>{links}</ul>")
        body = "".join(items) or "<p>Every page is reviewed.</p>"
        language = escape(site.locale_names.get(summary.locale, summary.locale))
        sections.append(
            f'<section lang="en"><h2>{language} ({summary.locale}): '
            f"{summary.reviewed_percent:.1f}% reviewed</h2>{body}</section>"
        )
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta name="robots" content="noindex, nofollow">'
        "<title>Translation status</title>"
        + (f'<link rel="icon" href="{escape(favicon)}">' if favicon else "")
        + "<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;"
        "padding:0 1rem;line-height:1.5}a{color:#00695c}</style></head><body><main>"
        "<h1>Translation status</h1><p>For writers and reviewers. Generated by "
        "<code>polyhelp build</code> from the same data as <code>polyhelp status</code>.</p>"
        + "".join(sections)
        + "</main></body></html>\n"
    )
