"""What git remembers of a file: its committed versions (empty outside a git work tree)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def git(folder: Path, *args: str) -> str | None:
    """git's output in `folder`, or None if git is missing, fails or hangs."""
    try:
        result = subprocess.run(
            ["git", *args], cwd=folder, capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def committed_versions(path: Path) -> list[str]:
    """The committed versions of a file, newest first (empty outside git)."""
    folder = path.resolve().parent
    out = git(folder, "log", "--format=%H", "--", path.name)
    if not out:
        return []
    versions = []
    for commit in out.split():
        shown = git(folder, "show", f"{commit}:./{path.name}")
        if shown is not None:
            versions.append(shown)
    return versions
