"""The polyhelp command: thin; parses arguments, calls the package, maps errors to exit codes."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from polyhelp.errors import PolyhelpError

# Material's end-of-life banner is advice for maintainers, not a build problem.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

CONFIG_OPTION = click.option(
    "--config-file",
    "-f",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
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
    """Turns PolyhelpError into one line on stderr and a non-zero exit, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PolyhelpError as error:
            click.echo(f"polyhelp: error: {error}", err=True)
            sys.exit(error.exit_code)


@click.group(cls=PolyhelpGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="polyhelp")
def cli() -> None:
    """Polyhelp: a multilingual help center built from Markdown in git.

    Exit codes: 0 success; 1 the help center has a problem (the message names the file
    and line); 2 the command line is wrong.
    """


@cli.command()
@CONFIG_OPTION
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the site (default: site_dir of mkdocs.yml, i.e. site/).",
)
@click.option("--site-url", help="The public URL of the site (default: site_url of mkdocs.yml).")
@click.option("--verbose", "-v", is_flag=True, help="Show MkDocs' debug messages.")
@click.option("--quiet", "-q", is_flag=True, help="Show only warnings and errors.")
def build(config_file: Path, site_dir: Path | None, site_url: str | None, verbose, quiet) -> None:
    """Build the whole site strictly (every locale, every page) into site/.

    Any warning fails the build: a broken link, a page missing from the nav, malformed
    front matter, an unknown {{ placeholder }}. A failed build publishes nothing: the
    previous site/ stays as it was.
    """
    from polyhelp.build import build_site

    _setup_logging(verbose, quiet)
    result = build_site(config_file, site_dir=site_dir, site_url=site_url)
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
def serve(config_file: Path, dev_addr: str) -> None:
    """Preview the site with live reload while you edit pages or data."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    from polyhelp.config import load_site

    _setup_logging(False, False)
    site, _ = load_site(config_file)  # a bad config gets polyhelp's one-line error first
    package = Path(__file__).parent
    mkdocs_serve(
        config_file=str(config_file),
        livereload=True,
        watch=[str(site.data_dir), str(package)],
        dev_addr=dev_addr,
    )


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
    from polyhelp.config import load_site
    from polyhelp.search_index import LocaleSearch, index_file

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
def translate(config_file: Path, paths, locales, dry_run, engine, adopt_existing) -> None:
    """Pre-translate English pages (PATHS, default: all) into the other locales.

    Sends only segments that have no stored translation (translations/<locale>.jsonl) and
    writes docs/<locale>/ pages marked `translation: status: machine`. Reviewed pages are
    never changed: when their English changes they become stale. Text a person edited on a
    machine page is kept.

    DEEPL_AUTH_KEY is read from the environment; DEEPL_SERVER_URL overrides the API address.

    \b
    Exit codes:
      0  done
      1  bad input (a page, the data or mkdocs.yml; the message names file and line)
      2  wrong command line
      3  DeepL refused the key
      4  DeepL quota exhausted (what was translated is saved; run again later)
      5  DeepL unreachable after retries (what was translated is saved; run again)
    """
    from polyhelp.translate_command import run_translate

    _setup_logging(False, False)
    for line in run_translate(config_file, list(paths), locales, dry_run, engine, adopt_existing):
        click.echo(line)


def main() -> None:
    cli(prog_name="polyhelp")
