"""Translation memory: what each source segment became in each locale, kept in the repository.

Two files per locale under translations/, both JSON Lines sorted by key, so that two runs
that translate the same things write identical files and git merges them line by line:
- <locale>.jsonl: one line per translated segment {key, source, target, engine};
- <locale>.pages.jsonl: one line per machine-translated page: the segments it was written
  from and a hash of the text written for each, to tell hand edits from machine text.
While a run is under way, each batch the engine answers is appended to a journal and synced
before the next one is sent; a run killed at any moment loses nothing it paid for.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from polyhelp.project.files import write_atomic


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


class TranslationMemory:
    """The memory of one locale."""

    def __init__(self, folder: Path, locale: str, persistent: bool = True):
        self.persistent = persistent
        self.folder = Path(folder)
        self.locale = locale
        self.path = self.folder / f"{locale}.jsonl"
        self.pages_path = self.folder / f"{locale}.pages.jsonl"
        self.journal = self.folder / f".{locale}.journal.jsonl"
        self.entries: dict[str, Entry] = {}
        # page -> {"segments": [[key, written text hash], ...]} for machine pages, or
        # {"reviewed_source": [key, ...]}: the English segments a reviewer saw.
        self.pages: dict[str, dict] = {}
        if not persistent:
            return
        for record in _read_jsonl(self.path) + _read_jsonl(self.journal):
            self.entries[record["key"]] = Entry(
                record["source"], record["target"], record["engine"]
            )
        for record in _read_jsonl(self.pages_path):
            self.pages[record.pop("page")] = record

    def get(self, key: str) -> Entry | None:
        return self.entries.get(key)

    def add(self, records: list[tuple[str, Entry]]) -> None:
        """Store translations and make them durable before returning."""
        if not records:
            return
        if not self.persistent:
            self.entries.update(records)
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        lines = "".join(_line(key, entry) for key, entry in records)
        with open(self.journal, "a", encoding="utf-8") as journal:
            journal.write(lines)
            journal.flush()
            os.fsync(journal.fileno())
        for key, entry in records:
            self.entries[key] = entry

    def save(self) -> None:
        """Write the sorted memory and page records; then the journal is no longer needed."""
        if not self.persistent:
            return
        if self.entries or self.path.exists():
            write_atomic(
                self.path, "".join(_line(key, self.entries[key]) for key in sorted(self.entries))
            )
        if self.pages or self.pages_path.exists():
            write_atomic(
                self.pages_path,
                "".join(
                    json.dumps({"page": page, **self.pages[page]}, ensure_ascii=False) + "\n"
                    for page in sorted(self.pages)
                ),
            )
        self.journal.unlink(missing_ok=True)


def _line(key: str, entry: Entry) -> str:
    record = {"key": key, "source": entry.source, "target": entry.target, "engine": entry.engine}
    return json.dumps(record, ensure_ascii=False) + "\n"


def _read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            # Only a journal's last line can be cut short (the process was killed while
            # appending); that batch was not confirmed, so it is sent again.
            continue
    return records
