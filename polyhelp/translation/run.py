"""polyhelp translate: machine pre-translation that sends only what changed.

For each locale: every English segment without a stored translation is sent (batched);
then each translated page is written from the English page's skeleton. A segment is kept
sentence by sentence (`sentences`): when a paragraph of several sentences changes, only its
sentences with no stored translation are sent, the rest of the paragraph going along as
context (read by DeepL, not billed), and the paragraph is put together again from its
sentences. The sentences of a paragraph stored whole (by this version or an earlier one)
are found by aligning its stored translation with its English, sentence by sentence.
Reviewed pages are never touched (they become stale when their English changes); on machine
pages, text a person edited is kept; pseudo drafts never replace a page DeepL or a person
wrote.

Machine text is untrusted: a page is written only if its Markdown structure is the English
page's (`segment.structure`); a segment whose translation would change it keeps its English
and is reported with its file and line.
"""

from __future__ import annotations

import dataclasses
import difflib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from polyhelp.content import frontmatter
from polyhelp.errors import FrontMatterError, PolyhelpError
from polyhelp.project.catalog import page_names
from polyhelp.project.config import Site
from polyhelp.project.files import write_atomic
from polyhelp.translation.engines import (
    MAX_CHARACTERS,
    MAX_TEXTS,
    BadKeyError,
    Engine,
    EngineError,
    send_batches,
)
from polyhelp.translation.glossary import TranslationSettings
from polyhelp.translation.inline_xml import TagMismatch, plain_text, to_markdown, to_xml
from polyhelp.translation.memory import Entry, Refusal, TranslationMemory, segment_key, text_hash
from polyhelp.translation.record import check_record
from polyhelp.translation.reviewed import (
    ReviewedParagraph,
    english_at,
    replaced,
    reviewed_paragraphs,
)
from polyhelp.translation.segment import Document, Segment, reassemble, segment, structure
from polyhelp.translation.sentences import align, join, local_ids, paragraph_ids, split

log = logging.getLogger(__name__)


@dataclass
class Unit:
    """One English segment, or one sentence of it, ready to send to an engine for one locale."""

    segment: Segment
    xml: str
    slots: dict
    key: str
    # A sentence sent without the rest of its paragraph: that rest, sent as context.
    context: str | None = None
    # A sentence's tag ids (numbered from 1) -> its paragraph's; empty for a whole segment.
    ids: dict[str, str] = field(default_factory=dict)

    @cached_property
    def characters(self) -> int:
        return len(plain_text(self.xml))

    def markdown(self, translated: object) -> str:
        """The segment's Markdown from an engine's answer; TagMismatch when it is refused."""
        if not isinstance(translated, str):
            raise TagMismatch(f"the engine answered {type(translated).__name__}, not text")
        text = to_markdown(translated, self.slots, self.segment.kind)
        words = plain_text(self.xml).strip()
        if words and not text.strip():
            raise TagMismatch("translation is empty")
        if not words and plain_text(translated).strip():
            # Only placeholders or code (`{{ markets.list }}`): a block placeholder must stand
            # alone on its line, and there is nothing to translate beside it.
            raise TagMismatch("translation added words beside what must stand alone")
        return text


def unit_for(seg: Segment, references: dict, locale: str, settings: TranslationSettings) -> Unit:
    """A segment as it is sent to the engine and keyed in `locale`'s memory."""
    xml, slots = to_xml(seg.source, seg.kind, settings.do_not_translate, references)
    return Unit(seg, xml, slots, segment_key(xml, locale))


def sentence_units(unit: Unit, locale: str, source_locale: str) -> list[Unit]:
    """A segment's sentences as units of their own, keyed in `locale`'s memory.

    One sentence: the segment itself (its key is the sentence's: a single sentence keeps the
    key it had when the memory was kept per segment).
    """
    pieces = split(unit.xml, source_locale)
    if len(pieces) < 2:
        return [unit]
    sentences = []
    for piece in pieces:
        xml, ids = local_ids(piece)
        slots = {local: unit.slots[ids[local]] for local in ids}
        sentences.append(Unit(unit.segment, xml, slots, segment_key(xml, locale), ids=ids))
    return sentences


@dataclass
class SourcePage:
    name: str
    path: Path
    document: Document
    source_hash: str
    # Each segment as sent to an engine (XML and the slots to rebuild its Markdown): the same
    # for every locale, so made once.
    prepared: list[tuple[str, dict]]
    shape: list[tuple] = field(default_factory=list)  # its Markdown structure


@dataclass
class LocaleReport:
    locale: str
    segments_sent: int = 0
    characters_sent: int = 0
    requests: int = 0
    pages_written: list[str] = field(default_factory=list)
    pages_reviewed: list[str] = field(default_factory=list)
    pages_stale: list[str] = field(default_factory=list)
    pages_unmanaged: list[str] = field(default_factory=list)
    hand_edits_kept: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    remaining_segments: int = 0
    remaining_characters: int = 0
    pages_to_send: int = 0


def english_pages(
    site: Site, names: list[str] | None = None, settings: TranslationSettings | None = None
) -> list[SourcePage]:
    """The English pages to translate, segmented; a page that cannot be read stops here."""
    available = page_names(site, site.default_locale)
    chosen = names or sorted(available)
    pages = []
    for name in chosen:
        if name not in available:
            raise PolyhelpError(
                f"no English page '{name}' under {site.docs_dir / site.default_locale}"
            )
        path = site.docs_dir / site.default_locale / name
        text = path.read_text(encoding="utf-8-sig")
        frontmatter.split(text, path)  # front matter errors name file and line before sending
        document = segment(text, path)
        keep = settings.do_not_translate if settings else ()
        prepared = [
            to_xml(seg.source, seg.kind, keep, document.references) for seg in document.segments
        ]
        pages.append(
            SourcePage(name, path, document, document.source_hash(), prepared, structure(text))
        )
    return pages


class LocaleRun:
    """Translating the chosen English pages into one locale."""

    def __init__(
        self,
        site: Site,
        locale: str,
        pages: list[SourcePage],
        engine: Engine,
        settings: TranslationSettings,
        memory_folder: Path,
    ):
        self.memory_folder = memory_folder
        self.settings = settings
        self.site = site
        self.locale = locale
        self.pages = pages
        self.engine = engine
        self.memory = TranslationMemory(memory_folder, locale, persistent=engine.name != "pseudo")
        self.report = LocaleReport(locale)
        self.units = {
            page.name: [
                Unit(seg, xml, slots, segment_key(xml, locale))
                for seg, (xml, slots) in zip(page.document.segments, page.prepared, strict=True)
            ]
            for page in pages
        }
        # key -> why the engine's answer was refused, on this run or (kept in the memory until
        # the English changes or --retry-refused) an earlier one: not sent, nor billed, again.
        self.rejected: dict[str, str] = {k: r.reason for k, r in self.memory.refused.items()}
        self.existing: dict[str, tuple[str, dict]] = {}  # page -> its text and translation block
        self.states = {page.name: self._state(page) for page in pages}
        self._sentences: dict[str, list[Unit]] = {}  # segment key -> its sentences
        # Sentence key -> its translation, from stored translations of paragraphs that changed
        # since (aligned sentence by sentence): what need not be sent again.
        self.aligned: dict[str, Entry] = self._aligned_sentences()
        self._assembled_entries: list[tuple[str, Entry]] = []  # stored once the pages are written
        # Stale pages: changed segment key -> the reviewed paragraph it replaces, where that
        # aligns sentence by sentence with its reviewed translation.
        self.reviewed: dict[str, dict[str, ReviewedParagraph]] = {
            page.name: self._reviewed_paragraphs(page)
            for page in pages
            if self.states[page.name] == "stale"
        }

    def _state(self, page: SourcePage) -> str:
        """new | machine | reviewed | stale | kept | unmanaged: what translate may do with it.

        Only a page Polyhelp wrote as `machine` is ever rewritten; a record with a status or
        engine it does not know is an error (FrontMatterError), not a machine page.
        """
        target = self.site.docs_dir / self.locale / page.name
        if not target.exists():
            return "new"
        text = target.read_text(encoding="utf-8-sig")
        try:
            meta = frontmatter.split(text, target, max_description=None).meta
        except FrontMatterError:
            return "unmanaged"
        block = check_record(meta.get("translation"), text, target)
        if not block:
            return "unmanaged"
        self.existing[page.name] = (text, block)
        if block["status"] == "reviewed":
            return "reviewed" if block.get("source_hash") == page.source_hash else "stale"
        if self.engine.name == "pseudo" and block["engine"] != "pseudo":
            return "kept"  # a pseudo draft never replaces what DeepL or a person wrote
        return "machine"

    def _wanted(self, page: SourcePage) -> list[Unit]:
        """The units of a page whose translation this run needs."""
        state = self.states[page.name]
        units = self.units[page.name]
        if state in ("new", "machine"):
            return units
        if state == "stale":
            # Only what changed since the review, as suggestions for the reviewer.
            reviewed = set(self.memory.pages.get(page.name, {}).get("reviewed_source", []))
            return [unit for unit in units if unit.key not in reviewed] if reviewed else []
        return []

    def sentences(self, unit: Unit) -> list[Unit]:
        """A segment's sentences as units of their own (one: the segment itself)."""
        if unit.key not in self._sentences:
            self._sentences[unit.key] = sentence_units(unit, self.locale, self.site.default_locale)
        return self._sentences[unit.key]

    def _sentence_entry(self, sentence: Unit) -> Entry | None:
        return self.memory.get(sentence.key) or self.aligned.get(sentence.key)

    def _to_send(self, unit: Unit, page: SourcePage) -> list[Unit]:
        """What a segment needs sent: nothing, itself, or its sentences not yet translated.

        A segment none of whose sentences is known goes whole (a new paragraph is translated
        as one text); otherwise only its unknown sentences go, each with the rest of the
        paragraph as context.
        """
        if self.memory.get(unit.key) is not None or unit.key in self.rejected:
            return []
        sentences = self.sentences(unit)
        if len(sentences) == 1:
            return [unit]
        reviewed = self.reviewed.get(page.name, {}).get(unit.key)
        if reviewed is not None:
            # A reviewed page: its reviewer's sentences stay; only the changed ones are needed.
            known = [sentence.key in reviewed.keys for sentence in sentences]
        else:
            known = [self._sentence_entry(sentence) is not None for sentence in sentences]
        if not any(known):
            return [unit]
        context = " ".join(
            plain_text(sentence.xml).strip()
            for sentence, is_known in zip(sentences, known, strict=True)
            if is_known
        )
        return [
            dataclasses.replace(sentence, context=context)
            for sentence, is_known in zip(sentences, known, strict=True)
            if not is_known and sentence.key not in self.rejected
        ]

    def _page_sends(self, page: SourcePage) -> list[Unit]:
        return [item for unit in self._wanted(page) for item in self._to_send(unit, page)]

    def missing(self) -> list[Unit]:
        """Segments or sentences with no stored translation, each key once, in page order."""
        seen: set[str] = set()
        result = []
        for page in self.pages:
            for unit in self._page_sends(page):
                if (
                    unit.key not in seen
                    and self.memory.get(unit.key) is None
                    and unit.key not in self.rejected
                ):
                    seen.add(unit.key)
                    result.append(unit)
        return result

    def plan(self) -> LocaleReport:
        """What a run would send, without sending anything."""
        missing = self.missing()
        keys = {unit.key for unit in missing}
        self.report.remaining_segments = len(missing)
        self.report.remaining_characters = sum(unit.characters for unit in missing)
        self.report.pages_to_send = sum(
            1 for page in self.pages if any(u.key in keys for u in self._page_sends(page))
        )
        return self.report

    def _reviewed_paragraphs(self, page: SourcePage) -> dict[str, ReviewedParagraph]:
        """A stale page's changed segments that replace a reviewed paragraph aligned by sentence."""
        text, block = self.existing[page.name]
        then = english_at(page.path, block.get("reviewed_source_hash") or block.get("source_hash"))
        if then is None:
            return {}  # the English the reviewer saw is not in git: paragraphs go whole
        target = self.site.docs_dir / self.locale / page.name
        try:
            translation = segment(text, target)
        except PolyhelpError:
            return {}
        keep = self.settings.do_not_translate
        paragraphs = reviewed_paragraphs(
            then, translation, self.locale, self.site.default_locale, keep
        )
        old_keys = [
            unit_for(seg, then.references, self.locale, self.settings).key for seg in then.segments
        ]
        units = self.units[page.name]
        return {
            units[new].key: paragraphs[old]
            for new, old in replaced(old_keys, [unit.key for unit in units]).items()
            if paragraphs[old].translations is not None and len(paragraphs[old].sentences) > 1
        }

    def _aligned_sentences(self) -> dict[str, Entry]:
        """Sentences of the stored translations of machine pages' segments that changed since.

        The page record lists the segments a page was written from; a segment no longer in
        the English had its translation stored whole (or put together from sentences): where
        it aligns with its English sentence by sentence, each sentence's translation is known.
        """
        aligned: dict[str, Entry] = {}
        for page in self.pages:
            if self.states[page.name] != "machine":
                continue
            current = {unit.key for unit in self.units[page.name]}
            record = self.memory.pages.get(page.name, {})
            for key, _ in record.get("segments", []):
                entry = self.memory.get(key)
                if key in current or entry is None or not isinstance(entry.target, str):
                    continue
                targets = align(entry.source, entry.target, self.locale, self.site.default_locale)
                if targets is None:
                    continue
                for source, target in zip(
                    split(entry.source, self.site.default_locale), targets, strict=True
                ):
                    xml, _ = local_ids(source)
                    aligned[segment_key(xml, self.locale)] = Entry(xml, target, entry.engine)
        return aligned

    def send(self, on_progress: Callable[[int], None] = lambda n: None) -> None:
        """Translate every missing unit, batch by batch, storing each answered batch."""
        missing = self.missing()
        for batch, texts in send_batches(
            self.engine, missing, self.locale, MAX_TEXTS, MAX_CHARACTERS
        ):
            records, refused = [], {}
            for unit, translated in zip(batch, texts, strict=True):
                try:
                    unit.markdown(translated)
                except TagMismatch as problem:
                    self.rejected[unit.key] = str(problem)
                    refused[unit.key] = Refusal(unit.xml, str(problem))
                    continue
                records.append((unit.key, Entry(unit.xml, translated, self.engine.name)))
            self.memory.add(records, refused)
            self.report.segments_sent += len(batch)
            self.report.characters_sent += sum(unit.characters for unit in batch)
            self.report.requests += 1
            on_progress(sum(unit.characters for unit in batch))

    def write_pages(self) -> None:
        """Write every page whose translations are all available."""
        remaining = [unit for unit in self.missing() if unit.key not in self.rejected]
        self.report.remaining_segments = len(remaining)
        self.report.remaining_characters = sum(u.characters for u in remaining)
        for page in self.pages:
            self._write_page(page)
        self.memory.add(self._assembled_entries)
        self._assembled_entries = []
        self.memory.save()

    # --- one page --------------------------------------------------------------------

    def _machine_text(self, unit: Unit, page: SourcePage) -> str | None:
        entry = self.memory.get(unit.key) or self._assembled(unit)
        if entry is None:
            refused = [
                self.rejected[item.key]
                for item in [unit, *self.sentences(unit)]
                if item.key in self.rejected
            ]
            if refused:
                # The engine damaged this segment's tags: the English stays, for a person.
                self.report.rejected.append(
                    f"{self.locale}/{page.name}:{unit.segment.line}: {refused[0]}"
                )
                return unit.segment.source
            return None
        try:
            text = unit.markdown(entry.target)
        except TagMismatch as problem:
            # Stored by an earlier version that checked less: the English stays, for a person.
            self.report.rejected.append(f"{self.locale}/{page.name}:{unit.segment.line}: {problem}")
            return unit.segment.source
        if self.memory.get(unit.key) is None:
            # Put together from its sentences: stored whole, so the next run finds it at once.
            self._assembled_entries.append((unit.key, entry))
        return text

    def _assembled(self, unit: Unit) -> Entry | None:
        """A segment's translation put together from its sentences' (None if one is missing)."""
        sentences = self.sentences(unit)
        if len(sentences) == 1:
            return None
        entries = [self._sentence_entry(sentence) for sentence in sentences]
        if any(entry is None or not isinstance(entry.target, str) for entry in entries):
            return None
        target = join(
            [
                paragraph_ids(entry.target, sentence.ids)
                for sentence, entry in zip(sentences, entries, strict=True)
            ],
            self.locale,
        )
        engines = {entry.engine for entry in entries}
        return Entry(unit.xml, target, engines.pop() if len(engines) == 1 else self.engine.name)

    def _write_page(self, page: SourcePage) -> None:
        state = self.states[page.name]
        report = {
            "reviewed": self.report.pages_reviewed,
            "stale": self.report.pages_stale,
            "unmanaged": self.report.pages_unmanaged,
        }
        if state in report:
            report[state].append(page.name)
            return
        if state == "kept":
            engine = self.existing[page.name][1]["engine"]
            self.report.hand_edits_kept.append(
                f"{self.locale}/{page.name}: written by {engine}; a pseudo draft never "
                "replaces it, left as it is"
            )
            return
        target = self.site.docs_dir / self.locale / page.name
        units = self.units[page.name]
        existing_text, block = self.existing.get(page.name, (None, {}))
        record = self.memory.pages.get(page.name, {})
        if (
            existing_text is not None
            and block.get("source_hash") == page.source_hash
            and block.get("engine") == self.engine.name
            and record.get("written") == text_hash(existing_text)
        ):
            return  # written by the last run from this very English, untouched since
        machine = [self._machine_text(unit, page) for unit in units]
        texts: list[str | None] | None = machine
        by_hand: set[int] = set()
        # Pseudo pages are development drafts: always regenerated, never hand-edited.
        same_engine = block.get("engine") == self.engine.name != "pseudo"
        if existing_text is not None and same_engine:
            merged = self._merge(page, units, machine, existing_text, target)
            texts, by_hand = merged if merged is not None else (None, set())
        if texts is None or any(text is None for text in texts):
            return
        checked = self._same_structure(page, [t or "" for t in texts], by_hand)
        if checked is None:
            return
        texts, written = checked
        machine = [text if i not in by_hand else machine[i] for i, text in enumerate(texts)]
        written = frontmatter.set_block(
            written,
            "translation",
            {"source_hash": page.source_hash, "status": "machine", "engine": self.engine.name},
        )
        self.memory.pages[page.name] = {
            "segments": [
                [unit.key, text_hash(text or "")] for unit, text in zip(units, machine, strict=True)
            ],
            "written": text_hash(written),
        }
        if written != existing_text:
            write_atomic(target, written)
            self.report.pages_written.append(page.name)

    def _same_structure(
        self, page: SourcePage, texts: list[str], by_hand: set[int]
    ) -> tuple[list[str], str] | None:
        """The texts and the page they make, once its structure is the English page's.

        A machine segment that alone would change the structure (a newline that starts an
        admonition, a heading or a table row...) keeps its English and is reported; text
        edited by hand is never replaced, so a page whose hand edits change the structure
        is left as it is. None when the page cannot be written.
        """
        written = reassemble(page.document, texts)
        if self._fits(page, written, texts):
            return texts, written
        english = [seg.source for seg in page.document.segments]
        texts = list(texts)
        for index, (seg, text) in enumerate(zip(page.document.segments, texts, strict=True)):
            if index in by_hand or text == seg.source:
                continue
            alone = english[:index] + [text] + english[index + 1 :]
            if not self._fits(page, reassemble(page.document, alone), alone):
                texts[index] = seg.source
                self.report.rejected.append(
                    f"{self.locale}/{page.name}:{seg.line}: translation would change the "
                    "page's structure (a heading, list item, table row, code block, "
                    "admonition or front matter key the English does not have)"
                )
        written = reassemble(page.document, texts)
        if self._fits(page, written, texts):
            return texts, written
        self.report.hand_edits_kept.append(
            f"{self.locale}/{page.name}: its structure differs from the English page's; "
            "left as it is"
        )
        return None

    @staticmethod
    def _fits(page: SourcePage, written: str, texts: list[str]) -> bool:
        """True if the page has the English page's structure and its front matter reads back."""
        if structure(written) != page.shape:
            return False
        try:
            meta = frontmatter.split(written, page.path, max_description=None).meta
        except FrontMatterError:
            return False
        return all(
            meta.get(seg.meta_key) == text
            for seg, text in zip(page.document.segments, texts, strict=True)
            if seg.kind == "meta"
        )

    def _merge(
        self, page, units, machine, existing_text, target
    ) -> tuple[list[str | None], set[int]] | None:
        """Machine text for what changed; what a person edited by hand stays (and its index)."""
        current = [seg.source for seg in segment(existing_text, target).segments]
        manifest = self.memory.pages.get(page.name, {}).get("segments")
        if manifest is None or len(manifest) != len(current):
            self.report.hand_edits_kept.append(
                f"{self.locale}/{page.name}: its structure was edited by hand; left as it is"
            )
            return None
        old_keys = [key for key, _ in manifest]
        edited = [
            text_hash(text) != written for text, (_, written) in zip(current, manifest, strict=True)
        ]
        texts: list[str | None] = list(machine)
        by_hand: set[int] = set()
        matcher = difflib.SequenceMatcher(a=old_keys, b=[u.key for u in units], autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            for offset, j in enumerate(range(j1, j2)):
                i = i1 + offset
                if tag in ("equal", "replace") and i < i2 and edited[i]:
                    texts[j] = current[i]
                    by_hand.add(j)
                    if tag == "replace":
                        self.report.hand_edits_kept.append(
                            f"{self.locale}/{page.name}:{units[j].segment.line}: edited by hand, "
                            "kept although its English changed"
                        )
        return texts, by_hand


ADOPTED_QA_OVERRIDE = "adopted hand-written translation, not checked against the English"


def adopt_human_pages(run: LocaleRun, today: str) -> list[str]:
    """Mark hand-written pages (no translation block) as reviewed translations of today's English.

    For a help center that had translations before Polyhelp: from now on they are
    reviewed pages, stale when their English changes.
    """
    adopted = []
    # Recorded even when this run's engine keeps no memory (pseudo): reviews are real.
    memory = TranslationMemory(run.memory_folder, run.locale)
    for page in run.pages:
        if run.states[page.name] != "unmanaged":
            continue
        target = run.site.docs_dir / run.locale / page.name
        text = target.read_text(encoding="utf-8-sig")
        try:
            frontmatter.split(text, target, max_description=None)
        except FrontMatterError:
            continue
        block = {
            "source_hash": page.source_hash,
            "status": "reviewed",
            "engine": "human",
            "reviewed_by": "adopted from the existing translation",
            "reviewed_at": today,
            "reviewed_source_hash": page.source_hash,
            # Written independently of the English, before Polyhelp: QA findings against
            # it are expected and were not reviewed one by one.
            "qa_override": ADOPTED_QA_OVERRIDE,
        }
        write_atomic(target, frontmatter.set_block(text, "translation", block))
        record = {"reviewed_source": [unit.key for unit in run.units[page.name]]}
        memory.pages[page.name] = run.memory.pages[page.name] = record
        run.states[page.name] = "reviewed"
        adopted.append(page.name)
    memory.save()
    return adopted


def translate_locale(
    run: LocaleRun, dry_run: bool, on_progress: Callable[[int], None] = lambda n: None
) -> LocaleReport:
    """Send what is missing and write the pages; on an engine failure, keep what was done."""
    if dry_run:
        return run.plan()
    try:
        run.send(on_progress)
    except BadKeyError:
        raise  # nothing was translated with a bad key: nothing is written
    except EngineError as error:
        run.write_pages()
        error.message += (
            f"; {run.locale}: {run.report.remaining_segments} segments "
            f"({run.report.remaining_characters} characters) still to translate, "
            "everything translated before is saved: run translate again to send only those"
        )
        raise
    run.write_pages()
    return run.report
