"""Sentences of a segment's XML: the unit the memory keeps, so an edit costs one sentence.

A paragraph, list item, table cell or admonition body travels as XML with inline tags
(`inline_xml`). It is cut into sentences by sentencex (Wikimedia's rule-based segmenter,
~300 languages, abbreviations and decimals per language), on its text with each protected
`<x/>` (inline code, placeholder, URL in an autolink) seen as one word, so a period inside
code or a URL never ends a sentence. A cut inside a tag pair (`<b>Note. Read this.</b>`) is
not made: a sentence never splits a tag. What a language writes between two sentences (a
space, or nothing in Japanese and Chinese) is data (`WRITING`), not code.

Each sentence's tags are numbered from 1 on their own (`local_ids`), so a sentence's key
does not change when a link is added to another sentence of its paragraph.
"""

from __future__ import annotations

import html
import itertools
import math
import re
from dataclasses import dataclass

import sentencex


@dataclass(frozen=True)
class Writing:
    """How a language writes sentences, as far as splitting and joining them goes."""

    separator: str = " "  # written between two sentences
    # Abbreviations (without their final period) after which sentencex may cut although the
    # sentence goes on before a capital ("M. Dupont"); compared in lower case.
    abbreviations: frozenset[str] = frozenset()
    # Whether the script has upper and lower case: a "sentence" starting in lower case (or
    # with a digit) follows an abbreviation ("approx. 2 days", "du lun. au ven.").
    cased: bool = True


WRITING: dict[str, Writing] = {
    "en": Writing(abbreviations=frozenset({"approx", "no", "nos", "dept", "ext", "st", "vs"})),
    "fr": Writing(
        abbreviations=frozenset({"m", "mm", "art", "env", "cf", "ex", "p", "réf", "tél", "n°"})
    ),
    "de": Writing(abbreviations=frozenset({"ca", "bzw", "nr", "str", "tel", "vgl", "inkl"})),
    "es": Writing(abbreviations=frozenset({"sr", "sra", "ud", "uds", "aprox", "núm", "tel"})),
    # No space between sentences: the full stop (。) ends them.
    "ja": Writing(separator="", cased=False),
    "zh": Writing(separator="", cased=False),
    # Thai has no full stop: a space is what ends a sentence, and so what joins two.
    "th": Writing(separator=" ", cased=False),
}


def language_of(locale: str) -> str:
    """The language of a locale code: pt-BR -> pt, zh_Hant -> zh."""
    return locale.replace("_", "-").split("-")[0].lower()


def writing(locale: str) -> Writing:
    return WRITING.get(language_of(locale), Writing())


def join(sentences: list[str], locale: str) -> str:
    """Translated sentences as one paragraph, with the language's own spacing."""
    return writing(locale).separator.join(sentence.strip() for sentence in sentences)


# One XML token: a tag, an entity, or a run of text.
_TOKEN = re.compile(r"<[^>]*>|&[^;\s<&]*;|[^<&]+|[<&]")
_ID = re.compile(r'(\bid=")([^"]*)(")')
# What a protected <x/> (code, placeholder, autolink) reads as, for the segmenter: a word.
_STAND_IN = "Code"


def split(xml: str, locale: str) -> list[str]:
    """The sentences of a segment's XML, each stripped, tags never cut apart.

    Joined with single spaces they are the XML with its whitespace normalized. A piece
    without a letter (a placeholder alone after a full stop) stays with its neighbour.
    """
    return _pieces(xml, _cuts(xml, locale))


def _pieces(xml: str, cuts: list[int]) -> list[str]:
    bounds = [0, *cuts, len(xml)]
    pieces = [xml[start:end].strip() for start, end in zip(bounds, bounds[1:], strict=False)]
    return _with_words_only([piece for piece in pieces if piece])


def _cuts(xml: str, locale: str, checked: bool = True) -> list[int]:
    """XML positions where a sentence starts (after the first); `checked`: abbreviations kept."""
    plain: list[str] = []  # the text the segmenter reads
    ends: list[int] = []  # for each of its characters, where its token ends in the XML
    for match in _TOKEN.finditer(xml):
        token = match.group()
        if token.startswith("<"):
            if token.startswith("<x") and token.endswith("/>"):
                plain.extend(_STAND_IN)
                ends.extend([match.end()] * len(_STAND_IN))
            continue
        if token.startswith("&"):
            for character in html.unescape(token):
                plain.append(character)
                ends.append(match.end())
            continue
        for offset, character in enumerate(token):
            plain.append(character)
            ends.append(match.start() + offset + 1)
    text = "".join(plain)
    if not text.strip():
        return []
    cuts = [0]
    for boundary in _boundaries(text, language_of(locale), checked):
        cut = _xml_cut(xml, ends[boundary - 1])
        if cut is not None and cut > cuts[-1]:
            cuts.append(cut)
    return cuts[1:]


def _boundaries(text: str, language: str, checked: bool = True) -> list[int]:
    """Where sentences start in `text` (after the first), by sentencex, then checked."""
    rules = WRITING.get(language, Writing())
    starts = []
    previous = 0
    for sentence in sentencex.get_sentence_boundaries(language, text):
        start = _char_index(text, sentence)
        if start <= previous:
            continue
        # Skip the whitespace the segmenter left at the start of the sentence.
        while start < len(text) and text[start].isspace():
            start += 1
        if start >= len(text):
            break
        before = text[previous:start].rstrip()
        if checked and _continues(before, text[start:], rules):
            continue
        starts.append(start)
        previous = start
    return starts


def _char_index(text: str, sentence: dict) -> int:
    """sentencex's start of a sentence as a character index (it may count UTF-8 bytes)."""
    start = sentence["start_index"]
    piece = sentence["text"]
    if text[start : start + len(piece)] == piece:
        return start
    encoded = text.encode()
    if encoded[start : start + len(piece.encode())] == piece.encode():
        return len(encoded[:start].decode(errors="ignore"))
    found = text.find(piece)
    return found if found >= 0 else start


_LAST_WORD = re.compile(r"([^\W\d_][\w°-]*)\.$")


def _continues(before: str, after: str, rules: Writing) -> bool:
    """True where a cut the segmenter made is an abbreviation's period, not a sentence end."""
    if rules.cased:
        first = next((c for c in after if c.isalnum()), "")
        if first.isdigit() or first.islower():
            return True
        if after[:1] in "-–,;:)":
            return True
    word = _LAST_WORD.search(before)
    return bool(word) and word.group(1).lower() in rules.abbreviations


def _xml_cut(xml: str, position: int) -> int | None:
    """The XML position to cut at, after the character ending at `position`; None inside tags.

    Closing tags right after it go with the sentence before; the cut is refused where a tag
    pair is open (it would split the pair).
    """
    while True:
        match = re.compile(r"</[^>]*>").match(xml, position)
        if not match:
            break
        position = match.end()
    depth = 0
    for match in re.finditer(r"<(/?)[^>]*?(/?)>", xml[:position]):
        closing, self_closing = match.group(1), match.group(2)
        if self_closing:
            continue
        depth += -1 if closing else 1
    return position if depth == 0 else None


_LETTER = re.compile(r"[^\W\d_]")


def _with_words_only(pieces: list[str]) -> list[str]:
    """Pieces without a letter (outside protected tags) joined to the one before (or after)."""
    merged: list[str] = []
    for piece in pieces:
        if merged and not (_has_words(piece) and _has_words(merged[-1])):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return merged


def _has_words(fragment: str) -> bool:
    return bool(_LETTER.search(re.sub(r"<[^>]*>", "", fragment)))


def local_ids(fragment: str) -> tuple[str, dict[str, str]]:
    """A sentence's XML with its tag ids numbered from 1, and local id -> paragraph id."""
    mapping: dict[str, str] = {}
    inverse: dict[str, str] = {}

    def renumber(tag: re.Match[str]) -> str:
        def one(identifier: re.Match[str]) -> str:
            paragraph_id = identifier.group(2)
            if paragraph_id not in inverse:
                local = str(len(inverse) + 1)
                inverse[paragraph_id] = local
                mapping[local] = paragraph_id
            return f"{identifier.group(1)}{inverse[paragraph_id]}{identifier.group(3)}"

        return _ID.sub(one, tag.group())

    return re.sub(r"<[^/][^>]*>", renumber, fragment), mapping


def paragraph_ids(fragment: str, mapping: dict[str, str]) -> str:
    """A translated sentence's tags numbered as in its paragraph again (`local_ids` undone).

    An id the sentence did not have becomes one no tag has, so checking the paragraph
    refuses it.
    """

    def renumber(tag: re.Match[str]) -> str:
        return _ID.sub(
            lambda m: f"{m.group(1)}{mapping.get(m.group(2), 'unknown-' + m.group(2))}{m.group(3)}",
            tag.group(),
        )

    return re.sub(r"<[^/][^>]*>", renumber, fragment)


def tag_ids(fragment: str) -> list[str]:
    """The ids of a fragment's opening and self-closing tags, in order."""
    return [m.group(2) for tag in re.findall(r"<[^/][^>]*>", fragment) for m in _ID.finditer(tag)]


def align(
    source: str, target: str, locale: str, source_locale: str = "en", own_tags: bool = False
) -> list[str] | None:
    """The target paragraph's sentences, one per source sentence, or None where they differ.

    Both are XML of one segment with the same tags (a stored translation). The target is cut
    where its segmenter finds sentence ends; where it finds more than the source has (an
    abbreviation the target language's rules do not know, "M. Dupont"), the cuts kept are
    those that give each target sentence exactly the tags of its source sentence and lengths
    in the proportions of the source sentences. Fewer sentence ends than the source, or no
    choice where the tags agree: None (the paragraph is not aligned, nothing is guessed).
    The target sentences come back with their source sentence's local ids (`local_ids`).

    `own_tags`: the target is XML of its own (a translation written by a person, its tags
    numbered in its own order): each target sentence must hold the same kinds of tags as
    its source sentence, and keeps its own ids.
    """
    sources = split(source, source_locale)
    mappings = [local_ids(sentence)[1] for sentence in sources]
    wanted = len(sources) - 1
    best: tuple[float, list[str]] | None = None
    for checked in (True, False):
        cuts = _cuts(target, locale, checked)
        if len(cuts) < wanted or math.comb(len(cuts), wanted) > _MAX_CHOICES:
            continue
        for chosen in itertools.combinations(cuts, wanted):
            bounds = [0, *chosen, len(target)]
            pieces = [target[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False)]
            if not all(pieces) or any(
                _tags(piece, own_tags) != _tags(sentence, own_tags, mapping)
                for piece, sentence, mapping in zip(pieces, sources, mappings, strict=True)
            ):
                continue
            cost = _length_cost(sources, pieces)
            if best is None or cost < best[0]:
                best = (cost, pieces)
        if best is not None:
            break
    if best is None:
        return None
    if own_tags:
        return best[1]
    return [
        paragraph_ids(piece, {paragraph: local for local, paragraph in mapping.items()})
        for piece, mapping in zip(best[1], mappings, strict=True)
    ]


def _tags(fragment: str, by_kind: bool, mapping: dict[str, str] | None = None) -> list[str]:
    """A fragment's tags for comparing: their kinds, or their paragraph ids."""
    if by_kind:
        return sorted(re.findall(r"<([a-z]+)\b[^>]*?/?>", fragment))
    if mapping is not None:
        return sorted(mapping.values())
    return sorted(tag_ids(fragment))


# Cut choices tried when aligning a paragraph whose translation has more sentence ends.
_MAX_CHOICES = 5000


def _length_cost(sources: list[str], targets: list[str]) -> float:
    """How far the target sentences' shares of the paragraph's length are from the source's."""
    source_lengths = [len(_text(piece)) or 1 for piece in sources]
    target_lengths = [len(_text(piece)) or 1 for piece in targets]
    source_total, target_total = sum(source_lengths), sum(target_lengths)
    return sum(
        (s / source_total - t / target_total) ** 2
        for s, t in zip(source_lengths, target_lengths, strict=True)
    )


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", fragment))
