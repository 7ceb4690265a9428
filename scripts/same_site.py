"""Prove that a change left the built site the same, byte for byte.

    .venv/bin/python scripts/same_site.py [REVISION [AFTER]]   (default: HEAD, the working tree)

Builds the help center of REVISION (checked out in a temporary git worktree) and of AFTER
(another revision, or by default the working tree), on the same build date, and compares
every file of the two sites. Prints the files that differ and exits 1 if any does. Meant
for refactorings, which must not change what customers get. With --between-tags, HTML
files whose only difference is whitespace between two tags (which no browser renders) are
counted apart and do not fail.
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
    parser.add_argument(
        "after", nargs="?", help="a revision to compare with (default: the working tree)"
    )
    parser.add_argument("--build-date", default="2026-12-01", help="YYYY-MM-DD (both builds)")
    parser.add_argument(
        "--between-tags",
        action="store_true",
        help="accept HTML files that differ only by whitespace between tags",
    )
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="polyhelp-same-site-") as scratch:
        scratch = Path(scratch)
        trees = {"before": arguments.revision}
        if arguments.after:
            trees["after"] = arguments.after
        try:
            for side, revision in trees.items():
                subprocess.run(
                    [
                        "git",
                        "worktree",
                        "add",
                        "--detach",
                        "--quiet",
                        str(scratch / side),
                        revision,
                    ],
                    cwd=REPO,
                    check=True,
                )
            print(f"building {arguments.revision} ...", flush=True)
            build(scratch / "before", scratch / "site-before", arguments.build_date)
            print(f"building {arguments.after or 'the working tree'} ...", flush=True)
            build(
                scratch / "after" if arguments.after else REPO,
                scratch / "site-after",
                arguments.build_date,
            )
        finally:
            for side in trees:
                subprocess.run(
                    ["git", "worktree", "remove", "--force", str(scratch / side)], cwd=REPO
                )
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
