"""Translation memory: what each source segment became in each locale, kept in the repository.

Three files per locale under translations/, JSON Lines sorted by key, so that two runs
that translate the same things write identical files and git merges them line by line:
- <locale>.jsonl: one line per translated segment {key, source, target, engine};
- <locale>.pages.jsonl: one line per machine-translated page: the segments it was written
  from and a hash of the text written for each, to tell hand edits from machine text;
- <locale>.refused.jsonl: one line per segment whose answer was refused (damaged tags, an
  empty or missing text) {key, source, reason}: it is not sent (nor billed) again until its
  English changes (a new key) or `translate --retry-refused`.
While a run is under way, each batch the engine answers is appended to a journal and synced
before the next one is sent; a run killed at any moment loses nothing it paid for: the next
one folds the journal into the memory (`fold_journals`). Appending and saving hold a short
lock (.memory.lock), and saving merges what is on disk, so that no writer deletes lines
another one appended.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock

from polyhelp.project.files import write_atomic

JOURNAL_SUFFIX = ".journal.jsonl"
MEMORY_LOCK = ".memory.lock"


def segment_key(xml: str, locale: str) -> str:
    """The memory key of a source segment for a locale: whitespace does not matter."""
    normalized = " ".join(xml.split())
    return hashlib.sha256(f"{locale}\n{normalized}".encode()).hexdigest()[:20]


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Entry:
    source: str
    target: str
    engine: str


@dataclass(frozen=True)
class Refusal:
    source: str
    reason: str


class TranslationMemory:
    """The memory of one locale."""

    def __init__(self, folder: Path, locale: str, persistent: bool = True):
        self.persistent = persistent
        self.folder = Path(folder)
        self.locale = locale
        self.path = self.folder / f"{locale}.jsonl"
        self.pages_path = self.folder / f"{locale}.pages.jsonl"
        self.refused_path = self.folder / f"{locale}.refused.jsonl"
        self.journal = self.folder / f".{locale}{JOURNAL_SUFFIX}"
        self.entries: dict[str, Entry] = {}
        # page -> {"segments": [[key, written text hash], ...]} for machine pages, or
        # {"reviewed_source": [key, ...]}: the English segments a reviewer saw.
        self.pages: dict[str, dict] = {}
        self.refused: dict[str, Refusal] = {}
        self._forgotten: set[str] = set()  # refusals withdrawn by this run (--retry-refused)
        if not persistent:
            return
        self.entries, self.refused, self.pages = self._on_disk()

    def get(self, key: str) -> Entry | None:
        return self.entries.get(key)

    def add(self, records: list[tuple[str, Entry]], refused: dict[str, Refusal] | None = None):
        """Store translations (and refusals) and make them durable before returning."""
        refused = refused or {}
        if not records and not refused:
            return
        for key, entry in records:
            self.entries[key] = entry
            self.refused.pop(key, None)
        self.refused.update(refused)
        if not self.persistent:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        lines = "".join(_line(key, entry) for key, entry in records) + "".join(
            _refusal_line(key, refusal) for key, refusal in refused.items()
        )
        with self._lock(), open(self.journal, "a", encoding="utf-8") as journal:
            journal.write(lines)
            journal.flush()
            os.fsync(journal.fileno())

    def forget_refusals(self) -> None:
        """Send refused segments again (`translate --retry-refused`).

        A page written with the English of a refused segment is then no longer "written by
        the last run and untouched": it is rewritten with what the engine answers now.
        """
        for record in self.pages.values():
            if any(key in self.refused for key, _ in record.get("segments", [])):
                record.pop("written", None)
        self._forgotten.update(self.refused)
        self.refused.clear()

    def save(self) -> None:
        """Write the sorted memory, refusals and page records; then the journal is not needed.

        What is on disk (another process's saved lines, a journal) is merged, not replaced.
        """
        if not self.persistent:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        with self._lock():
            entries, refused, pages = self._on_disk()
            entries.update(self.entries)
            refused.update(self.refused)
            for key in self._forgotten | set(entries):
                refused.pop(key, None)
            pages.update(self.pages)
            self.entries, self.refused, self.pages = entries, refused, pages
            if entries or self.path.exists():
                write_atomic(
                    self.path, "".join(_line(key, entries[key]) for key in sorted(entries))
                )
            if pages or self.pages_path.exists():
                write_atomic(
                    self.pages_path,
                    "".join(
                        json.dumps({"page": page, **pages[page]}, ensure_ascii=False) + "\n"
                        for page in sorted(pages)
                    ),
                )
            if refused or self.refused_path.exists():
                write_atomic(
                    self.refused_path,
                    "".join(_refusal_line(key, refused[key]) for key in sorted(refused)),
                )
            # Only now, with every line of it in the files above.
            self.journal.unlink(missing_ok=True)

    def _on_disk(self) -> tuple[dict[str, Entry], dict[str, Refusal], dict[str, dict]]:
        entries: dict[str, Entry] = {}
        refused: dict[str, Refusal] = {}
        for record in _read_jsonl(self.refused_path):
            refused[record["key"]] = Refusal(record["source"], record["reason"])
        for record in _read_jsonl(self.path) + _read_jsonl(self.journal):
            if "reason" in record:
                refused[record["key"]] = Refusal(record["source"], record["reason"])
                continue
            entries[record["key"]] = Entry(record["source"], record["target"], record["engine"])
            refused.pop(record["key"], None)
        pages = {record.pop("page"): record for record in _read_jsonl(self.pages_path)}
        return entries, refused, pages

    def _lock(self) -> FileLock:
        return FileLock(self.folder / MEMORY_LOCK)


def fold_journals(folder: Path) -> list[str]:
    """Fold journals a killed run left behind into the memory; the locales concerned."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    locales = sorted(
        path.name[1 : -len(JOURNAL_SUFFIX)]
        for path in folder.glob(f".*{JOURNAL_SUFFIX}")
        if path.is_file()
    )
    for locale in locales:
        TranslationMemory(folder, locale).save()
    return locales


def _line(key: str, entry: Entry) -> str:
    record = {"key": key, "source": entry.source, "target": entry.target, "engine": entry.engine}
    return json.dumps(record, ensure_ascii=False) + "\n"


def _refusal_line(key: str, refusal: Refusal) -> str:
    record = {"key": key, "source": refusal.source, "reason": refusal.reason}
    return json.dumps(record, ensure_ascii=False) + "\n"


def _read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            # Only a journal's last line can be cut short (the process was killed while
            # appending); that batch was not confirmed, so it is sent again.
            continue
        if isinstance(record, dict):
            records.append(record)
    return records
