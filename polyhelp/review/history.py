"""When each English page last changed, and what it said then: from git, or the file."""

from __future__ import annotations

import datetime
import subprocess
from functools import cache
from pathlib import Path

from polyhelp.project.git import committed_versions


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


@cache  # one git call per folder and build, however many pages it holds
def _last_changes(folder: Path) -> dict[Path, datetime.date]:
    # One git call for the whole folder: the newest commit touching each file comes first.
    out = _git(folder, "log", "--format=@%cs", "--name-only", "--relative", "--", ".")
    dates: dict[Path, datetime.date] = {}
    if out is None:
        return dates
    current = None
    for line in out.splitlines():
        if line.startswith("@"):
            current = datetime.date.fromisoformat(line[1:])
        elif line.strip() and current is not None:
            dates.setdefault((folder / line.strip()).resolve(), current)
    return dates


@cache
def _edited(folder: Path) -> frozenset[Path]:
    """Files of `folder` changed since the last commit (uncommitted edits)."""
    out = _git(folder, "status", "--porcelain", "--untracked-files=all", "--", ".")
    if out is None:
        return frozenset()
    top = _git(folder, "rev-parse", "--show-toplevel")
    root = Path(top.strip()) if top else folder
    return frozenset((root / line[3:].strip().strip('"')).resolve() for line in out.splitlines())


def last_changed(path: Path) -> datetime.date:
    """The date of the last commit that changed `path`; its file's date if edited since."""
    path = path.resolve()
    committed = _last_changes(path.parent).get(path)
    if committed is None or path in _edited(path.parent):
        return datetime.date.fromtimestamp(path.stat().st_mtime)
    return committed


def forget() -> None:
    """Read git again (a long-lived process, e.g. `polyhelp serve`, after edits)."""
    _last_changes.cache_clear()
    _edited.cache_clear()


def texts_in_history(path: Path) -> list[str]:
    """The committed versions of a file, newest first (empty outside git)."""
    return committed_versions(path)
