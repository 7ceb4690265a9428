"""The writers' live preview: each locale built once, then only what a save touches.

`polyhelp serve` builds every locale (or the one of `--locale`) once, each in a process of
its own that keeps its pages, navigation and templates in memory, as mkdocs-static-i18n
builds one locale (polyhelp/site/build.py builds the same way). Saving a page then renders
again, in each locale that shows it, only the pages made from that file, with the same
events and templates as a full build, so the preview's file is the one `polyhelp build`
writes (byte for byte, but for the site's address); when its title changed, the pages
whose navigation lists it too. A new or deleted page, a change to the data, mkdocs.yml, the
templates or the hooks builds the locales it concerns again (MkDocs' `serve --dirty`
instead skips unchanged pages and keeps their stale navigation).
"""

from __future__ import annotations

import errno
import logging
import multiprocessing
import os
import signal
import shutil
import socket
import tempfile
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import Abort, MkDocsException

import polyhelp
from polyhelp.errors import BuildError, ConfigError, PolyhelpError
from polyhelp.project.config import Site
from polyhelp.review import history as english_history
from polyhelp.site import mkdocs_internals
from polyhelp.site import static_i18n_internals as static_i18n
from polyhelp.site.build import _Problems, check_no_link_loop
from polyhelp.site.events import page_name
from polyhelp.site.finish import (
    MATERIAL_FAVICON,
    publish_default_index,
    site_sitemap,
    write_site_files,
    write_status_page,
)
from polyhelp.site.material_internals import end_of_life_notice
from polyhelp.site.mkdocs_config import load_mkdocs_config, load_site, site_from_mkdocs

log = logging.getLogger(__name__)

# Files an editor writes beside the one it saves: never a reason to build.
EDITOR_LEFTOVERS = ("~", ".swp", ".swx", ".tmp", ".kate-swp")


def serve_site(config_file: Path, dev_addr: str, locale: str | None = None) -> None:
    """Serve a live preview of the site (or of one locale) on `dev_addr` until interrupted."""
    site, config = load_site(config_file)  # a bad config gets polyhelp's one-line error first
    check_address(dev_addr)  # before building, then failing to listen with a traceback
    check_no_link_loop(site)
    locales = check_locale(site, locale)
    log.info(end_of_life_notice())  # for the maintainers who preview
    host, port = dev_addr.rsplit(":", 1)
    host = host.removeprefix("[").removesuffix("]")
    mount_path = urlsplit(config.site_url or "/").path or "/"
    serve_url = f"http://{dev_addr}/{mount_path.strip('/')}".rstrip("/") + "/"
    site_dir = Path(tempfile.mkdtemp(prefix="polyhelp-preview-"))
    # Stopped by a signal (a terminal closed, a process manager), the preview ends as on
    # Ctrl+C: its locales' processes and its folder go with it.
    signal.signal(signal.SIGTERM, _interrupt)
    preview = Preview(config_file, site_dir, locales, site_url=serve_url)
    try:
        preview.start()
        server = mkdocs_internals.ChangeServer(
            builder=lambda: preview.update(server.take_changes()),
            host=host,
            port=int(port),
            root=str(site_dir),
            mount_path=mount_path,
        )
        server.error_handler = lambda code: _error_page(site_dir, code)
        for path in preview.watched():
            server.watch(str(path))
        start = serve_url + site.url_prefix(locales[0]) if locale else serve_url
        log.info("Preview of %s: %s", ", ".join(locales), start)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        preview.stop()
        shutil.rmtree(site_dir, ignore_errors=True)


def _interrupt(signal_number, frame) -> None:
    raise KeyboardInterrupt


def _error_page(site_dir: Path, code: int) -> bytes | None:
    page = site_dir / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None


def check_locale(site: Site, locale: str | None) -> list[str]:
    """The locales to preview: all, or the one asked for if the site builds it."""
    if locale is None:
        return list(site.locales)
    if locale not in site.locales:
        known = ", ".join(site.locales)
        raise ConfigError(f"--locale {locale}: the site builds no such locale; use one of {known}")
    return [locale]


# --- what a save touches ------------------------------------------------------------------


@dataclass
class Change:
    """What the saved files ask of each locale: pages to render again, or a whole build."""

    pages: dict[str, set[Path]] = field(default_factory=dict)  # locale -> changed .md files
    rebuild: set[str] = field(default_factory=set)  # locales to build whole
    ignored: set[Path] = field(default_factory=set)


def classify(site: Site, locales: list[str], paths: set[str], known: set[Path]) -> Change:
    """Which locale each saved file concerns, and whether a page render is enough.

    A page (`docs/<locale>/*.md` that existed and still does) concerns its locale, and, in
    English, every locale (fallback pages, notices, legal texts show or compare with it).
    A new or deleted page, another file of docs/<locale>/ (an image) builds those locales
    again; anything else watched (data, mkdocs.yml, templates, hooks) builds them all."""
    change = Change()
    docs = site.docs_dir.resolve()
    for text in paths:
        path = Path(text).resolve()
        if path.name.startswith(".") or path.name.endswith(EDITOR_LEFTOVERS):
            change.ignored.add(path)
            continue
        if docs not in path.parents:
            change.rebuild.update(locales)
            continue
        locale = path.relative_to(docs).parts[0]
        concerned = locales if locale == site.default_locale else [locale]
        concerned = [served for served in concerned if served in locales]
        if path.suffix == ".md" and path.is_file() and path in known:
            for served in concerned:
                change.pages.setdefault(served, set()).add(path)
        else:
            change.rebuild.update(concerned)
    for locale in change.rebuild:
        change.pages.pop(locale, None)
    return change


def markdown_files(site: Site) -> set[Path]:
    return {path.resolve() for path in site.docs_dir.rglob("*.md")}


# --- the preview: one process per locale --------------------------------------------------


class Preview:
    """The locales being previewed, each built once and kept in a process of its own."""

    def __init__(
        self, config_file: Path, site_dir: Path, locales: list[str], site_url: str | None = None
    ) -> None:
        self.config_file = Path(config_file)
        self.site_dir = Path(site_dir)
        self.locales = locales
        self.site_url = site_url
        self.workers: dict[str, tuple[multiprocessing.Process, Connection]] = {}
        self.site, config = load_site(self.config_file)
        self.favicon = config.theme.get("favicon") or MATERIAL_FAVICON
        self.known: set[Path] = set()
        # The status page is written after the browsers reload, one writing at a time.
        self.status = threading.Lock()

    def watched(self) -> list[Path]:
        """What the preview watches: the pages, the data, mkdocs.yml, templates and hooks."""
        folders = [self.site.docs_dir, self.site.data_dir, self.config_file]
        folders += [self.site.root / name for name in ("overrides", "hooks")]
        folders.append(Path(polyhelp.__file__).parent)  # data files read at build time
        return [path for path in folders if path.exists()]

    def start(self) -> None:
        """Build every locale, each in its own process (in parallel): a failure is an error."""
        context = multiprocessing.get_context("fork")
        started = time.monotonic()
        self.known = markdown_files(self.site)
        for locale in self.locales:
            ours, theirs = context.Pipe()
            task = (self.config_file, self.site_dir, self.site_url, locale)
            # The other locales' ends of their pipes stay the parent's alone: a process ends
            # when its pipe closes, and a copy held by a sibling would keep it open.
            others = [connection for _, connection in self.workers.values()]
            process = context.Process(target=_worker, args=(theirs, task, others), daemon=True)
            process.start()
            theirs.close()
            self.workers[locale] = (process, ours)
        # Meanwhile, what is made from the pages' files alone.
        try:
            write_status_page(self.site, self.site_dir, self.favicon)
            sitemap = site_sitemap(self.site)
        except PolyhelpError as error:
            self.stop()
            raise BuildError(f"preview failed: {error}") from None
        failures = [reason for reason, _ in self._answers(self.locales) if reason]
        if failures:
            self.stop()
            raise BuildError(f"preview failed: {failures[0]}")
        publish_default_index(self.site_dir)
        write_site_files(self.site, self.site_dir, sitemap)
        log.info("Built %s in %.1f s", ", ".join(self.locales), time.monotonic() - started)

    def update(self, paths: set[str]) -> list[str]:
        """Bring the preview up to date with the saved `paths`; returns the pages rendered
        (site paths), or, after a whole build of a locale, that locale's name."""
        started = time.monotonic()
        self.settle()  # the status page of the previous save is written
        change = classify(self.site, self.locales, paths, self.known)
        if change.rebuild:
            try:
                self.site, config = load_site(self.config_file)
            except PolyhelpError as error:
                log.error("polyhelp: error: %s", error)
                return []
            self.favicon = config.theme.get("favicon") or MATERIAL_FAVICON
            self.known = markdown_files(self.site)
        asked = []
        for locale in self.locales:
            if locale in change.rebuild:
                self.workers[locale][1].send(("build", None))
            elif locale in change.pages:
                self.workers[locale][1].send(("pages", sorted(change.pages[locale])))
            else:
                continue
            asked.append(locale)
        done: list[str] = []
        for locale, (reason, rendered) in zip(asked, self._answers(asked), strict=True):
            if reason:
                log.error("polyhelp: error: %s (%s preview not updated)", reason, locale)
            done += rendered
        if change.rebuild:
            publish_default_index(self.site_dir)
            try:
                write_site_files(self.site, self.site_dir)
            except PolyhelpError as error:
                log.error("polyhelp: error: %s (sitemap not updated)", error)
        if asked:
            shown = ", ".join(done[:6]) + (f" and {len(done) - 6} more" if len(done) > 6 else "")
            log.info("Rendered %s in %.2f s", shown or "nothing", time.monotonic() - started)
            # A page's translation state may have changed: the writers' page follows, after
            # the browsers have reloaded.
            self.status.acquire()
            threading.Thread(target=self._write_status, args=(change,), daemon=True).start()
        return done

    def settle(self) -> None:
        """Wait until the status page of the last update is written."""
        with self.status:
            pass

    def _write_status(self, change: Change) -> None:
        try:
            write_status_page(self.site, self.site_dir, self.favicon)
        except PolyhelpError as error:
            log.error("polyhelp: error: %s (translation status page not updated)", error)
        finally:
            self.status.release()

    def _answers(self, locales: list[str]) -> list[tuple[str | None, list[str]]]:
        """Each locale's answer: why it failed (or None), and what it rendered."""
        answers = []
        for locale in locales:
            try:
                answers.append(self.workers[locale][1].recv())
            except EOFError:
                answers.append((f"the {locale} preview process ended", []))
        return answers

    def stop(self) -> None:
        self.settle()
        for process, connection in self.workers.values():
            try:
                connection.send(("stop", None))
            except (BrokenPipeError, OSError):
                pass
            connection.close()
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
        self.workers.clear()


def _worker(connection: Connection, task, others: list[Connection]) -> None:
    """A locale's process: build it, then answer requests until told to stop (or until
    the preview's process is gone)."""
    for other in others:
        other.close()
    # Ctrl+C reaches every process of the terminal: the preview's own process stops this one.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    parent = os.getppid()
    config_file, site_dir, site_url, locale = task
    preview = LocalePreview(config_file, site_dir, site_url, locale)
    connection.send((preview.build(), [locale]))
    while True:
        try:
            while not connection.poll(1.0):
                if os.getppid() != parent:
                    return
            request, argument = connection.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if request == "stop":
            return
        try:
            if request == "build":
                connection.send((preview.build(), [locale]))
            else:
                connection.send((None, preview.render([Path(path) for path in argument])))
        except _Failed as failed:
            connection.send((failed.reason, []))
        except Exception as error:  # a bug: said with its traceback, the locale built anew
            log.exception("the %s preview failed", locale)
            preview.built = None
            connection.send((f"{type(error).__name__}: {error}", []))


class _Failed(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class LocalePreview:
    """One locale of the preview: built once, its pages then rendered again one by one."""

    def __init__(
        self, config_file: Path, site_dir: Path, site_url: str | None, locale: str
    ) -> None:
        self.config_file = Path(config_file)
        self.site_dir = Path(site_dir)
        self.site_url = site_url
        self.locale = locale
        self.built: mkdocs_internals.Built | None = None

    def build(self) -> str | None:
        """Build the locale into the preview's folder; the reason it failed, or None."""
        self.built = None
        overrides = {"site_url": self.site_url} if self.site_url else {}
        problems: _Problems | None = None
        mkdocs_log = logging.getLogger("mkdocs")
        try:
            config = load_mkdocs_config(self.config_file, **overrides)
            problems = _Problems(site_from_mkdocs(config))
            mkdocs_log.addHandler(problems)
            config.site_dir = str(self.site_dir)
            config.strict = False  # a broken link is a warning while writing
            static_i18n.build_only(config, self.locale)
            english_history.forget()
            with mkdocs_internals.shared_site_dir():  # the locales share the folder
                self.built = mkdocs_internals.build_keeping_state(config)
        except (Abort, MkDocsException) as error:
            return problems.reason(error)[0] if problems else str(error)
        except PolyhelpError as error:
            return str(error)
        finally:
            if problems is not None:
                mkdocs_log.removeHandler(problems)
        return None

    def render(self, paths: list[Path]) -> list[str]:
        """Render again the pages made from `paths` (saved Markdown files), and, where a
        title changed, the pages whose navigation shows it; returns their site paths."""
        if self.built is None:  # the last build failed: only a whole one can mend it
            reason = self.build()
            if reason:
                raise _Failed(reason)
            return [self.locale]
        built = self.built
        site = site_from_mkdocs(built.config)
        docs = site.docs_dir.resolve()
        names = {path.resolve().relative_to(docs).as_posix().split("/", 1)[1] for path in paths}
        pages = [
            file.page
            for file in built.files.documentation_pages()
            if file.page is not None and page_name(site, file) in names
        ]
        titles = {id(page): page.title for page in pages}
        english_history.forget()  # a saved English page is "edited" from now on
        problems = _Problems(site)
        mkdocs_log = logging.getLogger("mkdocs")
        mkdocs_log.addHandler(problems)
        try:
            mkdocs_internals.render_again(built, pages, [])
            listing = [page for page in pages if page.title != titles[id(page)]]
            shown = _pages_listing(built, listing)
            rendered = pages + [page for page in shown if id(page) not in titles]
            # The 404 page shows the navigation too (the sitemap is polyhelp's own).
            templates = ["404.html"] if listing else []
            mkdocs_internals.render_again(built, [], rendered, templates)
        except (Abort, MkDocsException) as error:
            raise _Failed(problems.reason(error)[0]) from None
        except PolyhelpError as error:
            raise _Failed(str(error)) from None
        finally:
            mkdocs_log.removeHandler(problems)
        written = [page.url or "/" for page in rendered]
        return written + [name for name in templates if name in built.config.theme.static_templates]


def _pages_listing(built: mkdocs_internals.Built, pages: list) -> list:
    """The pages whose HTML shows the titles of `pages`: with Material's navigation.prune,
    those of the same section (its navigation is shown open there) and the previous and
    next pages (the footer); a page outside any section, or without prune, is in every
    page's navigation."""
    if not pages:
        return []
    every = [file.page for file in built.files.documentation_pages() if file.page is not None]
    features = built.config.theme.get("features") or []
    shown = []
    for page in pages:
        if "navigation.prune" not in features or page.parent is None:
            return every
        shown += [other for other in every if _inside(other, page.parent)]
        shown += [other for other in (page.previous_page, page.next_page) if other is not None]
    return list({id(page): page for page in shown}.values())


def _inside(page, section) -> bool:
    parent = page.parent
    while parent is not None:
        if parent is section:
            return True
        parent = parent.parent
    return False


def check_address(dev_addr: str) -> None:
    """Refuse an address the preview cannot listen on: malformed, a port out of range or
    in use, a host that is not this machine's. Tried by binding to it, as the server will."""
    fix = "pass --dev-addr HOST:PORT, e.g. 127.0.0.1:8000"
    host, colon, port_text = dev_addr.rpartition(":")
    host = host.removeprefix("[").removesuffix("]")
    if not colon or not host or not port_text.isdigit():
        raise ConfigError(f"--dev-addr {dev_addr!r} is not HOST:PORT; {fix}")
    port = int(port_text)
    if not 1 <= port <= 65535:
        raise ConfigError(f"--dev-addr {dev_addr}: port {port} is out of range (1-65535); {fix}")
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError):
        raise ConfigError(f"--dev-addr {dev_addr}: unknown host {host!r}; {fix}") from None
    with socket.socket(family, kind, proto) as probe:
        # As MkDocs' server does (allow_reuse_address): a port only lingering after an
        # earlier preview is free; one another server listens on is not.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                problem = f"port {port} is in use on {host} (another server?); stop it or"
            elif error.errno == errno.EADDRNOTAVAIL:
                problem = f"{host} is not an address of this machine; use 127.0.0.1, or"
            elif error.errno == errno.EACCES:
                problem = f"port {port} needs special rights; use a port above 1023, or"
            else:
                problem = f"cannot listen there ({error.strerror});"
            raise ConfigError(f"--dev-addr {dev_addr}: {problem} {fix}") from None

