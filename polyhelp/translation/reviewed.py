"""A reviewed translation, sentence by sentence: what a person approved stays where it still fits.

When the English of a reviewed page changes, its paragraphs that changed are paired with the
paragraphs they replace in the English the reviewer saw (found in git by its hash). Where the
reviewed translation of such a paragraph aligns with that English sentence by sentence
(`sentences.align`, as many sentences, the same kinds of tags in each), its unchanged
sentences keep their reviewed translation: only the changed ones are sent to the engine, and
the reviewer is shown those and a suggestion made of the reviewed sentences and the machine
translation of the changed ones. Where it does not align, the paragraph is handled whole.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from polyhelp.errors import PolyhelpError
from polyhelp.project.git import committed_versions
from polyhelp.translation.inline_xml import TagMismatch, to_markdown, to_xml
from polyhelp.translation.memory import segment_key
from polyhelp.translation.segment import Document, segment
from polyhelp.translation.sentences import align, local_ids, split, tag_ids


@dataclass
class ReviewedParagraph:
    """One segment of the English a reviewer saw, and its reviewed translation by sentence."""

    sentences: list[str]  # the English sentences (XML, tags numbered per sentence)
    keys: list[str]  # their memory keys
    slots: list[dict]  # their slots, to write them as Markdown
    kind: str
    # The reviewed translation of each sentence, as Markdown; None where it does not align.
    translations: list[str] | None


def english_at(path: Path, wanted: str | None) -> Document | None:
    """The English page (now, or a committed version) whose translatable text has this hash."""
    if not wanted:
        return None
    for text in [path.read_text(encoding="utf-8-sig"), *committed_versions(path)]:
        try:
            document = segment(text, path)
        except PolyhelpError:
            continue
        if document.source_hash() == wanted:
            return document
    return None


def replaced(old_keys: list[str], new_keys: list[str]) -> dict[int, int]:
    """New segment index -> the old segment it replaces (changed in place, one for one)."""
    pairs: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(a=old_keys, b=new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace" and i2 - i1 == j2 - j1:
            pairs.update({j: i1 + offset for offset, j in enumerate(range(j1, j2))})
    return pairs


def reviewed_paragraphs(
    then: Document,
    translation: Document,
    locale: str,
    source_locale: str,
    keep: tuple[str, ...] = (),
) -> list[ReviewedParagraph]:
    """Each segment of the reviewed English with its reviewed translation, sentence by sentence.

    Segment i of the translation is taken as the translation of segment i of the English when
    both pages have as many segments (the translator kept the page's structure); else no
    sentence is aligned.
    """
    same_shape = len(then.segments) == len(translation.segments)
    paragraphs = []
    for index, seg in enumerate(then.segments):
        xml, slots = to_xml(seg.source, seg.kind, keep, then.references)
        pieces = split(xml, source_locale)
        local = [local_ids(piece) for piece in pieces]
        sentences = [piece for piece, _ in local]
        sentence_slots = [{key: slots[ids[key]] for key in ids} for _, ids in local]
        translations = None
        if same_shape and translation.segments[index].kind == seg.kind:
            target = translation.segments[index]
            target_xml, target_slots = to_xml(
                target.source, target.kind, keep, translation.references
            )
            translations = _as_markdown(
                align(xml, target_xml, locale, source_locale, own_tags=True),
                target_slots,
                seg.kind,
            )
        paragraphs.append(
            ReviewedParagraph(
                sentences=sentences,
                keys=[segment_key(sentence, locale) for sentence in sentences],
                slots=sentence_slots,
                kind=seg.kind,
                translations=translations,
            )
        )
    return paragraphs


def _as_markdown(pieces: list[str] | None, slots: dict, kind: str) -> list[str] | None:
    if pieces is None:
        return None
    try:
        return [
            to_markdown(piece, {key: slots[key] for key in tag_ids(piece)}, kind)
            for piece in pieces
        ]
    except (TagMismatch, KeyError):
        return None
