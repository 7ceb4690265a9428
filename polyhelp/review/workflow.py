"""polyhelp review: what changed in the English since a translation was reviewed; accepting it."""

from __future__ import annotations

import datetime
import difflib
import subprocess
from dataclasses import dataclass
from pathlib import Path

from polyhelp.content import frontmatter
from polyhelp.errors import PolyhelpError
from polyhelp.project.config import Site
from polyhelp.project.files import write_atomic
from polyhelp.project.yamlfile import read_text
from polyhelp.review import gate
from polyhelp.review.history import texts_in_history
from polyhelp.review.qa import Finding, check_page
from polyhelp.review.states import english_page, page_state
from polyhelp.translation.glossary import TranslationSettings
from polyhelp.translation.inline_xml import TagMismatch, to_markdown
from polyhelp.translation.memory import TranslationMemory
from polyhelp.translation.record import check_record
from polyhelp.translation.reviewed import reviewed_paragraphs
from polyhelp.translation.run import sentence_units, unit_for
from polyhelp.translation.segment import Document, segment
from polyhelp.translation.sentences import join


class ReviewRefused(PolyhelpError):
    """The translation fails QA; it is not marked reviewed."""


@dataclass
class Change:
    line: int  # line of the English page now (0 for a deleted passage)
    diff: str  # word-level diff: [-removed-]{+added+}
    # The new English's translation: the machine's, or for a paragraph whose reviewed
    # translation aligns sentence by sentence, the reviewed sentences around the machine's
    # translation of the changed ones; None if not stored yet.
    suggestion: str | None
    # Why a changed paragraph is shown whole: its reviewed translation does not align with
    # its English sentence by sentence. None where it does, or for a one-sentence change.
    whole: str | None = None


@dataclass
class ReviewView:
    locale: str
    name: str
    state: str
    baseline_found: bool  # whether the reviewed English was found in git history
    changes: list[Change]
    translation: str


def translated_page(site: Site, path: Path | str) -> tuple[str, str]:
    """(locale, page name) of a translated page's path, e.g. docs/fr/support/contact.md."""
    resolved = Path(path).resolve()
    for locale in site.locales:
        folder = (site.docs_dir / locale).resolve()
        if locale != site.default_locale and resolved.is_relative_to(folder):
            name = resolved.relative_to(folder).as_posix()
            if not resolved.is_file():
                raise PolyhelpError(f"{path}: no such translated page")
            if not (site.docs_dir / site.default_locale / name).is_file():
                raise PolyhelpError(f"{path}: has no English page to review it against")
            return locale, name
    raise PolyhelpError(
        f"{path}: not a translated page (they live in docs/<locale>/ for "
        f"{', '.join(code for code in site.locales if code != site.default_locale)})"
    )


def review_view(site: Site, path: Path | str, memory_folder: Path, settings: TranslationSettings):
    locale, name = translated_page(site, path)
    state = page_state(site, locale, name)
    english_path = site.docs_dir / site.default_locale / name
    now = segment(read_text(english_path, "utf-8-sig"), english_path)
    wanted = state.translation.get("reviewed_source_hash") or state.translation.get("source_hash")
    then = _english_with_hash(english_path, wanted)
    memory = TranslationMemory(memory_folder, locale)
    changes = []
    if then is not None:
        translation = (
            segment(read_text(state.path, "utf-8-sig"), state.path) if state.path else None
        )
        reviewed = (
            reviewed_paragraphs(
                then, translation, locale, site.default_locale, settings.do_not_translate
            )
            if translation is not None
            else []
        )
        changes = _changes(then, now, locale, memory, settings, reviewed, site.default_locale)
    return ReviewView(
        locale=locale,
        name=name,
        state=state.state,
        baseline_found=then is not None,
        changes=changes,
        translation=read_text(state.path) if state.path else "",
    )


def _english_with_hash(path: Path, wanted: str | None) -> Document | None:
    if not wanted:
        return None
    for text in [read_text(path, "utf-8-sig"), *texts_in_history(path)]:
        document = segment(text, path)
        if document.source_hash() == wanted:
            return document
    return None


def _changes(
    then: Document, now: Document, locale, memory, settings, reviewed, source_locale
) -> list[Change]:
    """What changed in the English, passage by passage; a paragraph changed in place whose
    reviewed translation aligns sentence by sentence shows its changed sentences only."""
    old = [seg.source for seg in then.segments]
    new = [seg.source for seg in now.segments]
    changes = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1 and len(reviewed) == len(old):
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                changes.append(
                    _paragraph_change(
                        then.segments[i],
                        now,
                        j,
                        reviewed[i],
                        locale,
                        memory,
                        settings,
                        source_locale,
                    )
                )
            continue
        diff = word_diff(" ".join(old[i1:i2]), " ".join(new[j1:j2]))
        line = now.segments[j1].line if j1 < j2 else 0
        suggestions = [
            _suggestion(seg, now, locale, memory, settings) for seg in now.segments[j1:j2]
        ]
        known = [s for s in suggestions if s]
        changes.append(Change(line, diff, "\n".join(known) if known else None))
    return changes


def _paragraph_change(
    before, now: Document, index: int, reviewed, locale, memory, settings, source_locale
) -> Change:
    """One changed segment: its changed sentences and a suggestion keeping the reviewed ones."""
    seg = now.segments[index]
    unit = unit_for(seg, now.references, locale, settings)
    sentences = sentence_units(unit, locale, source_locale)
    whole_diff = word_diff(before.source, seg.source)
    whole_suggestion = _suggestion(seg, now, locale, memory, settings)
    if len(sentences) < 2 and len(reviewed.sentences) < 2:
        return Change(seg.line, whole_diff, whole_suggestion)
    if reviewed.translations is None:
        return Change(
            seg.line,
            whole_diff,
            whole_suggestion,
            whole="its reviewed translation does not align with its English sentence by "
            "sentence (other sentence count, or links, emphasis or code in other sentences): "
            "the whole paragraph's machine translation is suggested",
        )
    diffs, parts = [], []
    matcher = difflib.SequenceMatcher(
        a=reviewed.keys, b=[sentence.key for sentence in sentences], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.extend(reviewed.translations[i1:i2])
            continue
        before_text = " ".join(
            _sentence_markdown(reviewed.sentences[i], reviewed.slots[i], reviewed.kind)
            for i in range(i1, i2)
        )
        after_text = " ".join(
            _sentence_markdown(sentence.xml, sentence.slots, seg.kind)
            for sentence in sentences[j1:j2]
        )
        diffs.append(word_diff(before_text, after_text))
        for sentence in sentences[j1:j2]:
            entry = memory.get(sentence.key)
            parts.append(_target_markdown(entry, sentence) if entry else None)
    suggestion = None if any(part is None for part in parts) else join(parts, locale)
    return Change(seg.line, " … ".join(diffs), suggestion)


def _sentence_markdown(xml: str, slots: dict, kind: str) -> str:
    try:
        return to_markdown(xml, slots, kind)
    except TagMismatch:
        return xml


def _target_markdown(entry, sentence) -> str | None:
    try:
        return sentence.markdown(entry.target)
    except TagMismatch:
        return None


def _suggestion(seg, document, locale, memory, settings) -> str | None:
    unit = unit_for(seg, document.references, locale, settings)
    entry = memory.get(unit.key)
    if entry is None:
        return None
    try:
        return to_markdown(entry.target, unit.slots, seg.kind)
    except TagMismatch:
        return None


def word_diff(before: str, after: str) -> str:
    """`before` -> `after` word by word: [-removed words-]{+added words+}."""
    old, new = before.split(), after.split()
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append(" ".join(old[i1:i2]))
            continue
        if i1 < i2:
            parts.append(f"[-{' '.join(old[i1:i2])}-]")
        if j1 < j2:
            parts.append(f"{{+{' '.join(new[j1:j2])}+}}")
    return " ".join(parts)


def git_user_name(root: Path) -> str | None:
    try:
        result = subprocess.run(
            ["git", "config", "user.name"], cwd=root, capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    return result.stdout.strip() or None


def accept(
    site: Site,
    path: Path | str,
    memory_folder: Path,
    settings: TranslationSettings,
    by: str | None = None,
    despite_qa: str | None = None,
    today: datetime.date | None = None,
) -> list[Finding]:
    """Mark a translated page reviewed against the current English; refuse if QA finds errors
    it did not accept before, unless `despite_qa` says why (then each is recorded with it).

    Returns the page's findings: those accepted now or before have severity "accepted".
    """
    locale, name = translated_page(site, path)
    target = site.docs_dir / locale / name
    english_path = site.docs_dir / site.default_locale / name
    english_text = read_text(english_path, "utf-8-sig")
    text = read_text(target, "utf-8-sig")
    findings = check_page(english_text, text, locale, target, settings)
    meta = frontmatter.split(text, target, max_description=None).meta
    block = check_record(meta.get("translation"), text, target)
    record, new = gate.record_for_review(block, findings, text, target, despite_qa)
    if new and not despite_qa:
        raise ReviewRefused(
            f"{len(new)} QA error(s), first: {new[0]}; fix them, or accept these exact "
            "findings with --despite-qa 'reason' (each is recorded with the reason)",
            target,
        )
    reviewer = by or git_user_name(site.root)
    if not reviewer:
        raise PolyhelpError("who reviewed it? pass --by NAME (or set git config user.name)")
    block = record
    current = english_page(english_path).source_hash
    block.update(
        {
            "source_hash": current,
            "status": "reviewed",
            "engine": block.get("engine", "human"),
            "reviewed_by": reviewer,
            "reviewed_at": (today or datetime.date.today()).isoformat(),
            "reviewed_source_hash": current,
        }
    )
    for key in (gate.VALUES_HASH, gate.ACCEPTED):  # last: the longest, and read last
        if key in block:
            block[key] = block.pop(key)
    write_atomic(target, frontmatter.set_block(text, "translation", block))
    memory = TranslationMemory(memory_folder, locale)
    now = segment(english_text, english_path)
    memory.pages[name] = {
        "reviewed_source": [
            unit_for(seg, now.references, locale, settings).key for seg in now.segments
        ]
    }
    memory.save()
    return gate.apply_acceptances(findings, gate.acceptances(block, text, target))
