"""Building the site strictly, and publishing it only when the whole build succeeded."""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import logging
import multiprocessing
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.exceptions import BuildError as MkDocsBuildError

from polyhelp.errors import BuildError, PolyhelpError, relative_to_cwd
from polyhelp.markets.load import load_market_data
from polyhelp.markets.policies import policy_values
from polyhelp.project.catalog import link_loop, page_names
from polyhelp.project.config import Site
from polyhelp.review.states import english_pages, remember_english_pages
from polyhelp.site import mkdocs_internals
from polyhelp.site import static_i18n_internals as static_i18n
from polyhelp.site.finish import (
    MATERIAL_FAVICON,
    STATUS_FOLDER,
    publish_default_index,
    site_sitemap,
    write_site_files,
    write_status_page,
)
from polyhelp.site.mkdocs_config import (
    PUBLISHING,
    load_mkdocs_config,
    nav_line,
    site_from_mkdocs,
)

log = logging.getLogger(__name__)

# Written into every site Polyhelp publishes: the only folders a build may replace.
MARKER = ".built-by-polyhelp"
MARKER_TEXT = "This folder is a site built by Polyhelp; the next `polyhelp build` replaces it.\n"
# What a site written by Polyhelp before the marker existed holds (see _written_by_polyhelp).
OLDER_SITE_FILES = ("translation-status/index.html", "sitemap.xml", "search/search_index.json")
STALE_AFTER_SECONDS = 24 * 3600  # a staging folder this old is no running build's


@dataclass
class BuildResult:
    site: Site
    site_dir: Path
    seconds: float
    pages: dict[str, int] = field(default_factory=dict)  # locale -> HTML pages written


class _Problems(logging.Handler):
    """Collects what MkDocs logs as warnings: in strict mode, the first is why it stopped.

    Each problem is kept once: a page that every locale builds (the English of a fallback
    page) gives the same warning in every locale's build."""

    def __init__(self, site: Site) -> None:
        super().__init__(level=logging.WARNING)
        self.site = site
        self.warnings: list[str] = []
        self.errors: list[logging.LogRecord] = []
        self.shown: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno == logging.WARNING:
            text = " ".join(record.getMessage().split())
            if text not in self.warnings:
                self.warnings.append(text)
        elif record.levelno > logging.WARNING:
            self.errors.append(record)

    def filter_output(self, record: logging.LogRecord) -> bool:
        """For the handlers that print: each warning once, with the file and line it is
        about; errors held back, the build's one-line error says them."""
        if record.levelno > logging.WARNING:
            return False
        if record.levelno < logging.WARNING:
            return True
        text = " ".join(record.getMessage().split())
        located = _located(text, self.site)
        if located in self.shown:
            return False
        self.shown.add(located)
        record.msg, record.args = located, ()
        return True

    def reason(self, error: BaseException) -> tuple[str, int]:
        """Why the build stopped, and how many other problems were logged above it."""
        # An error in a page or a hook is a BuildError (PluginError among them), which
        # MkDocs turns into Abort while handling it: Python keeps it as the Abort's context.
        cause: BaseException | None = error
        while cause is not None and not isinstance(cause, MkDocsBuildError):
            cause = cause.__context__
        if cause is not None:
            return " ".join(str(cause).split()), len(self.warnings)
        if self.warnings:
            return _located(self.warnings[0], self.site), len(self.warnings) - 1
        return str(error), 0


@contextmanager
def _said_once(site: Site) -> Iterator[_Problems]:
    """While building: MkDocs' warnings collected, and each printed once, with FILE:LINE."""
    problems = _Problems(site)
    mkdocs_log = logging.getLogger("mkdocs")
    printers = list(mkdocs_log.handlers)
    mkdocs_log.addHandler(problems)
    for handler in printers:
        handler.addFilter(problems.filter_output)
    try:
        yield problems
    except BaseException as error:
        if not _said_by_the_build_error(error):
            for record in problems.errors:  # an unexpected failure: what MkDocs said of it
                for handler in printers:
                    handler.handle(record)
        raise
    finally:
        mkdocs_log.removeHandler(problems)
        for handler in printers:
            handler.removeFilter(problems.filter_output)


def _said_by_the_build_error(error: BaseException) -> bool:
    """Whether the build's one-line error says all that MkDocs logged about `error`."""
    if isinstance(error, OSError):
        return error.errno in (errno.ENOSPC, errno.EDQUOT)
    return isinstance(error, (Abort, MkDocsException, _WorkerFailed, PolyhelpError))


_LINK_WARNING = re.compile(r"^Doc file '(?P<page>[^']+)' contains .*?link '(?P<link>[^']+)'")
_NAV_WARNING = 'are not included in the "nav" configuration'


def _located(warning: str, site: Site) -> str:
    """MkDocs' warning, led by the FILE:LINE it is about when it is a link or the nav."""
    if re.match(r"^\S+:\d+: ", warning):
        return warning  # already located
    match = _LINK_WARNING.match(warning)
    if match:
        page = site.docs_dir / match["page"]
        line = _line_of_link(page, match["link"])
        where = f"{relative_to_cwd(page)}:{line}" if line else f"{relative_to_cwd(page)}"
        return f"{where}: {warning}"
    if _NAV_WARNING in warning:
        config_file = site.root / "mkdocs.yml"
        line = nav_line(config_file)
        where = f"{relative_to_cwd(config_file)}:{line}" if line else relative_to_cwd(config_file)
        return f"{where}: {warning}; add them to nav"
    return warning


def _line_of_link(page: Path, link: str) -> int | None:
    """The line of `page` where `link` is written as a link target, else where it appears."""
    try:
        lines = page.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    written = (f"]({link}", f"]: {link}", f"<{link}>", f'"{link}"', f"'{link}'")
    for patterns in (written, (link,)):
        for number, line in enumerate(lines, start=1):
            if any(pattern in line for pattern in patterns):
                return number
    return None


def build_site(
    config_file: Path,
    site_dir: Path | None = None,
    site_url: str | None = None,
    jobs: int = 1,
) -> BuildResult:
    """Build strictly into a staging folder; replace the site folder only on success.

    The site folder is replaced only when it is empty or an earlier build wrote it (its
    MARKER file); with jobs > 1, locales are built in that many processes; the site is
    the same.
    """
    config = load_mkdocs_config(config_file, site_url=site_url)
    site = site_from_mkdocs(config)
    try:
        # Once, before any locale's build: every problem of the data, each said once.
        load_market_data(site)
        policy_values(site.data_dir, site.default_locale)
    except PolyhelpError as error:
        raise BuildError(f"build failed, nothing published:\n{error}") from None
    final_dir = Path(site_dir or config.site_dir).resolve()
    check_site_dir(site, final_dir)
    check_no_link_loop(site)
    final_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(final_dir)
    staging = Path(
        tempfile.mkdtemp(dir=final_dir.parent, prefix=f".{final_dir.name}.building-{os.getpid()}-")
    )
    # mkdtemp makes a private (0700) directory: the published site must be readable by the
    # web server, as a plain mkdir would have made it.
    staging.chmod(0o777 & ~_umask())
    config.site_dir = str(staging)
    config.strict = True
    config.extra[PUBLISHING] = True
    site = site_from_mkdocs(config)
    started = time.monotonic()
    try:
        with _said_once(site) as problem:
            if jobs > 1 and len(site.locales) > 1:
                _build_in_processes(config_file, staging, site_url, site, jobs)
            else:
                mkdocs_internals.build(config)
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    except (Abort, MkDocsException, _WorkerFailed) as error:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(error, _WorkerFailed):
            reason, more = error.reason, error.more
        else:
            reason, more = problem.reason(error)
        suffix = f" (and {more} more problem{'s' if more > 1 else ''} above)" if more > 0 else ""
        raise BuildError(f"build failed, nothing published: {reason}{suffix}") from None
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise _write_failed(error, final_dir) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    seconds = time.monotonic() - started
    _publish(staging, final_dir)
    pages = {
        locale: _count_pages(final_dir, site.url_prefix(locale), site) for locale in site.locales
    }
    return BuildResult(site=site, site_dir=final_dir, seconds=seconds, pages=pages)


def _umask() -> int:
    """The process's umask (reading it means setting it; set it back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _write_failed(error: OSError, final_dir: Path) -> PolyhelpError | OSError:
    """A full disk (or quota) while building: one line; other OS errors stay themselves."""
    if error.errno not in (errno.ENOSPC, errno.EDQUOT):
        return error
    return BuildError(
        f"build failed, nothing published: {os.strerror(error.errno)} while writing the site "
        f"next to {relative_to_cwd(final_dir)}; free some space and build again "
        "(the previous site is untouched)",
    )


def check_no_link_loop(site: Site) -> None:
    """Refuse a symbolic link in docs/ that loops, before MkDocs walks it for minutes."""
    loop = link_loop(site.docs_dir)
    if loop is None:
        return
    link, target = loop
    # The folder holding the link names it: a message's path is shown resolved, and the
    # link itself would resolve to where it points.
    raise BuildError(
        f"the symbolic link {link.name} -> {os.readlink(link)} makes a loop "
        f"({relative_to_cwd(target)} is reached again through it) and MkDocs would follow it "
        "forever; remove the link or point it elsewhere",
        link.parent,
    )


# --- which folder a build may replace --------------------------------------------------


def check_site_dir(site: Site, target: Path) -> None:
    """Refuse a site folder whose replacement would lose anything but an earlier build."""
    target = target.resolve()
    shown = relative_to_cwd(target)
    fix = "choose a folder of its own (--site-dir, or site_dir in mkdocs.yml), e.g. site"
    home = Path.home().resolve()
    guarded = [
        (site.root, "the help center's folder (mkdocs.yml)"),
        (site.docs_dir, "docs_dir"),
        (site.data_dir, "the data folder"),
        (home, "your home folder"),
    ]
    for folder, what in guarded:
        folder = folder.resolve()
        if target == folder or target in folder.parents:
            relation = "is" if target == folder else f"contains {folder.relative_to(target)},"
            raise BuildError(
                f"the site folder {relation} {what}: building would replace it; {fix}", shown
            )
    if site.docs_dir.resolve() in target.parents:
        raise BuildError(
            f"the site folder is inside docs_dir, where its pages would be read as pages; {fix}",
            shown,
        )
    if not target.exists() and not target.is_symlink():
        return
    if not target.is_dir():
        raise BuildError(f"the site folder is a file, not a folder; {fix}", shown)
    if (target / ".git").exists():
        raise BuildError(
            f"the site folder is a git work tree (it has .git): building would replace it; {fix}",
            shown,
        )
    if next(target.iterdir(), None) is None or _written_by_polyhelp(target):
        return
    raise BuildError(
        f"the site folder holds files no Polyhelp build wrote (it has no {MARKER}); "
        f"move them away or {fix}",
        shown,
    )


def _written_by_polyhelp(folder: Path) -> bool:
    """Whether an earlier build wrote `folder`: its marker, or, from a Polyhelp older than
    the marker, the files only Polyhelp's sites hold together (the writers' status page)."""
    if (folder / MARKER).is_file():
        return True
    return all((folder / name).is_file() for name in OLDER_SITE_FILES)


# --- staging and publishing -------------------------------------------------------------


def remove_stale_staging(final_dir: Path) -> list[Path]:
    """Remove what killed builds left next to `final_dir`; a running build's folder stays.

    A staging folder's name carries its build's process id; one whose process is gone, or
    that is older than a day (process ids are reused), is stale. Returns what was removed."""
    removed = []
    pattern = re.compile(rf"^\.{re.escape(final_dir.name)}\.(?:building|old)-(?:(\d+)(?:-|$))?")
    for path in final_dir.parent.iterdir():
        match = pattern.match(path.name)
        if match is None or not path.is_dir() or path.is_symlink():
            continue
        owner = int(match[1]) if match[1] else None
        try:
            age = time.time() - path.stat().st_mtime
        except OSError:
            continue
        if (
            owner is not None
            and owner != os.getpid()
            and _is_running(owner)
            and age < STALE_AFTER_SECONDS
        ):
            continue
        if owner is None and age < STALE_AFTER_SECONDS:
            continue  # an older Polyhelp's folder, without a process id: only once old
        shutil.rmtree(path, ignore_errors=True)
        log.info("Removed %s, left by a build that did not finish", relative_to_cwd(path))
        removed.append(path)
    return removed


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


class _WorkerFailed(Exception):
    def __init__(self, reason: str, more: int = 0):
        super().__init__(reason)
        self.reason = reason
        self.more = more


def _build_in_processes(config_file: Path, staging: Path, site_url, site: Site, jobs: int) -> None:
    # Each locale is an ordinary mkdocs-static-i18n build of that locale alone (as in its
    # own sequential run); what is shared is written once: the English pages' states are
    # read first, in parallel, and inherited by every locale's process; the status page,
    # robots.txt and sitemap (made from the pages' files) are one more task beside the
    # locales; the default locale's index is renamed at the end.
    context = multiprocessing.get_context("fork")
    english = [
        site.docs_dir / site.default_locale / name
        for name in sorted(page_names(site, site.default_locale))
    ]
    processes = min(jobs, len(site.locales) + 1)
    with context.Pool(processes) as pool:
        chunks = [english[start::processes] for start in range(processes)]
        for pages in pool.imap_unordered(_read_english_pages, chunks):
            remember_english_pages(pages)
    tasks = [(config_file, staging, site_url, locale) for locale in site.locales]
    tasks.append((config_file, staging, site_url, None))  # the files made from the pages
    failures: list[str] = []
    problems: list[str] = []
    sitemap = None
    worker_log = logging.getLogger("mkdocs.polyhelp")
    with context.Pool(processes) as pool, _progress(len(tasks)) as bar:
        for reason, warnings, made in pool.imap_unordered(_build_task, tasks, chunksize=1):
            sitemap = made or sitemap
            bar.update(1)
            for warning in warnings:
                if warning not in problems:
                    problems.append(warning)
                    worker_log.warning(warning)  # printed here, once for all locales
            if reason and reason not in failures:
                failures.append(reason)
    if failures:
        others = [p for p in problems if _located(p, site) != failures[0]] + failures[1:]
        raise _WorkerFailed(failures[0], len(others))
    publish_default_index(staging)
    write_site_files(site, staging, sitemap)


def _read_english_pages(paths: list[Path]) -> dict:
    """What page states need of these English pages (in a process of the pool); a page
    that cannot be read is left to the locale's build, which says why with file and line."""
    pages = {}
    for path in paths:
        try:
            pages |= english_pages([path])
        except (PolyhelpError, OSError, UnicodeDecodeError):
            continue
    return pages


def _progress(total: int):
    """A bar of locales built, on a terminal only (CI logs keep MkDocs' plain lines)."""
    from tqdm import tqdm

    return tqdm(total=total, desc="locales", unit=" locale", disable=not sys.stderr.isatty())


class _Quiet(logging.Filter):
    """In a locale's process: warnings and errors go back to the parent, which says each
    once for all locales; the rest is printed as usual."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno < logging.WARNING


def _build_one_locale(task) -> tuple[str | None, list[str]]:
    """Build one locale into the staging folder: the first problem's message (or None),
    and the warnings logged."""
    config_file, staging, site_url, locale = task
    mkdocs_log = logging.getLogger("mkdocs")
    quiet = _Quiet()
    for handler in mkdocs_log.handlers:
        handler.addFilter(quiet)
    config = load_mkdocs_config(config_file, site_url=site_url)
    problem = _Problems(site_from_mkdocs(config))
    mkdocs_log.addHandler(problem)
    try:
        config.site_dir = str(staging)
        config.strict = True
        config.extra[PUBLISHING] = True
        static_i18n.build_only(config, locale)
        with mkdocs_internals.shared_site_dir():  # the locales share the staging folder
            mkdocs_internals.build(config)
    except (Abort, MkDocsException) as error:
        return problem.reason(error)[0], problem.warnings
    except PolyhelpError as error:
        return str(error), problem.warnings
    finally:
        mkdocs_log.removeHandler(problem)
        for handler in mkdocs_log.handlers:
            handler.removeFilter(quiet)
    return None, problem.warnings


def _build_task(task) -> tuple[str | None, list[str], str | None]:
    """A task of the parallel build: a locale (None: the status page, and the sitemap
    returned for the parent to write after the locales)."""
    if task[-1] is not None:
        return (*_build_one_locale(task), None)
    config_file, staging, site_url, _ = task
    try:
        config = load_mkdocs_config(config_file, site_url=site_url)
        site = site_from_mkdocs(config)
        favicon = config.theme.get("favicon") or MATERIAL_FAVICON
        write_status_page(site, staging, favicon)
        return None, [], site_sitemap(site)
    except PolyhelpError as error:
        return str(error), [], None


RENAME_EXCHANGE = 2  # linux/fs.h


def _exchange(new: Path, old: Path) -> bool:
    """Swap two folders' names in one step (Linux renameat2 RENAME_EXCHANGE); False where
    the system or the file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)  # glibc 2.28 and later
    if renameat2 is None:
        return False
    at_cwd = -100  # AT_FDCWD
    result = renameat2(at_cwd, os.fsencode(new), at_cwd, os.fsencode(old), RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(old))


def _publish(staging: Path, final_dir: Path) -> None:
    # The old site stays whole until the new one takes its name: swapped in one step where
    # the system can (a reader sees the old site or the new one, never neither), else two
    # renames with a moment between them when there is no site folder.
    if final_dir.exists():
        if _exchange(staging, final_dir):
            shutil.rmtree(staging, ignore_errors=True)  # now the old site
            return
        retired = final_dir.with_name(f".{final_dir.name}.old-{os.getpid()}")
        os.replace(final_dir, retired)
        os.replace(staging, final_dir)
        shutil.rmtree(retired, ignore_errors=True)
        return
    os.replace(staging, final_dir)


def _count_pages(site_dir: Path, prefix: str, site: Site) -> int:
    if prefix:
        return sum(1 for _ in (site_dir / prefix).rglob("index.html"))
    locale_folders = {site_dir / site.url_prefix(locale).rstrip("/") for locale in site.locales}
    locale_folders.add(site_dir / STATUS_FOLDER)  # the writers' page is no customer page
    return sum(
        1
        for page in site_dir.rglob("index.html")
        if not any(folder in page.parents for folder in locale_folders - {site_dir})
    )
