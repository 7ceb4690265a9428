"""The polyhelp command: thin; parses arguments, calls the package, maps errors to exit codes."""

from __future__ import annotations

import errno
import logging
import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from polyhelp.errors import PolyhelpError, UsageError, relative_to_cwd

CONFIG_FILE_KEY = "polyhelp.config_file"


def _remember_config_file(context: click.Context, parameter: click.Parameter, value: Path):
    # For PolyhelpGroup: an error raised where no Polyhelp code read the file (MkDocs reads
    # pages itself) is traced back to a file of this project.
    context.meta[CONFIG_FILE_KEY] = value
    return value


CONFIG_OPTION = click.option(
    "--config-file",
    "-f",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
    callback=_remember_config_file,
    help="The help center's mkdocs.yml.",
)


def _setup_logging(verbose: bool, quiet: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    level = logging.DEBUG if verbose else logging.WARNING if quiet else logging.INFO
    for name in ("mkdocs", "polyhelp"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(level)
        logger.propagate = False


class PolyhelpGroup(click.Group):
    """Turns PolyhelpError into one line on stderr and a non-zero exit, never a traceback.

    The safety net: an OSError naming a file (or a full disk) and a UnicodeDecodeError that
    a project file explains become such a line too. Anything else is a bug in Polyhelp and
    keeps its traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PolyhelpError as error:
            _fail(error)
        except UnicodeDecodeError as error:
            from polyhelp.project.yamlfile import undecodable_file

            config_file = ctx.meta.get(CONFIG_FILE_KEY)
            found = undecodable_file(config_file, error) if config_file else None
            if found is None:
                raise
            _fail(found)
        except OSError as error:
            found = _file_error(error, ctx.meta.get(CONFIG_FILE_KEY))
            if found is None:
                raise
            _fail(found)


def _fail(error: PolyhelpError) -> NoReturn:
    click.echo(f"polyhelp: error: {error}", err=True)
    sys.exit(error.exit_code)


FILE_ERROR_HINTS = {
    errno.ENOSPC: "free some disk space and run again",
    errno.EDQUOT: "free some of your disk quota and run again",
    errno.EACCES: "check the permissions of the file and its folder",
    errno.EPERM: "check the permissions of the file and its folder",
    errno.EROFS: "the file system is read-only; work in a writable copy",
    errno.ENOENT: "check that the path exists",
    errno.ELOOP: "a symbolic link points (indirectly) at itself; remove the loop",
    errno.ENAMETOOLONG: "shorten the path",
    errno.EISDIR: "a folder is where a file is expected; move it away",
    errno.ENOTDIR: "a file is where a folder is expected; move it away",
}
# A full disk is the disk's fault wherever it happens, even where the writer (MkDocs) did not
# say which file it was writing: then the project folder is named.
NO_ROOM = (errno.ENOSPC, errno.EDQUOT)


def _file_error(error: OSError, config_file: Path | None) -> PolyhelpError | None:
    """The one-line error for an OSError a file explains, or None (then it is a bug)."""
    path = error.filename
    if path is None and error.errno in NO_ROOM:
        path = (config_file or Path("mkdocs.yml")).absolute().parent
    if path is None:
        return None
    reason = error.strerror or type(error).__name__
    if error.filename2 is not None:
        reason = f"{reason} (with {error.filename2})"
    hint = FILE_ERROR_HINTS.get(error.errno, "check the file and run again")
    return PolyhelpError(f"{reason}; {hint}", os.fsdecode(path))


@click.group(cls=PolyhelpGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="polyhelp")
def cli() -> None:
    """Polyhelp: a multilingual help center built from Markdown in git.

    Exit codes: 0 success; 1 the help center has a problem (the message names the file
    and line); 2 the command line is wrong.
    """


def _set_build_date(context: click.Context, parameter: click.Parameter, value):
    if value is not None:
        from polyhelp.project.build_date import ENVIRONMENT_VARIABLE

        # The environment reaches every locale's build process.
        os.environ[ENVIRONMENT_VARIABLE] = value.date().isoformat()
    return value


BUILD_DATE_OPTION = click.option(
    "--build-date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    callback=_set_build_date,
    expose_value=True,
    help="Build the site as on this day (YYYY-MM-DD): which announcements show, which "
    "holidays are upcoming, CET or CEST. Default: $POLYHELP_BUILD_DATE, else today (UTC).",
)


@cli.command()
@CONFIG_OPTION
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the site (default: site_dir of mkdocs.yml, i.e. site/).",
)
@click.option("--site-url", help="The public URL of the site (default: site_url of mkdocs.yml).")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=lambda: os.cpu_count() or 1,
    show_default="the number of CPUs",
    help="Build this many locales at once, in separate processes (1: one after the other). "
    "The site is the same either way.",
)
@BUILD_DATE_OPTION
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help="Show MkDocs' debug messages, and notes for maintainers (Material's end of life).",
)
@click.option("--quiet", "-q", is_flag=True, help="Show only warnings and errors.")
def build(
    config_file: Path,
    site_dir: Path | None,
    site_url: str | None,
    jobs: int,
    build_date,
    verbose,
    quiet,
) -> None:
    """Build the whole site strictly (every locale, every page) into site/.

    Any warning fails the build: a broken link, a page missing from the nav, malformed
    front matter, an unknown {{ placeholder }}. A failed build publishes nothing: the
    previous site/ stays as it was.
    """
    from polyhelp.site.build import build_site
    from polyhelp.site.material_internals import end_of_life_notice

    _setup_logging(verbose, quiet)
    if verbose:
        click.echo(f"polyhelp: note: {end_of_life_notice()}", err=True)
    result = build_site(config_file, site_dir=site_dir, site_url=site_url, jobs=jobs)
    pages = ", ".join(f"{locale} {count}" for locale, count in result.pages.items())
    click.echo(f"Built {result.site_dir} in {result.seconds:.1f} s (pages: {pages})")


@cli.command()
@CONFIG_OPTION
@click.option(
    "--dev-addr",
    "-a",
    default="127.0.0.1:8000",
    show_default=True,
    help="Address to serve the preview on.",
)
@click.option(
    "--locale",
    "-l",
    default=None,
    help="Preview this locale only, e.g. fr (default: every locale).",
)
@BUILD_DATE_OPTION
def serve(config_file: Path, dev_addr: str, locale: str | None, build_date) -> None:
    """Preview the site with live reload while you edit pages or data.

    Every locale is built once; saving a page then renders again only that page in the
    locales that show it (and, when its title changed, the pages whose navigation lists
    it). A new or deleted page, a change to the data, mkdocs.yml, templates or hooks builds
    the locales it concerns again.
    """
    from polyhelp.site.serve import serve_site

    _setup_logging(False, False)
    serve_site(config_file, dev_addr, locale)


@cli.command()
@CONFIG_OPTION
@click.option("--locale", "-l", required=True, help="The locale to search, e.g. fr.")
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="The built site (default: site_dir of mkdocs.yml).",
)
@click.option("--limit", default=5, show_default=True, help="How many results to show.")
@click.argument("query")
def search(config_file: Path, locale: str, site_dir: Path | None, limit: int, query: str) -> None:
    """Search one locale's index of the built site, as a customer on that locale would.

    Shows the best pages for QUERY, stemmed with that locale's language; useful to check
    that customers will find a page with the words they use.
    """
    from polyhelp.search.query import LocaleSearch
    from polyhelp.site.mkdocs_config import load_site
    from polyhelp.site.search import index_file

    site, _ = load_site(config_file)
    searcher = LocaleSearch(index_file(site, locale, site_dir))
    hits = searcher.search(query)[:limit]
    if not hits:
        click.echo(f"No results for {query!r} in {locale}.")
        sys.exit(1)
    for hit in hits:
        click.echo(f"{hit.score:7.3f}  {site.url_prefix(locale)}{hit.location}  {hit.title}")


@cli.command()
@CONFIG_OPTION
@click.argument("paths", nargs=-1)
@click.option(
    "--to",
    "locales",
    help="Comma-separated locales to translate into (default: every non-English locale).",
)
@click.option("--dry-run", is_flag=True, help="Send nothing; show what would be sent.")
@click.option(
    "--engine",
    type=click.Choice(["deepl", "pseudo"]),
    default="deepl",
    show_default=True,
    help="deepl: DeepL API (needs DEEPL_AUTH_KEY). pseudo: offline pseudo-localization "
    "for development; `polyhelp build` refuses to publish its pages.",
)
@click.option(
    "--adopt-existing",
    is_flag=True,
    help="First mark hand-written translations (pages without a translation block) as "
    "reviewed translations of the current English (with --dry-run: only that).",
)
@click.option(
    "--max-characters",
    type=click.IntRange(min=1),
    help="Send at most this many characters (tags included) in this run, then stop "
    "(exit 6). Default: deepl.max_characters of data/translation.yml, else no limit.",
)
@click.option(
    "--retry-refused",
    is_flag=True,
    help="Send again the segments whose translation was refused on an earlier run "
    "(damaged tags, an empty answer); otherwise they wait for their English to change.",
)
def translate(
    config_file: Path,
    paths,
    locales,
    dry_run,
    engine,
    adopt_existing,
    max_characters,
    retry_refused,
) -> None:
    """Pre-translate English pages (PATHS, default: all) into the other locales.

    Sends only segments that have no stored translation (translations/<locale>.jsonl) and
    writes docs/<locale>/ pages marked `translation: status: machine`. Reviewed pages are
    never changed: when their English changes they become stale. Text a person edited on a
    machine page is kept.

    DEEPL_AUTH_KEY is read from the environment; DEEPL_SERVER_URL overrides the API address.
    One run at a time per repository: a second one waits (translate.wait_for_other_run of
    data/translation.yml), then refuses.

    \b
    Exit codes:
      0  done
      1  bad input (a page, the data or mkdocs.yml; the message names file and line)
      2  wrong command line
      3  DeepL refused the key
      4  DeepL quota exhausted (what was translated is saved; run again later)
      5  DeepL unreachable after retries, or too slow (what was translated is saved)
      6  the character budget is spent (--max-characters; what was translated is saved)
      7  DeepL's answer was unusable or it refused the request (what was translated before
         is saved)
    """
    from polyhelp.site.mkdocs_config import load_site
    from polyhelp.translation.command import run_translate

    _setup_logging(False, False)
    site, _ = load_site(config_file)
    lines = run_translate(
        site,
        list(paths),
        locales,
        dry_run,
        engine,
        adopt_existing,
        max_characters=max_characters,
        retry_refused=retry_refused,
    )
    for line in lines:
        click.echo(line)
    if adopt_existing:
        # Adopted pages were written without the English at hand: QA's findings on them are
        # recorded one by one (not as one blanket override), so any new one fails.
        from polyhelp.review.gate import ADOPTED_REASON, migrate_site

        for path, count in migrate_site(site, ADOPTED_REASON):
            click.echo(f"{relative_to_cwd(path)}: {count} QA findings recorded as accepted")


@cli.command()
@CONFIG_OPTION
@click.option("--locale", "-l", "locales", multiple=True, help="Only this locale (repeatable).")
@click.option(
    "--format", "output", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option(
    "--fail-on",
    help="Comma-separated states that fail (exit 1), e.g. stale,missing,machine,pseudo; "
    "'stale:legal' limits a state to a page type. Default: data/translation.yml review.fail_on "
    "(pseudo).",
)
def status(config_file: Path, locales, output: str, fail_on: str | None) -> None:
    """Translation state of every page: reviewed, machine, stale, missing or pseudo.

    Totals per locale give the share reviewed, weighted by the English words. With
    --fail-on (or the configured review.fail_on) the offending pages are listed and the
    exit code is 1; review.warn_on pages are listed as warnings.
    """
    from polyhelp.review.report import as_json, as_table, check_rules, offending
    from polyhelp.review.states import site_states
    from polyhelp.site.mkdocs_config import load_site
    from polyhelp.translation.glossary import load_settings

    site, _ = load_site(config_file)
    settings = load_settings(site.data_dir)
    settings_file = site.data_dir / "translation.yml"
    check_rules(settings.warn_on, "review.warn_on", settings_file)
    if fail_on:
        given = [rule.strip() for rule in fail_on.split(",") if rule.strip()]
        rules = check_rules(given, "--fail-on", error=UsageError)
    else:
        rules = check_rules(settings.fail_on, "review.fail_on", settings_file)
    translated = [locale for locale in site.locales if locale != site.default_locale]
    for locale in locales:
        if locale not in translated:
            raise UsageError(
                f"--locale {locale}: not a translated locale of this site; "
                f"choose one of {', '.join(translated)}"
            )
    states = site_states(site, list(locales) or None)
    click.echo(as_json(states) if output == "json" else as_table(states))
    for page in offending(states, settings.warn_on):
        click.echo(
            f"polyhelp: warning: {page.state} {page.page_type} page: {page.locale}/{page.name}",
            err=True,
        )
    failing = offending(states, rules)
    for page in failing:
        click.echo(f"polyhelp: {page.state}: {page.locale}/{page.name}", err=True)
    if failing:
        sys.exit(1)


@cli.command()
@CONFIG_OPTION
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--accept", is_flag=True, help="Mark the page reviewed against the current English.")
@click.option("--by", help="Who reviewed it (default: git config user.name).")
@click.option(
    "--despite-qa",
    metavar="REASON",
    help="Accept the QA findings not accepted before, each recorded with this reason in the "
    "page's front matter (only those exact findings: any other still fails).",
)
def review(config_file: Path, path: Path, accept: bool, by: str | None, despite_qa) -> None:
    """Review a translated page (docs/<locale>/...): what changed in the English since it
    was reviewed (word by word, from git history), with the machine suggestion for each
    change; --accept marks it reviewed (QA must pass, or --despite-qa REASON).

    A catalog of interface text (locales/<locale>.po) lists its machine, pseudo and stale
    entries with their English; --accept marks the machine ones reviewed.
    """
    from polyhelp.review import workflow as reviewing
    from polyhelp.site.mkdocs_config import load_site
    from polyhelp.translation.command import memory_folder
    from polyhelp.translation.glossary import load_settings

    site, _ = load_site(config_file)
    if path.suffix == ".po":
        _review_catalog(site, path, accept, by)
        return
    settings = load_settings(site.data_dir)
    view = reviewing.review_view(site, path, memory_folder(site), settings)
    click.echo(f"{view.locale}/{view.name}: {view.state}")
    if not view.baseline_found:
        click.echo("  (the English this translation was made from is not in git history)")
    elif not view.changes:
        click.echo("  The English has not changed since this translation was made.")
    for change in view.changes:
        where = f"English line {change.line}" if change.line else "deleted from the English"
        click.echo(f"\n  {where}:\n    {change.diff}")
        if change.whole:
            click.echo(f"  (shown whole: {change.whole})")
        if change.suggestion:
            click.echo(f"  machine suggestion:\n    {change.suggestion}")
    if not accept:
        click.echo(f"\nThe translation: {path}\nAccept with: polyhelp review {path} --accept")
        return
    findings = reviewing.accept(
        site, path, memory_folder(site), settings, by=by, despite_qa=despite_qa
    )
    for finding in findings:
        click.echo(f"  {finding}")
    accepted = sum(finding.severity == "accepted" for finding in findings)
    recorded = f" ({accepted} accepted QA findings recorded)" if accepted else ""
    click.echo(f"{view.locale}/{view.name}: marked reviewed{recorded}")


def _review_catalog(site, path: Path, accept: bool, by: str | None) -> None:
    from polyhelp.review import interface

    locale, entries = interface.entries_to_review(site, path)
    click.echo(f"{path}: {len(entries)} entries to review ({locale})")
    for entry in entries:
        click.echo(f"\n  {path}:{entry.line}: {entry.key} ({entry.state})")
        if entry.previous_english:
            click.echo(f"    English then: {entry.previous_english}")
        click.echo(
            f"    English:      {entry.english}\n    {locale}:{' ' * (13 - len(locale))}"
            f"{entry.translation}"
        )
    if not accept:
        click.echo(f"\nAccept the machine entries with: polyhelp review {path} --accept")
        return
    accepted = interface.accept_catalog(site, path, by)
    click.echo(f"{path}: {len(accepted)} machine entries marked reviewed")


@cli.command()
@CONFIG_OPTION
@click.option("--quiet", "-q", is_flag=True, help="Only errors, and the summary line.")
@click.option(
    "--show-accepted",
    is_flag=True,
    help="Also list the findings reviewers accepted (review --accept --despite-qa), with why.",
)
@click.option(
    "--literal-facts/--no-literal-facts",
    default=True,
    show_default=True,
    help="Also every page (English too) that types a duration, amount, clock time, phone "
    "number or e-mail address by hand instead of taking it from data.",
)
def check(config_file: Path, quiet: bool, show_accepted: bool, literal_facts: bool) -> None:
    """Translation QA of every translated page against its English page.

    Per segment (or per page when a translation's structure differs): numbers in the
    locale's format, link targets, placeholders, inline code and HTML exactly as in the
    English, glossary and do-not-translate terms, the same headings, list items, table rows
    and code blocks, no segment left in English. Each finding names file and line and is an
    error, except the exact findings a reviewer accepted (`review --accept --despite-qa`):
    those are counted, and listed with --show-accepted. A reviewed page whose link targets,
    numbers, placeholders or code changed since its review is an error. Exit 1 if any error.
    A fact typed by hand in any page of any locale (English too) is an error naming the
    placeholder to write (--no-literal-facts skips that rule).
    """
    from polyhelp.review.gate import check_site
    from polyhelp.site.mkdocs_config import load_site
    from polyhelp.translation.glossary import load_settings

    site, _ = load_site(config_file)
    findings = check_site(site, load_settings(site.data_dir))
    if literal_facts:
        from polyhelp.review.facts import literal_facts as typed_by_hand

        findings += typed_by_hand(site)
    errors = [f for f in findings if f.severity == "error"]
    accepted = [f for f in findings if f.severity == "accepted"]
    warnings = len(findings) - len(errors) - len(accepted)  # none from QA itself
    for finding in findings:
        shown = {"error": True, "accepted": show_accepted and not quiet}
        if shown.get(finding.severity, not quiet):
            click.echo(str(finding))
    hint = "" if show_accepted or not accepted else " (--show-accepted lists them)"
    counts = [f"{len(errors)} errors"] + ([f"{warnings} warnings"] if warnings else [])
    click.echo(f"{', '.join(counts)}, {len(accepted)} accepted findings{hint}")
    if errors:
        sys.exit(1)


@cli.group()
def locale() -> None:
    """The help center's locales: add one (mkdocs.yml, its catalog, its folder)."""


@locale.command("add")
@CONFIG_OPTION
@click.argument("code")
@click.option(
    "--name",
    help="The name shown in the language switcher (default: CLDR's own "
    "name for the language, e.g. Ελληνικά).",
)
@click.option(
    "--direction",
    type=click.Choice(["ltr", "rtl"]),
    help="Text direction (default: CLDR's for the language; fa, ar and he are rtl).",
)
@click.option(
    "--formality",
    help="DeepL's formality for this locale (default, more, less, "
    "prefer_more, prefer_less), where DeepL offers one for the language.",
)
def locale_add(config_file: Path, code: str, name, direction, formality) -> None:
    """Add locale CODE (el, vi, fa...): its language in mkdocs.yml (with the nav's section
    titles, machine-translated where DeepL translates into it), an empty interface catalog
    locales/CODE.po and the folder docs/CODE/; then says what to run next.

    DeepL is asked which languages it translates into (DEEPL_AUTH_KEY); a locale it cannot
    translate is added as a human-translated one."""
    from polyhelp.site.locale_add import add_locale, ask_deepl
    from polyhelp.site.mkdocs_config import validate_new_locale

    validate_new_locale(config_file, code)  # before DeepL is asked anything
    languages, titles = ask_deepl(code, config_file)
    added = add_locale(config_file, code, name, direction, formality, languages, titles)
    for line in added.lines:
        click.echo(line)


def main() -> None:
    cli(prog_name="polyhelp")
