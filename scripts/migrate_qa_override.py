"""One-off migration: each page's blanket `translation.qa_override` becomes the exact QA
findings reported on it today, each recorded as accepted (`accepted_findings`), and the
reviewed page's values are hashed (`reviewed_values_hash`), so that any new finding fails.

    .venv/bin/python scripts/migrate_qa_override.py [-f mkdocs.yml] [--reason TEXT]

Pages without `qa_override` are left as they are; running it again changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from polyhelp.errors import PolyhelpError, relative_to_cwd
from polyhelp.review.gate import STARTER_REASON, migrate_site
from polyhelp.site.mkdocs_config import load_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--reason", default=STARTER_REASON, help=f"default: {STARTER_REASON!r}")
    arguments = parser.parse_args(argv)
    try:
        site, _ = load_site(arguments.config_file)
        migrated = migrate_site(site, arguments.reason)
    except PolyhelpError as error:
        print(f"polyhelp: error: {error}", file=sys.stderr)
        return 1
    for path, count in migrated:
        print(f"{relative_to_cwd(path)}: {count} findings recorded as accepted")
    total = sum(count for _, count in migrated)
    print(f"{len(migrated)} pages migrated, {total} findings recorded as accepted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
