"""One exception hierarchy: every user mistake names the file (and line) it concerns."""

from __future__ import annotations

from pathlib import Path


class PolyhelpError(Exception):
    """A problem the user can fix; the CLI prints it as one line and exits non-zero."""

    exit_code = 1

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            shown = relative_to_cwd(self.path)
            where = f"{shown}:{self.line}: " if self.line else f"{shown}: "
        return f"{where}{self.message}"


class UsageError(PolyhelpError):
    """The command line is wrong (exit 2, as click's own usage errors)."""

    exit_code = 2


class ConfigError(PolyhelpError):
    """mkdocs.yml is missing, malformed or inconsistent."""


class DataError(PolyhelpError):
    """A file under data/ is missing or malformed."""


class FrontMatterError(PolyhelpError):
    """A page's front matter block is malformed or incomplete."""


class PlaceholderError(PolyhelpError):
    """A page uses a {{ placeholder }} that the data does not define."""


class EncodingError(PolyhelpError):
    """A page or data file is not UTF-8 text. Not a FrontMatterError or DataError on
    purpose: code that tolerates a malformed page must not tolerate an unreadable one."""


class BuildError(PolyhelpError):
    """The site did not build; nothing was published."""


def relative_to_cwd(path: Path) -> Path:
    # Short paths in messages: docs/fr/returns.md, not /home/.../docs/fr/returns.md.
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path
