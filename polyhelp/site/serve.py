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
import shutil
import signal
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
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

# Pages rendered at a time after a title change: a save arriving meanwhile waits for one such
# batch at most (about 25 ms a page).
PENDING_CHUNK = 8
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
        preview.reload = server.reload_browsers
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
        # The status page is written after the browsers reload, in a thread of its own that
        # a save never waits for: saves meanwhile only ask for one more writing.
        self.status = threading.Condition()
        self.status_wanted = False
        self.status_running = False
        # One conversation at a time with the locales' processes: a save's, or the thread
        # rendering the pages that list a changed title (left: how many each locale has).
        self.pipes = threading.Lock()
        self.left: dict[str, int] = {}
        self.pending_running = False
        self.rendered_later: list[str] = []
        self.reload: Callable[[], None] = lambda: None  # the browsers reload (the server's)

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
        failures = [reason for reason, _, _ in self._answers(self.locales) if reason]
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
        change = classify(self.site, self.locales, paths, self.known)
        if change.rebuild:
            try:
                self.site, config = load_site(self.config_file)
            except PolyhelpError as error:
                log.error("polyhelp: error: %s", error)
                return []
            self.favicon = config.theme.get("favicon") or MATERIAL_FAVICON
            self.known = markdown_files(self.site)
        requests = {}
        for locale in self.locales:
            if locale in change.rebuild:
                requests[locale] = ("build", None)
            elif locale in change.pages:
                requests[locale] = ("pages", sorted(change.pages[locale]))
        with self.pipes:
            done = self._ask(requests)
            if any(self.left.values()) and not self.pending_running:
                # After this answer, once the browsers have reloaded the saved page.
                self.pending_running = True
                threading.Thread(target=self._render_pending, daemon=True).start()
        if change.rebuild:
            publish_default_index(self.site_dir)
            try:
                write_site_files(self.site, self.site_dir)
            except PolyhelpError as error:
                log.error("polyhelp: error: %s (sitemap not updated)", error)
        if requests:
            log.info("Rendered %s in %.2f s", _listed(done), time.monotonic() - started)
            # A page's translation state may have changed: the writers' page follows, after
            # the browsers have reloaded.
            with self.status:
                self.status_wanted = True
                if not self.status_running:
                    self.status_running = True
                    threading.Thread(target=self._write_status, daemon=True).start()
        return done

    def settle(self) -> None:
        """Wait until the pages and the status page the last update left are written."""
        with self.status:
            self.status.wait_for(lambda: not self.status_running and not self.pending_running)

    def _write_status(self) -> None:
        while True:
            with self.status:
                if not self.status_wanted:
                    self.status_running = False
                    self.status.notify_all()
                    return
                self.status_wanted = False
            try:
                write_status_page(self.site, self.site_dir, self.favicon)
            except PolyhelpError as error:
                log.error("polyhelp: error: %s (translation status page not updated)", error)
            except Exception:  # a bug: said, and the next save asks again
                log.exception("the translation status page failed")

    def _answers(self, locales: list[str]) -> list[tuple[str | None, list[str], int]]:
        """Each locale's answer: why it failed (or None), what it rendered, and how many
        pages it has left to render (navigation showing a changed title)."""
        answers = []
        for locale in locales:
            try:
                answers.append(self.workers[locale][1].recv())
            except EOFError:
                answers.append((f"the {locale} preview process ended", [], 0))
        return answers

    def _ask(self, requests: dict[str, tuple]) -> list[str]:
        """Send each locale its request and wait for every answer (holding `pipes`): what
        they rendered; a failure is said, and each locale's pages left are noted."""
        for locale, request in requests.items():
            self.workers[locale][1].send(request)
        rendered: list[str] = []
        answers = self._answers(list(requests))
        for locale, (reason, done, left) in zip(requests, answers, strict=True):
            if reason:
                log.error("polyhelp: error: %s (%s preview not updated)", reason, locale)
            rendered += done
            self.left[locale] = left
        return rendered

    def _render_pending(self) -> None:
        """Render the pages left by the last saves, a few at a time so that a save is not
        kept waiting, then make the browsers reload."""
        rendered: list[str] = []
        while True:
            with self.pipes:
                asked = [locale for locale, left in self.left.items() if left]
                if not asked:
                    self.pending_running = False
                    break
                rendered += self._ask({locale: ("pending", PENDING_CHUNK) for locale in asked})
        if rendered:
            log.info("Rendered the navigation showing the new title: %s", _listed(rendered))
            self.rendered_later = rendered
            self.reload()
        with self.status:
            self.status.notify_all()

    def stop(self) -> None:
        self.settle()
        for process, connection in self.workers.values():
            with suppress(BrokenPipeError, OSError):
                connection.send(("stop", None))
            connection.close()
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
        self.workers.clear()


def _listed(paths: list[str]) -> str:
    shown = ", ".join(paths[:6]) + (f" and {len(paths) - 6} more" if len(paths) > 6 else "")
    return shown or "nothing"


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
    connection.send((preview.build(), [locale], 0))
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
                connection.send((preview.build(), [locale], 0))
            elif request == "pending":
                connection.send((None, *preview.render_pending(argument)))
            else:
                rendered = preview.render([Path(path) for path in argument])
                connection.send((None, rendered, preview.left()))
        except _Failed as failed:
            connection.send((failed.reason, [], 0))
        except Exception as error:  # a bug: said with its traceback, the locale built anew
            log.exception("the %s preview failed", locale)
            preview.built = None
            connection.send((f"{type(error).__name__}: {error}", [], 0))


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
        # Pages whose navigation shows a title saved since they were rendered, and the
        # templates that show it too: rendered after the saved page has been served.
        self.pending: dict[int, object] = {}
        self.pending_templates: set[str] = set()

    def build(self) -> str | None:
        """Build the locale into the preview's folder; the reason it failed, or None."""
        self.built = None
        self.pending, self.pending_templates = {}, set()
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
        """Render again the pages made from `paths` (saved Markdown files); returns their
        site paths. Where a title changed, the pages whose navigation shows it are left for
        render_pending: a writer waits for the page saved, not for its whole topic."""
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
        with self._reporting(site):
            mkdocs_internals.render_again(built, pages, pages)
        listing = [page for page in pages if page.title != titles[id(page)]]
        for page in _pages_listing(built, listing):
            if id(page) not in titles:
                self.pending[id(page)] = page
        for page in pages:
            self.pending.pop(id(page), None)
        if listing:
            # The 404 page shows the navigation too (the sitemap is polyhelp's own).
            self.pending_templates.add("404.html")
        return [page.url or "/" for page in pages]

    def render_pending(self, count: int) -> tuple[list[str], int]:
        """Render `count` of the pages left by render (then the templates); returns their
        site paths and how many are left."""
        if self.built is None:
            return [], 0
        built = self.built
        chosen = list(self.pending)[:count]
        pages = [self.pending.pop(key) for key in chosen]
        templates = [] if self.pending else sorted(self.pending_templates)
        with self._reporting(site_from_mkdocs(built.config)):
            mkdocs_internals.render_again(built, [], pages, templates)
        if not self.pending:
            self.pending_templates = set()
        written = [page.url or "/" for page in pages]
        written += [name for name in templates if name in built.config.theme.static_templates]
        return written, self.left()

    def left(self) -> int:
        """How many pages and templates render_pending has still to render."""
        return len(self.pending) + len(self.pending_templates)

    @contextmanager
    def _reporting(self, site: Site) -> Iterator[None]:
        """MkDocs' warnings and errors while rendering, as one reason (_Failed)."""
        problems = _Problems(site)
        mkdocs_log = logging.getLogger("mkdocs")
        mkdocs_log.addHandler(problems)
        try:
            yield
        except (Abort, MkDocsException) as error:
            raise _Failed(problems.reason(error)[0]) from None
        except PolyhelpError as error:
            raise _Failed(str(error)) from None
        finally:
            mkdocs_log.removeHandler(problems)


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
