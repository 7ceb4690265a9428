"""Inline Markdown <-> XML for the translation engine, and back, checking what comes back.

Markup travels as tags the engine may move but must keep: <b>, <i>, <s> (emphasis),
<a> (link text; the URL stays here), <m> (image alt text), and <x/> for what must not be
translated at all (inline code, placeholders, inline HTML, footnote references, terms on
the do-not-translate list). Every tag has an id; a translation that drops, duplicates,
invents or renames a tag is refused. Text that comes back is escaped, so machine output
can never add a tag, a link or a placeholder that the English did not have.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html import escape

from markdown_it import MarkdownIt

from polyhelp.errors import PolyhelpError

_INLINE = MarkdownIt("commonmark").enable("strikethrough")
# Placeholders, attribute lists and footnote references travel untranslated.
_PROTECTED_TEXT = re.compile(r"\{\{.*?\}\}|\{[:#.][^}\n]*\}|\[\^[^\]\s]+\]")
WRAPPING_TAGS = {"strong": "b", "em": "i", "s": "s"}
TAGS = {"b", "i", "s", "a", "m", "x"}


class TagMismatch(PolyhelpError):
    """A translation came back with its tags damaged; it is not used."""


@dataclass(frozen=True)
class Slot:
    tag: str
    before: str  # Markdown written before the tag's translated content
    after: str = ""  # and after it


def to_xml(
    source: str, kind: str, keep: tuple[str, ...] = (), references: dict | None = None
) -> tuple[str, dict[str, Slot]]:
    """The XML to send for a segment's source, and the slots to rebuild its Markdown.

    `kind` "meta" is plain text (front matter); anything else is inline Markdown.
    `keep` lists terms that must not be translated; `references` are the page's link
    reference definitions (a reference link comes back as an inline link to the same URL).
    """
    slots: dict[str, Slot] = {}
    builder = _XmlBuilder(slots, keep)
    if kind == "meta":
        builder.text(source)
        return builder.xml(), slots
    env = {"references": references or {}}
    children = _INLINE.parseInline(source, env)[0].children or []
    builder.tokens(children)
    return builder.xml(), slots


def to_markdown(xml: str, slots: dict[str, Slot], kind: str) -> str:
    """Rebuild a segment's Markdown from a translated XML; TagMismatch if tags are damaged."""
    try:
        root = ET.fromstring(f"<r>{xml}</r>")
    except ET.ParseError as error:
        raise TagMismatch(f"translation is not well-formed XML ({error})") from None
    used: set[str] = set()
    text = _emit(root, slots, kind, used, top=True)
    missing = set(slots) - used
    if missing:
        raise TagMismatch(f"translation lost tag(s) {', '.join(sorted(missing, key=int))}")
    if kind == "meta":
        # A title or description is one line: line breaks and tabs become a space.
        text = " ".join(text.split())
    return text


def plain_text(xml: str) -> str:
    """The text of a segment's XML without tags, for counting and hashing."""
    try:
        return "".join(ET.fromstring(f"<r>{xml}</r>").itertext())
    except ET.ParseError:
        return xml


class _XmlBuilder:
    def __init__(self, slots: dict[str, Slot], keep: tuple[str, ...]):
        self.parts: list[str] = []
        self.slots = slots
        self.stack: list[str] = []
        terms = sorted((t for t in keep if t), key=len, reverse=True)
        alternatives = [_PROTECTED_TEXT.pattern] + [rf"(?<!\w){re.escape(t)}(?!\w)" for t in terms]
        self.protected = re.compile("|".join(alternatives))

    def xml(self) -> str:
        return "".join(self.parts)

    def _slot(self, tag: str, before: str, after: str = "") -> str:
        identifier = str(len(self.slots) + 1)
        self.slots[identifier] = Slot(tag, before, after)
        return identifier

    def protect(self, markdown: str) -> None:
        self.parts.append(f'<x id="{self._slot("x", markdown)}"/>')

    def text(self, text: str) -> None:
        position = 0
        for match in self.protected.finditer(text):
            self.parts.append(escape(text[position : match.start()], quote=False))
            self.protect(match.group(0))
            position = match.end()
        self.parts.append(escape(text[position:], quote=False))

    def open(self, tag: str, before: str, after: str) -> None:
        self.parts.append(f'<{tag} id="{self._slot(tag, before, after)}">')
        self.stack.append(tag)

    def close(self) -> None:
        self.parts.append(f"</{self.stack.pop()}>")

    def tokens(self, tokens) -> None:
        index = 0
        while index < len(tokens):
            token = tokens[index]
            kind = token.type
            if kind == "text":
                self.text(token.content)
            elif kind == "softbreak":
                self.parts.append(" ")
            elif kind == "hardbreak":
                self.protect("  \n")
            elif kind == "code_inline":
                fence = token.markup
                pad = " " if token.content.startswith("`") or token.content.endswith("`") else ""
                self.protect(f"{fence}{pad}{token.content}{pad}{fence}")
            elif kind in ("html_inline", "footnote_ref"):
                self.protect(token.content or f"[^{token.meta['label']}]")
            elif kind.endswith("_open") and kind[:-5] in WRAPPING_TAGS:
                self.open(WRAPPING_TAGS[kind[:-5]], token.markup, token.markup)
            elif kind == "link_open" and token.markup == "autolink":
                end = _closing(tokens, index, "link_close")
                self.protect(f"<{token.attrGet('href')}>")
                index = end
            elif kind == "link_open":
                title = token.attrGet("title")
                tail = f' "{title}"' if title else ""
                self.open("a", "[", f"]({token.attrGet('href')}{tail})")
            elif kind.endswith("_close"):
                self.close()
            elif kind == "image":
                title = token.attrGet("title")
                tail = f' "{title}"' if title else ""
                self.open("m", "![", f"]({token.attrGet('src')}{tail})")
                self.tokens(token.children or [])
                self.close()
            else:
                self.protect(token.content)
            index += 1


def _closing(tokens, index: int, closing_type: str) -> int:
    for position in range(index + 1, len(tokens)):
        if tokens[position].type == closing_type:
            return position
    return len(tokens) - 1


def _emit(element, slots: dict[str, Slot], kind: str, used: set[str], top: bool = False) -> str:
    parts = [_escape(element.text or "", kind)]
    for child in element:
        identifier = child.get("id")
        slot = slots.get(identifier or "")
        if child.tag not in TAGS or slot is None or slot.tag != child.tag:
            raise TagMismatch(f"translation has a tag the source does not: <{child.tag}>")
        if identifier in used:
            raise TagMismatch(f"translation repeats tag {identifier}")
        if set(child.attrib) != {"id"}:
            raise TagMismatch(f"translation added attributes to tag {identifier}")
        used.add(identifier)
        if child.tag == "x":
            if child.text or len(child):
                raise TagMismatch(f"translation put text inside protected tag {identifier}")
            parts.append(slot.before)
        else:
            inner = _emit(child, slots, kind, used)
            stripped = inner.strip()
            # "** bold**" is no emphasis: whitespace goes outside the markers.
            lead = inner[: len(inner) - len(inner.lstrip())]
            trail = inner[len(inner.rstrip()) :]
            parts.append(f"{lead}{slot.before}{stripped}{slot.after}{trail}")
        parts.append(_escape(child.tail or "", kind))
    return "".join(parts)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}|])")
_LINE_START = re.compile(r"^(\s*)(?:([#>+-])|(\d+)([.)]))", re.MULTILINE)


# Characters that end a line for Python's str.splitlines but not for Markdown: machine text
# holding them would shift every later line of the page when it is read back.
_LINE_SEPARATORS = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Other control characters (not tab and newline) have no place in a page.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")


def _plain(text: str, kind: str) -> str:
    """Machine text without control characters; in front matter, without line breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", _LINE_SEPARATORS.sub(" ", text))
    return text.replace("\n", " ").replace("\t", " ") if kind == "meta" else text


def _escape(text: str, kind: str) -> str:
    """Machine text as literal text: no markup, no tag, no placeholder can come out of it."""
    text = _plain(text, kind)
    if kind == "meta":
        return text.replace("{{", "{ {").replace("}}", "} }")
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(_escape_line_start, text)


def _escape_line_start(match: re.Match[str]) -> str:
    # At the start of a line these would begin a heading, quote or list: "\#", "1\.".
    indent, marker, number, delimiter = match.groups()
    return f"{indent}\\{marker}" if marker else f"{indent}{number}\\{delimiter}"
