"""A language's typography applied to a rendered page, so writers and engines need not.

French sets a narrow no-break space (U+202F) before `; : ! ?` and inside « »; it writes
the first day of a month "1er"; and one page writes a time one way. A writer types an
ordinary space, DeepL returns whatever it returns, CLDR writes "1 janvier": the build
makes them all right, in the text of the page only (never inside code, a URL, an
attribute or a script), for pages whose text is in that language.
"""

from __future__ import annotations

import re
from collections.abc import Callable

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
# Text between tags, and the elements whose text is not prose.
_TAG = re.compile(r"(<[^>]*>)")
_VERBATIM = ("code", "pre", "script", "style", "kbd", "samp", "svg", "math", "textarea")
_OPENING = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")
_CLOSING = re.compile(r"</([a-zA-Z][a-zA-Z0-9]*)\s*>")

_MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
_FRENCH_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # A space (of any width) before ; : ! ? becomes narrow and unbreakable. A colon with no
    # space before it (14:00, https:) is not punctuation of prose: left alone.
    (re.compile(r"[ \u00a0\u202f]+([;:!?])"), NARROW_NBSP + r"\1"),
    (re.compile(r"«[ \u00a0\u202f]*"), "«" + NARROW_NBSP),
    (re.compile(r"[ \u00a0\u202f]*»"), NARROW_NBSP + "»"),
    # "1 janvier" (CLDR's pattern) -> "1er janvier".
    (re.compile(rf"(?<![\d,.])1(?:er)?([ \u00a0\u202f]+)({_MONTHS})\b"), r"1er\1\2"),
    # One way to write a time: CLDR's 14:00, not 14 h 00 or 14h00 (a bare "14 h" is a
    # duration in French and stays).
    (re.compile(r"\b([01]?\d|2[0-3])[ \u00a0\u202f]?h[ \u00a0\u202f]?([0-5]\d)\b"), r"\1:\2"),
)

RULES: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = {"fr": _FRENCH_RULES}


def apply_typography(html: str, language: str) -> str:
    """`html` with the typography of `language` in its text (unchanged for a language
    without rules)."""
    rules = RULES.get(language.split("_")[0].split("-")[0])
    if not rules:
        return html
    return _in_text(html, lambda text: _apply(text, rules))


def _apply(text: str, rules) -> str:
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text


def _in_text(html: str, change: Callable[[str], str]) -> str:
    parts = _TAG.split(html)
    verbatim: list[str] = []
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            opening, closing = _OPENING.match(part), _CLOSING.match(part)
            if opening and not opening.group(2) and opening.group(1).lower() in _VERBATIM:
                verbatim.append(opening.group(1).lower())
            elif closing and verbatim and closing.group(1).lower() == verbatim[-1]:
                verbatim.pop()
        elif part and not verbatim:
            parts[index] = change(part)
    return "".join(parts)
