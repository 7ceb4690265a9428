"""Translation QA: what a translated page must keep from its English source.

Numbers, link targets, placeholders, code, HTML, glossary terms, names and the page's
structure are compared with the English. When both pages cut into the same segments (same
kinds, same order, mostly the same items), each translated segment is compared with its
English segment; otherwise the pages are compared as wholes, because a translation written
independently may merge, split or reorder paragraphs. Code blocks, HTML blocks and the
structure are always compared page by page.

Every finding is an error. Each names its rule, segment (the English segment's key, or
"page") and value apart from its line and wording, so that a reviewer can accept that one
finding and no other (`polyhelp.review.gate`).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from polyhelp.errors import relative_to_cwd
from polyhelp.translation.glossary import TranslationSettings
from polyhelp.translation.segment import MARKDOWN, Document, Segment, segment

# Pages whose segments line up may still differ in one segment pair in five (and always in
# one) that holds numbers, links, code...: a translation with a mistake still lines up with
# its English; a rewrite with as many paragraphs does not.
MISMATCHED_SHARE = 0.2
UNTRANSLATED_MIN_WORDS = 5  # "longer than 4 words": shorter segments are often names or labels
PAGE = "page"  # the segment of a finding about the page as a whole

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
    severity: str  # "error" | "accepted" (a reviewer accepted this exact finding)
    check: str
    message: str
    # Where and what, independent of line numbers, so that a reviewer's acceptance names
    # exactly this finding: the English segment's key (PAGE for page-level comparisons)...
    segment: str = PAGE
    # ...and the value concerned, with its count: "privacy.md (1 of 2)", "45 (missing)".
    value: str = ""

    @property
    def identity(self) -> tuple[str, str, str]:
        """What an accepted finding records: rule, segment and value (no line, no wording)."""
        return self.check, self.segment, self.value

    def __str__(self) -> str:
        shown = relative_to_cwd(self.path)
        return f"{shown}:{self.line}: {self.severity}: {self.message} [{self.check}]"


@dataclass(frozen=True)
class _Item:
    """Something a translation must keep: `key` is compared, `shown` goes into messages."""

    check: str
    key: str
    shown: str
    line: int

    @property
    def identity(self) -> tuple[str, str]:
        return self.check, self.key


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
    settings = settings or TranslationSettings()
    terms, names = settings.terms_for(locale), settings.do_not_translate
    english_parts = [_part(seg, english) for seg in english.segments]
    translated_parts = [_part(seg, translated) for seg in translated.segments]
    findings: list[Finding] = []
    if _aligned(english, translated, english_parts, translated_parts):
        for source, target, english_segment, translated_segment in zip(
            english_parts, translated_parts, english.segments, translated.segments, strict=True
        ):
            where = _Place(path, target.line, segment_key(english_segment))
            findings += _compare_items(source.items, target.items, where, locale)
            findings += _compare_terms([source], target, terms, names, where)
            findings += _untranslated(english_segment, translated_segment, target, names, where)
    else:
        source, target = _page_part(english_parts), _page_part(translated_parts)
        findings += _compare_items(source.items, target.items, _Place(path), locale)
        findings += _compare_terms(english_parts, target, terms, names, _Place(path))
    english_tokens = MARKDOWN.parse(english_text)
    translated_tokens = MARKDOWN.parse(translated_text)
    blocks = _block_items(english_tokens), _block_items(translated_tokens)
    findings += _compare_items(*blocks, _Place(path), locale)
    findings += _compare_structure(english_tokens, translated_tokens, path)
    return sorted(findings, key=lambda finding: finding.line)


def segment_key(seg: Segment) -> str:
    """A segment's identity that does not depend on its line: a hash of its English text."""
    return hashlib.sha256(f"{seg.kind}\0{seg.source}".encode()).hexdigest()[:12]


def kept_values(text: str, path: Path | str) -> list[tuple[str, str]]:
    """What a page must keep, whatever it says: its link targets, numbers, placeholders, code
    and HTML, sorted (so the list does not change when text moves)."""
    document = segment(text, path)
    items = [item for seg in document.segments for item in _part(seg, document).items]
    items += _block_items(MARKDOWN.parse(text))
    return sorted(item.identity for item in items)


@dataclass(frozen=True)
class _Place:
    """Where findings go: aligned, the translated segment's line and the English segment's
    key; at page level (line None), line 1 or the item's own line, and PAGE."""

    path: Path
    line: int | None = None
    segment: str = PAGE


def _aligned(english: Document, translated: Document, english_parts, translated_parts) -> bool:
    """Same segment kinds in the same order, and most segment pairs share their items.

    Kinds alone are not enough: an FAQ written independently has as many questions and
    answers as the English, but not the same ones, and pairing them reports nonsense.
    """
    if [seg.kind for seg in english.segments] != [seg.kind for seg in translated.segments]:
        return False
    pairs = zip(english_parts, translated_parts, strict=True)
    mismatched = sum(
        bool(_counts(source.items) - _counts(target.items)) for source, target in pairs
    )
    with_items = sum(bool(part.items) for part in english_parts)
    return mismatched <= max(1, MISMATCHED_SHARE * with_items)


def _counts(items) -> Counter:
    return Counter(item.identity for item in items)


def _part(seg: Segment, document: Document) -> _Part:
    texts: list[str] = []
    items: list[_Item] = []
    if seg.kind == "meta":
        texts.append(seg.source)
    else:
        tokens = MARKDOWN.parseInline(seg.source, {"references": document.references})
        _walk_inline(tokens[0].children or [], seg.line, texts, items)
    prose = "".join(texts)
    for match in _PLACEHOLDER.finditer(prose):
        # "{{shop.name}}" and "{{ shop.name }}" render the same.
        shown = "{{ " + " ".join(match.group(1).split()) + " }}"
        items.append(_Item("placeholders", shown, shown, seg.line))
    prose = _NOT_PROSE.sub(" ", _PLACEHOLDER.sub(" ", prose))
    return _Part(seg.line, prose, tuple(items + _numbers(prose, seg.line)))


def _walk_inline(tokens, line: int, texts: list[str], items: list[_Item]) -> None:
    for token in tokens:
        if token.type == "text":  # an autolink's text is its URL, which _NOT_PROSE removes
            texts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            texts.append("\n")
        elif token.type == "code_inline":
            texts.append(" ")  # "4 `x` 5" is two numbers, not 45
            items.append(_Item("code", token.content, f"`{token.content}`", line))
        elif token.type == "html_inline":
            items += _html_items(token.content, line)
        elif token.type == "link_open":
            items.append(_Item("links", token.attrGet("href"), token.attrGet("href"), line))
        elif token.type == "image":
            items.append(_Item("links", token.attrGet("src"), token.attrGet("src"), line))
            _walk_inline(token.children or [], line, texts, items)


def _page_part(parts: list[_Part]) -> _Part:
    items = tuple(item for part in parts for item in part.items)
    return _Part(1, "\n".join(part.prose for part in parts), items)


def _numbers(prose: str, line: int) -> list[_Item]:
    items = []
    for match in _TIME.finditer(prose):
        time = f"{int(match.group(1))}:{match.group(2)}"
        items.append(_Item("numbers", time, time, line))
    rest = _DOTTED_DATE.sub(r"\1 \2 \3", _TIME.sub(" ", prose))
    for match in _NUMBER.finditer(rest):
        # Decimal keys: "60" == "60,00", "03" == "3".
        key = format(Decimal(_plain_number(match.group(0))).normalize(), "f")
        items.append(_Item("numbers", key, match.group(0), line))
    return items


def _plain_number(written: str) -> str:
    """ "1,000" -> "1000", "4,90" -> "4.90", "1.234,5" -> "1234.5"."""
    marks = list(_GROUPS.finditer(written))
    decimal_at = -1
    if marks and marks[-1].group(0) in ".,":
        last = marks[-1]
        # Three digits after the last mark make it a thousands separator, except after a
        # lone zero: "0.125" is a decimal.
        if len(written) - last.end() != 3 or written[: last.start()] == "0":
            decimal_at = last.start()
    return "".join(
        char if char.isdigit() else "." if at == decimal_at else ""
        for at, char in enumerate(written)
    )


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


def _compare_items(english, translated, where: _Place, locale: str) -> list[Finding]:
    """Each English item as often in the translation, and no new ones; numbers may be extra
    (a translation may spell out what the English implies, e.g. "24 h/24")."""
    findings = []
    aligned_line, path = where.line, where.path
    english_counts, translated_counts = _counts(english), _counts(translated)
    for item in _first_of_each(english):
        expected, found = english_counts[item.identity], translated_counts[item.identity]
        # A number must be present; a translation may say it once where the English
        # repeats it. Links, placeholders, code and HTML must be there as often.
        if found >= expected or (item.check == "numbers" and found):
            continue
        line, place = _where(aligned_line, item.line)
        count = "of the English is missing"
        value = f"{_value(item)} (missing)"
        if found:
            count = f"appears {expected} times in the English but {found} here"
            value = f"{_value(item)} ({found} of {expected})"
        if item.check == "numbers":
            noun = "time" if ":" in item.key else "number"
            example = _locale_example(item.shown, locale)
            advice = f"write it as the locale does, e.g. {example}"
            message = f"{noun} {item.shown} {count}{place} ({advice})"
        else:
            label, advice = _ADVICE[item.check]
            message = f"{label} {item.shown} {count}{place}; {advice}"
        findings.append(Finding(path, line, "error", item.check, message, where.segment, value))
    for item in _first_of_each(translated):
        expected, found = english_counts[item.identity], translated_counts[item.identity]
        if found <= expected or item.check == "numbers":
            continue
        label, advice = _ADVICE[item.check]
        count = "is not in the English"
        value = f"{_value(item)} (not in the English)"
        if expected:
            count = f"appears {found} times here but {expected} in the English"
            value = f"{_value(item)} ({found}, English {expected})"
        message = f"{label} {item.shown} {count}; {advice}"
        line = aligned_line or item.line
        findings.append(Finding(path, line, "error", item.check, message, where.segment, value))
    return findings


def _value(item: _Item) -> str:
    """How a finding's record names an item: its key (a number normalised, "4.9"), or for a
    code block, which may be long, its first line."""
    return item.shown if item.check == "code" and "\n" in item.key else item.key


def _where(aligned_line: int | None, english_line: int) -> tuple[int, str]:
    """The line of a finding about something the translation lacks, and how to name the place.

    Aligned, it is the translated segment's line. At page level the translation has no place
    for it: line 1, and the message names the English line.
    """
    return (aligned_line, "") if aligned_line else (1, f" (English line {english_line})")


def _first_of_each(items) -> list[_Item]:
    firsts: dict[tuple[str, str], _Item] = {}
    for item in items:
        firsts.setdefault(item.identity, item)
    return list(firsts.values())


def _locale_example(written: str, locale: str) -> str:
    thousands, decimal_mark, time_format = _LOCALE_STYLE.get(locale, _DEFAULT_STYLE)
    if ":" in written:
        hour, minute = written.split(":")
        return time_format.format(hour=hour, minute=minute)
    whole, _, fraction = _plain_number(written).partition(".")
    if len(whole) > 4:  # four-digit numbers are mostly years, written without a separator
        whole = f"{int(whole):,}".replace(",", thousands)
    return f"{whole}{decimal_mark}{fraction}" if fraction else whole


def _compare_terms(english_parts, target: _Part, terms, names, where: _Place):
    """Glossary terms and do-not-translate names of the English, found in the translation."""
    findings = []
    aligned_line, path = where.line, where.path
    for english_term, locale_term in terms.items():
        # English plurals count: "refunds" is the term "refund".
        english_pattern = re.compile(rf"\b{re.escape(english_term)}(?:s|es)?\b", re.I)
        # Each word of the locale's term may take an ending ("remboursements", "números de
        # pedido", "Werktagen"), and German compounds contain the term.
        words = [re.escape(word) + r"\w*" for word in locale_term.split()]
        locale_pattern = re.compile(r"\s+".join(words), re.I)
        english_line = _first_line_matching(english_pattern, english_parts)
        if english_line and not locale_pattern.search(target.prose):
            line, place = _where(aligned_line, english_line)
            message = (
                f"English term '{english_term}'{place} is not translated as the glossary says; "
                f"use '{locale_term}'"
            )
            findings.append(
                Finding(path, line, "error", "glossary", message, where.segment, english_term)
            )
    for name in names:
        pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        english_line = _first_line_matching(pattern, english_parts)
        if english_line and not pattern.search(target.prose):
            line, place = _where(aligned_line, english_line)
            message = f"name '{name}'{place} is missing; names stay exactly as written in English"
            findings.append(
                Finding(path, line, "error", "do-not-translate", message, where.segment, name)
            )
    return findings


def _first_line_matching(pattern: re.Pattern[str], parts: list[_Part]) -> int | None:
    return next((part.line for part in parts if pattern.search(part.prose)), None)


def _untranslated(english: Segment, translated: Segment, target: _Part, names, where: _Place):
    if english.source.strip() != translated.source.strip():
        return []
    prose = target.prose
    for name in names:
        prose = prose.replace(name, " ")
    # Code, placeholders, URLs and names are already out of the prose; numbers are no words.
    if len(_WORD.findall(prose)) < UNTRANSLATED_MIN_WORDS:
        return []
    message = "text is identical to the English; translate it"
    value = "identical to the English"
    return [
        Finding(where.path, translated.line, "error", "untranslated", message, where.segment, value)
    ]


def _compare_structure(english_tokens, translated_tokens, path: Path) -> list[Finding]:
    findings = []
    for what, types in _STRUCTURE.items():
        expected = sum(token.type in types for token in english_tokens)
        found = sum(token.type in types for token in translated_tokens)
        if expected != found:
            message = f"{what}: {expected} in the English, {found} here; keep the English structure"
            value = f"{what} ({found}, English {expected})"
            findings.append(Finding(path, 1, "error", "structure", message, PAGE, value))
    return findings
