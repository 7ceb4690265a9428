"""Prove that a change left the built site the same, byte for byte.

    .venv/bin/python scripts/same_site.py [REVISION]   (default: HEAD)

Builds the help center of REVISION (checked out in a temporary git worktree) and of the
working tree, on the same build date, and compares every file of the two sites. Prints the
files that differ and exits 1 if any does. Meant for refactorings, which must not change
what customers get. With --between-tags, HTML files whose only difference is whitespace
between two tags (which no browser renders) are counted apart and do not fail.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def build(tree: Path, site_dir: Path, build_date: str) -> None:
    environment = {**os.environ, "PYTHONPATH": str(tree), "POLYHELP_BUILD_DATE": build_date}
    command = [sys.executable, "-m", "polyhelp", "build", "--quiet", "--site-dir", str(site_dir)]
    subprocess.run(command, cwd=tree, env=environment, check=True)


def differences(left: Path, right: Path) -> list[str]:
    """Relative paths of the files that are not the same in both folders."""
    found: list[str] = []

    def walk(comparison: filecmp.dircmp, prefix: str) -> None:
        found.extend(prefix + name for name in comparison.left_only + comparison.right_only)
        _, mismatch, errors = filecmp.cmpfiles(
            comparison.left, comparison.right, comparison.common_files, shallow=False
        )
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in comparison.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right, ignore=[]), "")
    return sorted(found)


BETWEEN_TAGS = re.compile(rb">\s+<")


def only_spacing_differs(before: Path, after: Path) -> bool:
    if before.suffix != ".html" or not (before.is_file() and after.is_file()):
        return False
    return BETWEEN_TAGS.sub(b"><", before.read_bytes()) == BETWEEN_TAGS.sub(
        b"><", after.read_bytes()
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revision", nargs="?", default="HEAD")
    parser.add_argument("--build-date", default="2026-12-01", help="YYYY-MM-DD (both builds)")
    parser.add_argument(
        "--between-tags",
        action="store_true",
        help="accept HTML files that differ only by whitespace between tags",
    )
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="polyhelp-same-site-") as scratch:
        scratch = Path(scratch)
        worktree = scratch / "before"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "--quiet", str(worktree), arguments.revision],
            cwd=REPO,
            check=True,
        )
        try:
            print(f"building {arguments.revision} ...", flush=True)
            build(worktree, scratch / "site-before", arguments.build_date)
            print("building the working tree ...", flush=True)
            build(REPO, scratch / "site-after", arguments.build_date)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(worktree)], cwd=REPO)
        changed = differences(scratch / "site-before", scratch / "site-after")
        files = sum(1 for path in (scratch / "site-after").rglob("*") if path.is_file())
        spacing = [
            name
            for name in changed
            if arguments.between_tags
            and only_spacing_differs(scratch / "site-before" / name, scratch / "site-after" / name)
        ]
    for name in changed:
        print(f"{'whitespace between tags' if name in spacing else 'differs'}: {name}")
    print(
        f"{files} files compared, {len(changed) - len(spacing)} differ"
        + (f", {len(spacing)} only by whitespace between tags" if arguments.between_tags else "")
    )
    return 1 if len(changed) > len(spacing) else 0


if __name__ == "__main__":
    sys.exit(main())
