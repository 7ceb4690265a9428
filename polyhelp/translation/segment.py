"""Markdown in, Markdown out: find the translatable text of a page, and put translations back.

A page is cut into segments (front matter title and description, headings, paragraphs,
list items, table cells, admonition titles, footnotes...). Each segment knows the exact
columns it occupies on each of its lines, so reassembly changes those columns and keeps
every other byte (indentation, list markers, pipes, blank lines, code) as it was.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from polyhelp.content.conditions import ATTRIBUTES
from polyhelp.errors import PolyhelpError

TRANSLATED_META_KEYS = ("title", "description")

MARKDOWN = (
    MarkdownIt("commonmark")
    .enable("table")
    .enable("strikethrough")
    .use(front_matter_plugin)
    .use(admon_plugin)
    .use(footnote_plugin)
)
_META_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*):[ \t]*(?P<value>.*?)[ \t]*$")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


class SegmentationError(PolyhelpError):
    """A page's text could not be located exactly; nothing of it is translated."""


@dataclass
class Segment:
    """One unit of translatable text and the columns it occupies in the file."""

    kind: str  # "meta" (front matter value), "inline" (Markdown inline text), "cell" (table cell)
    source: str  # the text as written in the file, lines joined with "\n" (meta: the value)
    spans: list[tuple[int, int, int]]  # (line index, start column, end column)
    meta_key: str | None = None

    @property
    def line(self) -> int:
        """The 1-based line number where the segment starts."""
        return self.spans[0][0] + 1


@dataclass
class Document:
    lines: list[str]  # without line endings
    endings: list[str]  # each line's ending: "\n", "\r\n" or "" (last line)
    segments: list[Segment] = field(default_factory=list)
    # Link reference definitions ([docs]: https://...), for reading segments' inline links.
    references: dict = field(default_factory=dict)

    def text(self) -> str:
        return "".join(line + ending for line, ending in zip(self.lines, self.endings, strict=True))

    def source_hash(self) -> str:
        """A hash of the page's translatable content: what a translation must reflect."""
        joined = "\n\0".join(seg.source for seg in self.segments)
        return hashlib.sha256(joined.encode()).hexdigest()[:16]

    def words(self) -> int:
        return sum(len(seg.source.split()) for seg in self.segments)


def split_lines(text: str) -> tuple[list[str], list[str]]:
    lines, endings = [], []
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        lines.append(body)
        endings.append(raw[len(body) :])
    return lines, endings


def segment(text: str, path: Path | str = "<page>") -> Document:
    """Cut a page into its translatable segments."""
    lines, endings = split_lines(text)
    document = Document(lines, endings)
    env: dict = {}
    tokens = MARKDOWN.parse(text, env)
    document.references = env.get("references", {})
    skip_inline = False
    for index, token in enumerate(tokens):
        if token.type == "front_matter" and token.map:
            document.segments.extend(_meta_segments(lines, token.map))
        elif token.type in ("th_open", "td_open"):
            skip_inline = True  # cells are cut from the row's source, not from parsed content
        elif token.type == "tr_open" and token.map:
            document.segments.extend(_row_segments(lines, token.map[0], path))
        elif token.type == "inline":
            if skip_inline:
                skip_inline = False
                continue
            block_map = token.map or _parent_map(tokens, index)
            # An untitled admonition shows its type ("Note"), which is not in the text.
            untitled = block_map and f'"{token.content}"' not in lines[block_map[0]]
            if tokens[index - 1].type == "admonition_title_open" and untitled:
                continue
            if token.content.strip() and block_map:
                document.segments.append(_inline_segment(lines, token.content, block_map, path))
    return document


def reassemble(document: Document, texts: list[str]) -> str:
    """The page with each segment's text replaced by `texts[i]` (same order as segments)."""
    if len(texts) != len(document.segments):
        raise ValueError(f"{len(texts)} texts for {len(document.segments)} segments")
    # Edits per line, applied right to left so that columns stay valid; extra lines of a
    # longer replacement follow the segment's last line, with that line's prefix.
    edits: dict[int, list[tuple[int, int, str]]] = {}
    dropped: set[int] = set()
    inserted: dict[int, list[str]] = {}
    for seg, new_text in zip(document.segments, texts, strict=True):
        if seg.kind == "meta":
            line, start, end = seg.spans[0]
            value = (
                document.lines[line][start:end] if new_text == seg.source else yaml_scalar(new_text)
            )
            edits.setdefault(line, []).append((start, end, value))
            continue
        new_lines = new_text.split("\n")
        for position, (line, start, end) in enumerate(seg.spans):
            if position < len(new_lines):
                replacement = new_lines[position]
                if position == len(seg.spans) - 1 and len(new_lines) > len(seg.spans):
                    prefix = document.lines[line][:start]
                    inserted[line] = [prefix + extra for extra in new_lines[position + 1 :]]
                edits.setdefault(line, []).append((start, end, replacement))
            else:
                dropped.add(line)
    out: list[str] = []
    for number, (line, ending) in enumerate(zip(document.lines, document.endings, strict=True)):
        if number in dropped:
            continue
        for start, end, value in sorted(edits.get(number, []), reverse=True):
            line = line[:start] + value + line[end:]
        extra = inserted.get(number, [])
        if extra:
            newline = ending or "\n"
            out.append(line + newline)
            out.extend(text + newline for text in extra[:-1])
            out.append(extra[-1] + ending)
        else:
            out.append(line + ending)
    return "".join(out)


# Tokens whose content is never translated: it must come back byte for byte.
_VERBATIM_BLOCKS = ("fence", "code_block", "html_block")
# Inline tokens that are the text itself; every other one is markup a translation keeps.
_TEXT_TOKENS = ("text", "softbreak")


def structure(text: str) -> list[tuple]:
    """A page's Markdown structure: what no translation may change.

    The block sequence (headings with their level, paragraphs, list items, table rows and
    cells, code blocks, admonitions with their type), a block's trailing attribute list,
    the markup inside each block (links with their targets, emphasis, inline code and HTML,
    line breaks; in any order, as a translation may move it) and the front matter's keys.
    Text is left out: it is what translation changes.
    """
    shape: list[tuple] = []
    for token in MARKDOWN.parse(text, {}):
        if token.type == "front_matter":
            shape.append(("front_matter", _meta_shape(token.content)))
        elif token.type == "inline":
            # A trailing attribute list ({: when="..." } on a heading) is Python-Markdown's,
            # not markdown-it's: text after it would make it text and show the section.
            attributes = ATTRIBUTES.search(token.content)
            shape.append(
                (
                    "inline",
                    tuple(sorted(_inline_shape(token.children or []))),
                    attributes[1].strip() if attributes else None,
                )
            )
        else:
            # A code block's language and content; not an admonition's title (its attrs
            # hold its type), which is translated.
            verbatim = (token.info, token.content) if token.type in _VERBATIM_BLOCKS else ()
            attrs = tuple(sorted((str(k), str(v)) for k, v in (token.attrs or {}).items()))
            shape.append((token.type, token.tag, token.level, token.markup, token.hidden, attrs))
            shape[-1] += verbatim
    return shape


def _inline_shape(children) -> list[tuple]:
    shape = []
    for child in children:
        if child.type in _TEXT_TOKENS:
            continue
        attrs = tuple(sorted((str(k), str(v)) for k, v in (child.attrs or {}).items()))
        content = child.content if child.type in ("code_inline", "html_inline") else ""
        shape.append((child.type, child.tag, child.markup, attrs, content))
        shape.extend(_inline_shape(child.children or []))
    return shape


def _meta_shape(content: str) -> tuple:
    try:
        meta = yaml.safe_load(content)
    except yaml.YAMLError:
        return ("not YAML",)
    if not isinstance(meta, dict):
        return ("not a mapping",)
    # The translation record is the translated page's own; every other key is the English's.
    kept = ((str(key), type(value).__name__) for key, value in meta.items() if key != "translation")
    return tuple(sorted(kept))


def yaml_scalar(value: str) -> str:
    """`value` as a one-line YAML scalar: plain where YAML reads it back unchanged, else quoted."""
    if "\n" not in value and value.strip() == value and value:
        try:
            if yaml.safe_load(f"k: {value}") == {"k": value} and "#" not in value:
                return value
        except yaml.YAMLError:
            pass
    # JSON strings are YAML double-quoted scalars; JSON leaves the characters a YAML stream
    # may not hold or reads as line breaks (DEL, C1 controls, U+2028, non-characters,
    # surrogates) raw, so they are escaped.
    return _YAML_UNPRINTABLE.sub(
        lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False)
    )


_YAML_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _meta_segments(lines: list[str], block_map: list[int]) -> list[Segment]:
    segments = []
    # The front matter token spans the '---' lines too; keys are on the lines between.
    for number in range(block_map[0] + 1, block_map[1] - 1):
        match = _META_LINE.match(lines[number])
        if not match or match.group("key") not in TRANSLATED_META_KEYS or not match.group("value"):
            continue
        raw = match.group("value")
        try:
            value = yaml.safe_load(f"k: {raw}")["k"]
        except (yaml.YAMLError, TypeError):
            continue
        if isinstance(value, str) and value.strip():
            segments.append(
                Segment(
                    "meta",
                    value,
                    [(number, match.start("value"), match.end("value"))],
                    match.group("key"),
                )
            )
    return segments


def _row_segments(lines: list[str], number: int, path) -> list[Segment]:
    line = lines[number]
    cuts = [m.start() for m in _UNESCAPED_PIPE.finditer(line)]
    # Leading and trailing pipes are optional in a row.
    bounds = [-1] + cuts + [len(line)]
    segments = []
    for left, right in zip(bounds, bounds[1:], strict=False):
        cell = line[left + 1 : right]
        text = cell.strip()
        if not text:
            continue
        start = left + 1 + (len(cell) - len(cell.lstrip()))
        segments.append(Segment("cell", text, [(number, start, start + len(text))]))
    return segments


def _inline_segment(lines: list[str], content: str, block_map: list[int], path) -> Segment:
    spans = []
    content_lines = content.split("\n")
    for offset, text in enumerate(content_lines):
        number = block_map[0] + offset
        if number >= len(lines):
            raise SegmentationError(f"cannot find {text!r} in the page", path, number + 1)
        line = lines[number]
        stripped = line.rstrip()
        if line.endswith(text):
            start = len(line) - len(text)
        elif stripped.endswith(text):
            start = len(stripped) - len(text)
        else:
            start = line.rfind(text)
            if start < 0:
                raise SegmentationError(f"cannot find {text!r} on its line", path, number + 1)
        spans.append((number, start, start + len(text)))
    return Segment("inline", content, spans)


def _parent_map(tokens, index: int) -> list[int] | None:
    for previous in range(index - 1, -1, -1):
        if tokens[previous].map:
            return tokens[previous].map
    return None
