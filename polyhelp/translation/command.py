"""The translate command's flow: choose pages, locales and engine; run; report in lines."""

from __future__ import annotations

import contextlib
import datetime
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from polyhelp.errors import PolyhelpError
from polyhelp.project.config import Site
from polyhelp.translation.catalogs import needs_own_catalog, translate_catalog
from polyhelp.translation.catalogs import summary as catalog_summary
from polyhelp.translation.engines import (
    CharacterBudget,
    DeepLEngine,
    DeepLLanguages,
    PseudoEngine,
    glossary_digest,
)
from polyhelp.translation.glossary import load_settings
from polyhelp.translation.memory import MEMORY_LOCK, fold_journals
from polyhelp.translation.run import (
    LocaleReport,
    LocaleRun,
    adopt_human_pages,
    english_pages,
    translate_locale,
)

KEY_VARIABLE = "DEEPL_AUTH_KEY"
URL_VARIABLE = "DEEPL_SERVER_URL"


# One translate run at a time per repository: two runs would each save their memory over
# the other's and lose what the first one paid for. Ignored by git (.gitignore).
LOCK_NAME = ".translate.lock"


def memory_folder(site) -> Path:
    return site.root / "translations"


def run_lock(site, wait_seconds: float) -> FileLock:
    """The repository's translate lock; waits `wait_seconds` for another run, then refuses."""
    return FileLock(memory_folder(site) / LOCK_NAME, timeout=wait_seconds)


def _remove_if_only_locks(folder: Path) -> None:
    """A run that wrote nothing (a refused key) leaves no translations/ folder behind.

    Called while the lock is still held: a run waiting for it then locks a new file.
    """
    locks = {LOCK_NAME, MEMORY_LOCK}
    if not folder.is_dir() or any(path.name not in locks for path in folder.iterdir()):
        return
    for name in locks:
        (folder / name).unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # another run created its lock file meanwhile
        folder.rmdir()


def run_translate(
    site: Site,
    paths: list[str],
    locales: str | None,
    dry_run: bool,
    engine_name: str,
    adopt: bool = False,
    max_characters: int | None = None,
    retry_refused: bool = False,
) -> Iterator[str]:
    """Translate, one run at a time per repository; yields the lines to print.

    `max_characters` (default: deepl.max_characters of data/translation.yml) is the most
    this run sends; it stops with BudgetError (exit 6), everything answered saved, rather
    than go over it.
    """
    targets = _locales(site, locales)
    names = [_page_name(site, path) for path in paths]
    others = [locale for locale in site.locales if locale != site.default_locale]
    settings = load_settings(site.data_dir, others)  # the glossary checked before sending
    pages = english_pages(site, names or None, settings)
    engine = _engine(engine_name, settings, dry_run)
    if isinstance(engine, DeepLEngine):  # pseudo-localizing costs nothing
        engine.budget = CharacterBudget(
            max_characters if max_characters is not None else settings.max_characters
        )
    if isinstance(engine, DeepLEngine):
        languages = DeepLLanguages(engine.target_languages())
        for locale in [locale for locale in targets if languages.supports(locale) is False]:
            targets.remove(locale)
            yield (
                f"{locale}: DeepL does not translate into '{locale}' (its /v2/languages): "
                f"skipped; it stays human-translated (docs/{locale}/ and "
                f"locales/{locale}.po by hand; missing pages show in English with a notice)"
            )
    created = not memory_folder(site).exists()
    memory_folder(site).mkdir(parents=True, exist_ok=True)
    lock = run_lock(site, settings.wait_for_other_run)
    try:
        lock.acquire()
    except Timeout:
        raise PolyhelpError(
            "another polyhelp translate is running in this repository; waited "
            f"{settings.wait_for_other_run} s for it (translate.wait_for_other_run in "
            "data/translation.yml): run again when it is done",
            lock.lock_file,
        ) from None
    try:
        yield from _run_locked(
            site, targets, pages, engine, settings, dry_run, adopt, retry_refused
        )
        if not names:  # the interface text too, unless only some pages were asked for
            for locale in targets:
                if needs_own_catalog(site.root, locale):
                    report = translate_catalog(site.root, locale, engine, dry_run)
                    yield from catalog_summary(report, dry_run)
    finally:
        if created:
            _remove_if_only_locks(memory_folder(site))
        lock.release()


def _run_locked(site, targets, pages, engine, settings, dry_run, adopt, retry_refused):
    for locale in fold_journals(memory_folder(site)):
        yield f"{locale}: folded the journal of an interrupted run into the memory"
    if dry_run and isinstance(engine, DeepLEngine):
        used, limit = engine.remaining_characters()
        left = "unlimited" if limit is None else f"{limit - used:,}"
        yield f"DeepL quota: {used:,} characters used, {left} left"
    for locale in targets:
        run = LocaleRun(site, locale, pages, engine, settings, memory_folder(site))
        if retry_refused:
            run.memory.forget_refusals()
            run.rejected.clear()
        if adopt:  # also with --dry-run: adopting sends nothing
            for name in adopt_human_pages(run, datetime.date.today().isoformat()):
                yield f"{locale}: adopted as reviewed (engine: human): {name}"
        if isinstance(engine, DeepLEngine) and not dry_run and run.missing():
            terms = settings.terms_for(locale)
            if terms:
                engine.ensure_glossary(locale, terms, glossary_digest(terms))
        total = sum(unit.characters for unit in run.missing())
        with _progress(locale, total, dry_run) as bar:
            report = translate_locale(run, dry_run, bar.update)
        yield from _summary(report, dry_run)


def _locales(site, locales: str | None) -> list[str]:
    others = [locale for locale in site.locales if locale != site.default_locale]
    if not locales:
        return others
    chosen = [locale.strip() for locale in locales.split(",") if locale.strip()]
    unknown = [locale for locale in chosen if locale not in others]
    if unknown:
        raise PolyhelpError(
            f"--to {','.join(unknown)}: not a translated locale of this site "
            f"(mkdocs.yml builds {', '.join(others)})"
        )
    return chosen


def _page_name(site, path: str) -> str:
    english = (site.docs_dir / site.default_locale).resolve()
    candidate = Path(path)
    resolved = candidate.resolve() if candidate.exists() else (english / candidate).resolve()
    try:
        return resolved.relative_to(english).as_posix()
    except ValueError:
        raise PolyhelpError(f"{path}: not an English page (they live in {english})") from None


def _engine(name: str, settings, dry_run: bool):
    if name == "pseudo":
        return PseudoEngine()
    key = os.environ.get(KEY_VARIABLE, "").strip()
    if not key:
        if dry_run:
            return PseudoEngine()  # plans need no key; the quota line needs one
        raise PolyhelpError(
            f"{KEY_VARIABLE} is not set: export {KEY_VARIABLE}=<your DeepL API key> "
            "(or use --engine pseudo to try translation offline)"
        )
    return DeepLEngine(
        key,
        server_url=os.environ.get(URL_VARIABLE) or None,
        formality=settings.formality,
        max_retries=settings.max_retries,
        timeout=settings.timeout,
    )


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _progress(locale: str, total: int, dry_run: bool):
    if dry_run or not total or not sys.stderr.isatty():
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, desc=f"{locale}", unit=" chars", unit_scale=True, leave=False)


def _summary(report: LocaleReport, dry_run: bool) -> Iterator[str]:
    locale = report.locale
    if dry_run:
        yield (
            f"{locale}: would send {report.remaining_segments} segments "
            f"({report.remaining_characters:,} characters) from {report.pages_to_send} pages"
        )
        return
    yield (
        f"{locale}: sent {report.segments_sent} segments ({report.characters_sent:,} characters) "
        f"in {report.requests} requests; wrote {len(report.pages_written)} pages; "
        f"left {len(report.pages_reviewed)} reviewed pages alone; "
        f"{len(report.pages_stale)} pages stale"
    )
    for name in report.pages_stale:
        yield f"{locale}: stale (reviewed, English changed since): {name}"
    for name in report.pages_unmanaged:
        yield f"{locale}: left alone (no translation block in its front matter): {name}"
    for line in report.hand_edits_kept:
        yield f"{line}"
    for line in report.rejected:
        yield f"{line} (English kept)"
    if report.rejected:
        yield (
            f"{locale}: refused segments are not sent again until their English changes; "
            "`polyhelp translate --retry-refused` sends them again"
        )
    if report.remaining_segments:
        yield f"{locale}: {report.remaining_segments} segments still to translate"
