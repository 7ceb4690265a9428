"""Building the site strictly, and publishing it only when the whole build succeeded."""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.exceptions import BuildError as MkDocsBuildError

from polyhelp.errors import BuildError, PolyhelpError
from polyhelp.markets.load import load_market_data
from polyhelp.project.config import Site
from polyhelp.site import mkdocs_internals
from polyhelp.site import static_i18n_internals as static_i18n
from polyhelp.site.finish import STATUS_FOLDER, finish_site
from polyhelp.site.mkdocs_config import PUBLISHING, load_mkdocs_config, site_from_mkdocs


@dataclass
class BuildResult:
    site: Site
    site_dir: Path
    seconds: float
    pages: dict[str, int] = field(default_factory=dict)  # locale -> HTML pages written


class _Problems(logging.Handler):
    """Collects what MkDocs logs as warnings: in strict mode, the first is why it stopped."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno == logging.WARNING:
            self.warnings.append(" ".join(record.getMessage().split()))

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
            return self.warnings[0], len(self.warnings) - 1
        return str(error), 0


def build_site(
    config_file: Path,
    site_dir: Path | None = None,
    site_url: str | None = None,
    jobs: int = 1,
) -> BuildResult:
    """Build strictly into a staging folder; replace the site folder only on success.

    With jobs > 1, locales are built in that many processes; the site is the same.
    """
    config = load_mkdocs_config(config_file, site_url=site_url)
    try:
        # Once, before any locale's build: every problem of the data, each said once.
        load_market_data(site_from_mkdocs(config))
    except PolyhelpError as error:
        raise BuildError(f"build failed, nothing published:\n{error}") from None
    final_dir = Path(site_dir or config.site_dir).resolve()
    final_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=final_dir.parent, prefix=f".{final_dir.name}.building-"))
    config.site_dir = str(staging)
    config.strict = True
    config.extra[PUBLISHING] = True
    site = site_from_mkdocs(config)
    problem = _Problems()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(problem)
    started = time.monotonic()
    try:
        if jobs > 1 and len(site.locales) > 1:
            _build_in_processes(config_file, staging, site_url, site, jobs)
        else:
            mkdocs_internals.build(config)
    except (Abort, MkDocsException, _WorkerFailed) as error:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(error, _WorkerFailed):
            reason, more = error.reason, 0
        else:
            reason, more = problem.reason(error)
        suffix = f" (and {more} more problem{'s' if more > 1 else ''} above)" if more > 0 else ""
        raise BuildError(f"build failed, nothing published: {reason}{suffix}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        mkdocs_log.removeHandler(problem)
    seconds = time.monotonic() - started
    _publish(staging, final_dir)
    pages = {
        locale: _count_pages(final_dir, site.url_prefix(locale), site) for locale in site.locales
    }
    return BuildResult(site=site, site_dir=final_dir, seconds=seconds, pages=pages)


class _WorkerFailed(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _build_in_processes(config_file: Path, staging: Path, site_url, site: Site, jobs: int) -> None:
    # Each locale is an ordinary mkdocs-static-i18n build of that locale alone (as in its
    # own sequential run); what is shared (sitemap, default index) is written once at the end.
    context = multiprocessing.get_context("fork")
    tasks = [(config_file, staging, site_url, locale) for locale in site.locales]
    failures = []
    with context.Pool(min(jobs, len(tasks))) as pool, _progress(len(tasks)) as bar:
        for reason in pool.imap_unordered(_build_one_locale, tasks, chunksize=1):
            bar.update(1)
            if reason:
                failures.append(reason)
    if failures:
        raise _WorkerFailed(failures[0])
    finish_site(site, staging)


def _progress(total: int):
    """A bar of locales built, on a terminal only (CI logs keep MkDocs' plain lines)."""
    from tqdm import tqdm

    return tqdm(total=total, desc="locales", unit=" locale", disable=not sys.stderr.isatty())


def _build_one_locale(task) -> str | None:
    """Build one locale into the staging folder; the first problem's message, or None."""
    config_file, staging, site_url, locale = task
    problem = _Problems()
    logging.getLogger("mkdocs").addHandler(problem)
    try:
        config = load_mkdocs_config(config_file, site_url=site_url)
        config.site_dir = str(staging)
        config.strict = True
        config.extra[PUBLISHING] = True
        static_i18n.build_only(config, locale)
        with mkdocs_internals.shared_site_dir():  # the locales share the staging folder
            mkdocs_internals.build(config)
    except (Abort, MkDocsException) as error:
        return problem.reason(error)[0]
    except PolyhelpError as error:
        return str(error)
    finally:
        logging.getLogger("mkdocs").removeHandler(problem)
    return None


def _publish(staging: Path, final_dir: Path) -> None:
    # Two renames: the old site stays whole until the new one takes its name.
    retired = None
    if final_dir.exists():
        retired = final_dir.with_name(f".{final_dir.name}.old-{os.getpid()}")
        os.replace(final_dir, retired)
    os.replace(staging, final_dir)
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


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
