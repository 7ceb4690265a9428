"""When each English page last changed, and what it said then: from git, or the file."""

from __future__ import annotations

import datetime
import subprocess
from functools import lru_cache
from pathlib import Path


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


@lru_cache(maxsize=8)
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


def last_changed(path: Path) -> datetime.date:
    """The date of the last commit that changed `path`; today's edit if it is not committed."""
    path = path.resolve()
    committed = _last_changes(path.parent).get(path)
    edited = _git(path.parent, "status", "--porcelain", "--", path.name)
    if committed is None or edited:
        return datetime.date.fromtimestamp(path.stat().st_mtime)
    return committed


def texts_in_history(path: Path) -> list[str]:
    """The committed versions of a file, newest first (empty outside git)."""
    folder = path.resolve().parent
    out = _git(folder, "log", "--format=%H", "--", path.name)
    if not out:
        return []
    versions = []
    for commit in out.split():
        shown = _git(folder, "show", f"{commit}:./{path.name}")
        if shown is not None:
            versions.append(shown)
    return versions
