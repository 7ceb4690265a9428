"""Translation QA: what a translated page must keep from its English source.

Numbers, link targets, placeholders, code, HTML, glossary terms, names and the page's
structure are compared with the English. When both pages cut into the same segments
(same kinds, same order), each translated segment is compared with its English segment;
otherwise the pages are compared as wholes, because a translation written independently
may merge, split or reorder paragraphs.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from polyhelp.glossary import TranslationSettings
from polyhelp.segment import MARKDOWN, Document, Segment, segment

ITEM_CHECKS = ("numbers", "links", "placeholders", "code", "html")
UNTRANSLATED_MIN_WORDS = 5  # "longer than 4 words": shorter segments are often names or labels

_PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.S)
# Bare URLs, e-mail addresses, footnote references and attribute lists: their digits are
# addresses and identifiers, not numbers a reader reads.
_NOT_PROSE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+|\[\^[^\]\s]+\]|\{[:#.][^}\n]*\}")
_SPACE = "[ \u00a0\u202f]"
# Only "14:00" and "14 h 00" (also "14h00") are times: "14.00" is as likely a decimal.
_TIME = re.compile(rf"(?<![\w:.,])(\d{{1,2}})(?::|{_SPACE}?h{_SPACE}?)(\d{{2}})(?![\w:])")
# 28.06.2025 is three numbers, so that it matches "28 June 2025"; not one decimal.
_DOTTED_DATE = re.compile(r"(?<![\w.,])(\d{1,2})\.(\d{1,2})\.(\d{2,4})(?![\w]|[.,]\d)")
# A digit run touching a letter is part of a word: "2FA", "H2", ordinals such as "1st"
# (written "1er" or "1." elsewhere). A hyphen is no letter, so the order number in
# "NH-20481736" counts, as do "14-day" and "3-D Secure". Space and apostrophe only group
# thousands ("1 000", "1'000"); "." and "," group thousands when exactly three digits follow
# and are the decimal mark otherwise, so "1,000" == "1.000" and "4.90" == "4,90".
_NUMBER = re.compile(
    rf"(?<![^\W_])\d+(?:(?:[.,]|(?:{_SPACE}|['’])(?=\d{{3}}(?!\d)))\d+)*(?![^\W_])"
)
_GROUPS = re.compile(r"[.,'’ \u00a0\u202f]")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_WORD = re.compile(r"[^\W\d_]+")

# How each locale writes 12345.50 and 14:00, for the examples in messages only: the
# comparison accepts every spelling in every locale.
_LOCALE_STYLE = {
    "en": (",", ".", "{hour}:{minute}"),
    "fr": ("\u202f", ",", "{hour} h {minute}"),
    "de": (".", ",", "{hour}:{minute}"),
    "es": (".", ",", "{hour}:{minute}"),
}
_DEFAULT_STYLE = (".", ",", "{hour}:{minute}")
_ADVICE = {
    "links": ("link target", "keep the English link targets (only link text is translated)"),
    "placeholders": ("placeholder", "copy placeholders unchanged"),
    "code": ("code", "copy code unchanged"),
    "html": ("HTML tag", "copy HTML tags unchanged"),
}
_STRUCTURE = {
    "headings": ("heading_open",),
    "list items": ("list_item_open",),
    "table rows": ("tr_open",),
    "code blocks": ("fence", "code_block"),
}


@dataclass(frozen=True)
class Finding:
    path: Path  # the translated file
    line: int  # 1-based line in the translated file
    severity: str  # "error" | "warning"
    check: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message} [{self.check}]"


@dataclass(frozen=True)
class _Item:
    """Something a translation must keep: `key` is compared, `shown` goes into messages."""

    check: str
    key: str
    shown: str
    line: int


@dataclass(frozen=True)
class _Part:
    """A segment, or a whole page: its line, the words a reader reads, and its items."""

    line: int
    prose: str  # no code, link targets, HTML, placeholders or URLs
    items: tuple[_Item, ...]


def check_page(
    english_text: str,
    translated_text: str,
    locale: str,
    translated_path: Path,
    settings: TranslationSettings | None = None,
) -> list[Finding]:
    """Compare a translated page with its English source; findings sorted by line.

    Without `settings`, glossary and do-not-translate terms are not checked.
    """
    path = Path(translated_path)
    english, translated = segment(english_text, "<english>"), segment(translated_text, path)
    english_tokens, translated_tokens = (
        MARKDOWN.parse(english_text),
        MARKDOWN.parse(translated_text),
    )
    settings = settings or TranslationSettings()
    terms, names = settings.terms_for(locale), settings.do_not_translate
    findings: list[Finding] = []
    if [s.kind for s in english.segments] == [s.kind for s in translated.segments]:
        for english_segment, translated_segment in zip(
            english.segments, translated.segments, strict=True
        ):
            source, target = _part(english_segment, english), _part(translated_segment, translated)
            where = (target.line, "")
            findings += _compare_items(source.items, target.items, where, locale, path)
            findings += _compare_terms(source, target, terms, names, where, "error", path)
            findings += _untranslated(english_segment, translated_segment, target, names, path)
    else:
        source, target = _page_part(english), _page_part(translated)
        findings += _compare_items(source.items, target.items, None, locale, path)
        findings += _compare_terms(source, target, terms, names, None, "warning", path)
    english_blocks, translated_blocks = (
        _block_items(english_tokens),
        _block_items(translated_tokens),
    )
    findings += _compare_items(english_blocks, translated_blocks, None, locale, path)
    findings += _compare_structure(english_tokens, translated_tokens, path)
    return sorted(findings, key=lambda finding: finding.line)


def _part(seg: Segment, document: Document) -> _Part:
    texts: list[str] = []
    items: list[_Item] = []
    if seg.kind == "meta":
        texts.append(seg.source)
    else:
        env = {"references": document.references}
        children = MARKDOWN.parseInline(seg.source, env)[0].children or []
        _walk_inline(children, seg.line, texts, items)
    prose = "".join(texts)
    for match in _PLACEHOLDER.finditer(prose):
        shown = "{{ " + " ".join(match.group(1).split()) + " }}"
        items.append(_Item("placeholders", shown, shown, seg.line))
    prose = _NOT_PROSE.sub(" ", _PLACEHOLDER.sub(" ", prose))
    items += _numbers(prose, seg.line)
    return _Part(seg.line, prose, tuple(items))


def _walk_inline(tokens, line: int, texts: list[str], items: list[_Item]) -> None:
    in_autolink = False
    for token in tokens:
        if token.type == "text" and not in_autolink:
            texts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            texts.append("\n")
        elif token.type == "code_inline":
            texts.append(" ")  # "4 `x` 5" is two numbers, not 45
            items.append(_Item("code", token.content, f"`{token.content}`", line))
        elif token.type == "html_inline":
            items += _html_items(token.content, line)
        elif token.type == "link_open":
            in_autolink = token.markup == "autolink"
            items.append(_Item("links", token.attrGet("href"), token.attrGet("href"), line))
        elif token.type == "link_close":
            in_autolink = False
        elif token.type == "image":
            items.append(_Item("links", token.attrGet("src"), token.attrGet("src"), line))
            _walk_inline(token.children or [], line, texts, items)


def _page_part(document: Document) -> _Part:
    parts = [_part(seg, document) for seg in document.segments]
    items = tuple(item for part in parts for item in part.items)
    return _Part(1, "\n".join(part.prose for part in parts), items)


def _numbers(prose: str, line: int) -> list[_Item]:
    items = []
    for match in _TIME.finditer(prose):
        time = f"{int(match.group(1))}:{match.group(2)}"
        items.append(_Item("numbers", time, time, line))
    rest = _DOTTED_DATE.sub(r"\1 \2 \3", _TIME.sub(" ", prose))
    for match in _NUMBER.finditer(rest):
        written = _plain_number(match.group(0))
        key = format(Decimal(written).normalize(), "f")
        items.append(_Item("numbers", key, written, line))
    return items


def _plain_number(written: str) -> str:
    """ "1,000" -> "1000", "4,90" -> "4.90": the last "." or "," is the decimal mark unless
    exactly three digits follow it."""
    marks = list(_GROUPS.finditer(written))
    last = marks[-1] if marks else None
    decimal_at = -1
    if last and last.group(0) in ".," and len(written) - last.end() != 3:
        decimal_at = last.start()
    digits = "".join(
        c if c.isdigit() else "." if i == decimal_at else "" for i, c in enumerate(written)
    )
    return digits


def _html_items(html: str, line: int) -> list[_Item]:
    tags = (" ".join(match.group(0).split()) for match in _HTML_TAG.finditer(html))
    return [_Item("html", tag, tag, line) for tag in tags]


def _block_items(tokens) -> list[_Item]:
    """Code blocks and HTML blocks: outside every segment, so compared page by page."""
    items: list[_Item] = []
    for token in tokens:
        line = token.map[0] + 1 if token.map else 1
        if token.type in ("fence", "code_block"):
            first_line = token.content.strip().split("\n")[0]
            items.append(_Item("code", token.content, f"block '{first_line[:40]}'", line))
        elif token.type == "html_block":
            items += _html_items(token.content, line)
    return items


def _compare_items(english, translated, where, locale: str, path: Path) -> list[Finding]:
    """Same multiset of items on both sides; extra numbers are fine (a translation may
    spell out what the English implies, e.g. "24 h/24").

    `where` is (line, "") for aligned segments; None at page level, where a missing item
    is reported on line 1 with the English line, and an extra one where it is written.
    """
    findings = []
    english_counts = Counter((item.check, item.key) for item in english)
    translated_counts = Counter((item.check, item.key) for item in translated)
    first_english = {}
    for item in english:
        first_english.setdefault((item.check, item.key), item)
    for key, expected in english_counts.items():
        found = translated_counts[key]
        if found >= expected:
            continue
        item = first_english[key]
        line, place = where or (1, f" (English line {item.line})")
        count = (
            "of the English is missing"
            if not found
            else (f"appears {expected} times in the English but {found} here")
        )
        if item.check == "numbers":
            example = _locale_example(item.shown, locale)
            noun = "time" if ":" in item.key else "number"
            advice = f"write it as the locale does, e.g. {example}"
            message = f"{noun} {item.shown} {count}{place} ({advice})"
        else:
            label, advice = _ADVICE[item.check]
            message = f"{label} {item.shown} {count}{place}; {advice}"
        findings.append(Finding(path, line, "error", item.check, message))
    first_translated = {}
    for item in translated:
        first_translated.setdefault((item.check, item.key), item)
    for key, found in translated_counts.items():
        expected = english_counts[key]
        if found <= expected or key[0] == "numbers":
            continue
        item = first_translated[key]
        label, advice = _ADVICE[item.check]
        count = (
            "is not in the English"
            if not expected
            else (f"appears {found} times here but {expected} in the English")
        )
        line = where[0] if where else item.line
        findings.append(
            Finding(path, line, "error", item.check, f"{label} {item.shown} {count}; {advice}")
        )
    return findings


def _locale_example(plain: str, locale: str) -> str:
    thousands, decimal_mark, time_format = _LOCALE_STYLE.get(locale, _DEFAULT_STYLE)
    if ":" in plain:
        hour, minute = plain.split(":")
        return time_format.format(hour=hour, minute=minute)
    whole, _, fraction = plain.partition(".")
    if len(whole) > 4:  # four-digit numbers are usually years, written without a separator
        whole = f"{int(whole):,}".replace(",", thousands)
    return f"{whole}{decimal_mark}{fraction}" if fraction else whole


def _compare_terms(source: _Part, target: _Part, terms, names, where, severity, path):
    findings = []
    line, place = where or (1, f" (English line {_first_line_of(source)})")
    for english_term, locale_term in terms.items():
        # English plurals count: "refunds" is the term "refund".
        if re.search(rf"\b{re.escape(english_term)}(?:s|es)?\b", source.prose, re.I):
            # Each word of the locale's term may take an ending: "remboursements",
            # "números de pedido", "Werktagen"; German compounds contain the term.
            words = [re.escape(word) + r"\w*" for word in locale_term.split()]
            if not re.search(r"\s+".join(words), target.prose, re.I):
                message = (
                    f"English term '{english_term}'{place} is not translated as the glossary "
                    f"says; use '{locale_term}'"
                )
                findings.append(Finding(path, line, severity, "glossary", message))
    for name in names:
        pattern = rf"(?<!\w){re.escape(name)}(?!\w)"
        if re.search(pattern, source.prose) and not re.search(pattern, target.prose):
            message = f"name '{name}'{place} is missing; names stay exactly as written in English"
            findings.append(Finding(path, line, "error", "do-not-translate", message))
    return findings


def _first_line_of(part: _Part) -> int:
    # A page's prose has no lines of its own; its first item's line is close enough.
    return part.items[0].line if part.items else part.line


def _untranslated(english: Segment, translated: Segment, target: _Part, names, path):
    if english.source.strip() != translated.source.strip():
        return []
    prose = target.prose
    for name in names:
        prose = prose.replace(name, " ")
    if len(_WORD.findall(prose)) < UNTRANSLATED_MIN_WORDS:
        return []
    message = "text is identical to the English; translate it"
    return [Finding(path, translated.line, "warning", "untranslated", message)]


def _compare_structure(english_tokens, translated_tokens, path: Path) -> list[Finding]:
    findings = []
    for what, types in _STRUCTURE.items():
        expected = sum(token.type in types for token in english_tokens)
        found = sum(token.type in types for token in translated_tokens)
        if expected != found:
            message = (
                f"{expected} {what} in the English but {found} here; "
                "keep the English page's structure"
            )
            findings.append(Finding(path, 1, "error", "structure", message))
    return findings
