"""The QA gate: every finding fails, except the exact ones a reviewer accepted.

A reviewer who keeps a translation despite a QA finding says why
(`polyhelp review PATH --accept --despite-qa REASON`), and the page's translation record
lists that finding by rule, segment and value (`accepted_findings`): the same finding stays
accepted, any other fails, however alike. A reviewed page also records a hash of its link
targets, numbers, placeholders, code and HTML (`reviewed_values_hash`); changing any of them
fails until a reviewer accepts the page again, so no recorded finding can cover it.

The record of old, `translation.qa_override` (every finding of a page accepted at once), is
no longer read: it fails, naming the one-off migration (`migrate_override`).

The build asks `withheld` whether a machine translation fails QA; such a page is not
published, its locale shows the English page with a notice instead.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from polyhelp.content import frontmatter
from polyhelp.errors import FrontMatterError, PolyhelpError, relative_to_cwd
from polyhelp.project.config import Site
from polyhelp.project.files import write_atomic
from polyhelp.project.yamlfile import read_text
from polyhelp.review.history import texts_in_history
from polyhelp.review.interface import interface_findings
from polyhelp.review.qa import Finding, check_page, kept_values
from polyhelp.translation.glossary import TranslationSettings, load_settings
from polyhelp.translation.record import check_record, line_of

ACCEPTED = "accepted_findings"
VALUES_HASH = "reviewed_values_hash"
OLD_OVERRIDE = "qa_override"
STARTER_REASON = "adopted starter translation; not yet aligned with the English"
ADOPTED_REASON = "adopted hand-written translation; not yet aligned with the English"
_FIELDS = ("rule", "segment", "value", "reason")


@dataclass(frozen=True)
class Acceptance:
    """One finding a reviewer accepted, as recorded in the page's translation record."""

    rule: str
    segment: str
    value: str
    reason: str

    @property
    def identity(self) -> tuple[str, str, str]:
        return self.rule, self.segment, self.value

    def as_record(self) -> dict[str, str]:
        return {
            "rule": self.rule,
            "segment": self.segment,
            "value": self.value,
            "reason": self.reason,
        }


def acceptances(block: dict, text: str, path: Path | str) -> list[Acceptance]:
    """The findings a page's record accepts; FrontMatterError naming the line if malformed."""
    records = block.get(ACCEPTED)
    if records is None:
        return []
    example = "as polyhelp review --accept --despite-qa REASON writes it"
    if not isinstance(records, list):
        raise FrontMatterError(
            f"translation.{ACCEPTED} must be a list of findings (rule, segment, value, "
            f"reason), {example}",
            path,
            line_of(text, ACCEPTED),
        )
    found = []
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict) or set(record) != set(_FIELDS):
            raise FrontMatterError(
                f"translation.{ACCEPTED}, entry {number}: expected exactly the keys "
                f"{', '.join(_FIELDS)}, {example}",
                path,
                line_of(text, ACCEPTED),
            )
        if not all(isinstance(record[key], str) and record[key] for key in _FIELDS):
            raise FrontMatterError(
                f"translation.{ACCEPTED}, entry {number}: rule, segment, value and reason "
                "must be non-empty text",
                path,
                line_of(text, ACCEPTED),
            )
        found.append(Acceptance(*(record[key] for key in _FIELDS)))
    return found


def values_hash(text: str, path: Path | str) -> str:
    """A hash of a page's link targets, numbers, placeholders, code and HTML."""
    joined = "\n".join(f"{check}\0{key}" for check, key in kept_values(text, path))
    return hashlib.sha256(joined.encode()).hexdigest()[:16]


def apply_acceptances(findings: list[Finding], accepted: list[Acceptance]) -> list[Finding]:
    """`findings` with those a record accepts marked `accepted` (with the reason)."""
    reasons = {acceptance.identity: acceptance.reason for acceptance in accepted}
    return [
        dataclasses.replace(
            finding,
            severity="accepted",
            message=f"{finding.message} (accepted: {reasons[finding.identity]})",
        )
        if finding.identity in reasons
        else finding
        for finding in findings
    ]


def page_findings(
    english_text: str, text: str, locale: str, path: Path, settings: TranslationSettings
) -> list[Finding]:
    """QA of a translated page against its English, its record applied: accepted findings
    marked so, and errors for what the record itself says (a changed reviewed value, an old
    blanket override)."""
    block = _record(text, path)
    findings = check_page(english_text, text, locale, path, settings)
    findings = apply_acceptances(findings, acceptances(block, text, path))
    shown = relative_to_cwd(path)
    if OLD_OVERRIDE in block:
        message = (
            f"translation.{OLD_OVERRIDE} accepts every QA finding at once and is no longer "
            "read; record the findings one by one (scripts/migrate_qa_override.py, once), "
            f"or review the page: polyhelp review {shown} --accept"
        )
        findings.append(
            Finding(path, line_of(text, OLD_OVERRIDE), "error", "record", message, value="")
        )
    if block.get("status") == "reviewed":
        recorded = block.get(VALUES_HASH)
        if recorded is None:
            message = (
                f"reviewed page without translation.{VALUES_HASH} (what its links, numbers, "
                f"placeholders and code were when reviewed); review it: polyhelp review "
                f"{shown} --accept"
            )
        elif recorded != values_hash(text, path):
            message = (
                "link targets, numbers, placeholders, code or HTML changed since this page "
                f"was reviewed{_changes_since_review(path, recorded, text)}; a reviewer checks "
                f"the change and accepts the page again: polyhelp review {shown} --accept"
            )
        else:
            message = None
        if message:
            line = line_of(text, VALUES_HASH if recorded else None)
            findings.append(Finding(path, line, "error", "reviewed-values", message))
    return sorted(findings, key=lambda finding: finding.line)


def _record(text: str, path: Path) -> dict:
    meta = frontmatter.split(text, path, max_description=None).meta
    return check_record(meta.get("translation"), text, path)


def _changes_since_review(path: Path, recorded: str, text: str) -> str:
    """ " (added: X; removed: Y)" against the version in git the review recorded, if found."""
    for old in texts_in_history(path):
        try:
            if values_hash(old, path) != recorded:
                continue
        except PolyhelpError:  # a version that no longer reads says nothing about this one
            continue
        before, after = Counter(kept_values(old, path)), Counter(kept_values(text, path))
        added = ", ".join(key for _, key in sorted(after - before))
        removed = ", ".join(key for _, key in sorted(before - after))
        parts = [f"added: {added}" if added else "", f"removed: {removed}" if removed else ""]
        return f" ({'; '.join(part for part in parts if part)})"
    return ""


def check_site(site: Site, settings: TranslationSettings) -> list[Finding]:
    """QA of every translated page against its English page, each page's record applied."""
    findings: list[Finding] = []
    for locale in site.locales:
        if locale == site.default_locale:
            continue
        findings += interface_findings(site, locale, settings)
        folder = site.docs_dir / locale
        for path in sorted(folder.rglob("*.md")):
            english = site.docs_dir / site.default_locale / path.relative_to(folder)
            if not english.is_file():
                continue
            text = read_text(path, "utf-8-sig")
            english_text = read_text(english, "utf-8-sig")
            findings += page_findings(english_text, text, locale, path, settings)
    return findings


def record_for_review(
    block: dict,
    findings: list[Finding],
    text: str,
    path: Path,
    despite_qa: str | None,
) -> tuple[dict, list[Finding]]:
    """The record of a page a reviewer accepts, and the findings it newly accepts.

    Findings accepted before stay accepted (with their reasons); new ones are accepted with
    `despite_qa`; acceptances no longer found are dropped; the values are hashed anew.
    """
    block = dict(block)
    earlier = {a.identity: a for a in acceptances(block, text, path)}
    kept: dict[tuple[str, str, str], Acceptance] = {}
    new: list[Finding] = []
    for finding in findings:
        if finding.identity in earlier:
            kept[finding.identity] = earlier[finding.identity]
        elif finding.identity not in kept:
            new.append(finding)
            if despite_qa:
                kept[finding.identity] = Acceptance(*finding.identity, despite_qa)
    block.pop(OLD_OVERRIDE, None)
    block.pop(ACCEPTED, None)
    block[VALUES_HASH] = values_hash(text, path)
    if kept:
        block[ACCEPTED] = [acceptance.as_record() for acceptance in kept.values()]
    return block, new


def migrate_override(
    path: Path, english_text: str, locale: str, settings: TranslationSettings, reason: str
) -> int | None:
    """Replace a page's blanket `qa_override` with the exact findings QA reports on it today,
    each accepted with `reason`, and record a reviewed page's values where that is missing;
    the number of findings accepted, None if the page needed neither."""
    text = read_text(path, "utf-8-sig")
    block = _record(text, path)
    override = OLD_OVERRIDE in block
    if not override and (block.get("status") != "reviewed" or VALUES_HASH in block):
        return None
    findings = check_page(english_text, text, locale, path, settings)
    if override:
        block.pop(ACCEPTED, None)  # the override covered them all: record them all anew
    record, _ = record_for_review(block, findings, text, path, reason if override else None)
    write_atomic(path, frontmatter.set_block(text, "translation", record))
    return len(record.get(ACCEPTED, []))


def migrate_site(site: Site, reason: str) -> list[tuple[Path, int]]:
    """`migrate_override` on every translated page with a `qa_override`: (page, findings)."""
    settings = load_settings(site.data_dir)
    migrated = []
    for locale in site.locales:
        if locale == site.default_locale:
            continue
        folder = site.docs_dir / locale
        for path in sorted(folder.rglob("*.md")):
            english = site.docs_dir / site.default_locale / path.relative_to(folder)
            if not english.is_file():
                continue
            english_text = read_text(english, "utf-8-sig")
            count = migrate_override(path, english_text, locale, settings, reason)
            if count is not None:
                migrated.append((path, count))
    return migrated


def withheld(site: Site, locale: str, name: str) -> list[Finding]:
    """The QA errors that keep a machine translation off the site ([] if none, or if the
    page is not a machine translation)."""
    path = site.docs_dir / locale / name
    english = site.docs_dir / site.default_locale / name
    if not path.is_file() or not english.is_file():
        return []
    # Cached until the page, its English or the glossary changes: the build asks for every
    # page of every locale, and its search engine links and sitemap ask again.
    data = site.data_dir
    stamps = (_stamp(path), _stamp(english), _stamp(data / "glossary.yml"))
    return list(_withheld(path, english, locale, data, stamps))


def _stamp(path: Path) -> tuple[int, int] | None:
    if not path.is_file():
        return None
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=65536)  # a page per locale: large sites have thousands
def _withheld(path: Path, english: Path, locale: str, data_dir: Path, _stamps) -> tuple:
    text = read_text(path, "utf-8-sig")
    if _record(text, path).get("status") != "machine":
        return ()
    settings = load_settings(data_dir)
    findings = page_findings(read_text(english, "utf-8-sig"), text, locale, path, settings)
    return tuple(finding for finding in findings if finding.severity == "error")
