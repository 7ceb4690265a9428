"""The polyhelp command: --help everywhere, one-line errors, real exit codes."""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
import sys
import time
import urllib.error
from pathlib import Path

import pytest

from tests.conftest import REPO, TINY_MKDOCS, make_site

COMMANDS = [[], ["build"], ["serve"], ["search"], ["translate"], ["status"], ["review"], ["check"]]


def polyhelp(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    """The CLI as a user runs it, from `cwd` (a help center elsewhere finds the package)."""
    return subprocess.run(
        [sys.executable, "-m", "polyhelp", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "polyhelp")
def test_every_command_has_help(command):
    result = polyhelp(*command, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: polyhelp")
    assert len(result.stdout.splitlines()) > 3


def test_top_level_help_lists_the_commands_and_exit_codes():
    out = polyhelp("--help").stdout
    for name in ("build", "serve", "search", "translate", "status", "review", "check"):
        assert f"  {name}" in out
    assert "Exit codes" in out


def test_bad_mkdocs_yml_gives_one_line_error_and_exit_1(tmp_path):
    config = make_site(tmp_path / "help", mkdocs_yml=TINY_MKDOCS.replace("theme:\n", "theme: [\n"))
    result = polyhelp("build", "-f", str(config), cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("polyhelp: error: ")
    assert "mkdocs.yml:" in lines[0] and "invalid YAML" in lines[0]
    assert "Traceback" not in result.stderr


def test_missing_mkdocs_yml_is_one_line_not_a_traceback(tmp_path):
    result = polyhelp("build", cwd=tmp_path)
    assert result.returncode == 1
    assert (
        result.stderr.strip() == "polyhelp: error: mkdocs.yml: not found; "
        "run polyhelp from the help center's folder or pass --config-file"
    )


def test_build_failure_ends_with_one_line_naming_the_page(tmp_path):
    config = make_site(tmp_path / "help")
    page = config.parent / "docs" / "fr" / "returns.md"
    page.write_text("---\ntitle: Retours\n---\n\nTexte.\n", encoding="utf-8")
    result = polyhelp("build", "-q", "-f", str(config), cwd=config.parent)
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("polyhelp: error: build failed, nothing published: ")
    assert "docs/fr/returns.md:1: front matter lacks description, type" in last
    assert "Traceback" not in result.stderr
    assert not (config.parent / "site").exists()


def test_build_then_search_a_locale(tmp_path):
    config = make_site(tmp_path / "help")
    built = polyhelp("build", "-q", "-f", str(config), cwd=config.parent)
    assert built.returncode == 0, built.stderr
    # four pages of docs/ and the generated A-Z list of each locale
    assert "pages: en 5, fr 5, de 5" in built.stdout
    found = polyhelp(
        "search", "-f", str(config), "--locale", "de", "Rücksendungen", cwd=config.parent
    )
    assert found.returncode == 0, found.stderr
    assert found.stdout.splitlines()[0].split()[1].startswith("de/returns/")
    missing = polyhelp(
        "search", "-f", str(config), "--locale", "fr", "Rücksendungen", cwd=config.parent
    )
    assert missing.returncode == 1
    assert "No results" in missing.stdout


def test_unknown_command_exits_2():
    assert polyhelp("translate-everything").returncode == 2


@contextlib.contextmanager
def serving(site: Path, *options: str):
    """`polyhelp serve` of `site` on a free port, with any `options`; yields
    (read, deadline): read(path) is the served page once the server answers, waiting
    through refused connections and, unless `answered=True`, HTTP errors; deadline is a
    minute from the start."""
    import socket
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = ["serve", "-f", str(site), "-a", f"127.0.0.1:{port}", *options]
    server = subprocess.Popen(
        [sys.executable, "-m", "polyhelp", *command],
        cwd=site.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60

    def read(path: str, answered: bool = False) -> str:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}") as response:
                    return response.read().decode("utf-8")
            except OSError as error:  # an HTTPError is one too: the server answered
                given_up = time.monotonic() > deadline or server.poll() is not None
                if given_up or (answered and isinstance(error, urllib.error.HTTPError)):
                    raise
                time.sleep(0.3)

    try:
        yield read, deadline
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_serve_previews_the_site_in_every_locale(tiny_site):
    with serving(tiny_site) as (read, deadline):
        page = read("fr/returns/")
        assert "Retourner un article" in page
        assert '"base": "../../fr/"' in page
        # A saved page is in the preview a moment later.
        saved = tiny_site.parent / "docs" / "fr" / "returns.md"
        saved.write_text(saved.read_text("utf-8").replace("gratuits", "offerts"), "utf-8")
        while "offerts" not in page:
            assert time.monotonic() < deadline + 30, "the saved page never reached the preview"
            time.sleep(0.2)
            page = read("fr/returns/")


def test_serve_one_locale(tiny_site):
    with serving(tiny_site, "--locale", "de") as (read, _):
        assert "Artikel zurücksenden" in read("de/returns/", answered=True)
        with pytest.raises(urllib.error.HTTPError, match="404"):
            read("fr/returns/", answered=True)
    unknown = polyhelp("serve", "-f", str(tiny_site), "--locale", "it", cwd=tiny_site.parent)
    assert unknown.returncode == 1
    assert "--locale it: the site builds no such locale" in unknown.stderr


# --- one-line errors for bad input, never a traceback ---------------------------------------


def one_error_line(result: subprocess.CompletedProcess) -> str:
    """The last line on stderr, which must be a Polyhelp error, with no traceback before it."""
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr, result.stderr
    assert lines and lines[-1].startswith("polyhelp: error: "), result.stderr
    return lines[-1]


@pytest.mark.parametrize(
    "command",
    [
        ["build"],
        ["status"],
        ["check"],
        ["review", "docs/fr/returns.md"],
        ["translate", "--dry-run", "--engine", "pseudo"],
    ],
    ids=lambda c: c[0],
)
def test_non_utf8_page_is_one_line_for_every_command(tmp_path, command):
    config = make_site(tmp_path / "help")
    page = config.parent / "docs" / "fr" / "returns.md"
    page.write_bytes(page.read_bytes().replace(b"Retours", b"R\xe9tours"))  # Latin-1 é
    result = polyhelp(*command, cwd=config.parent)
    assert result.returncode == 1
    assert one_error_line(result) == (
        "polyhelp: error: docs/fr/returns.md:2: byte 0xe9 is not UTF-8 text "
        "(invalid continuation byte); save the file as UTF-8"
    )
    assert not (config.parent / "site").exists()


def test_non_utf8_data_file_is_one_line(tmp_path):
    config = make_site(tmp_path / "help")
    shop = config.parent / "data" / "shop.yml"
    shop.write_bytes(shop.read_bytes().replace(b"1 High Street", b"1 Stra\xdfe"))
    result = polyhelp("build", cwd=config.parent)
    assert result.returncode == 1
    assert one_error_line(result).startswith("polyhelp: error: data/shop.yml:6: byte 0xdf ")


def test_duplicate_front_matter_key_stops_the_build_naming_its_line(tmp_path):
    config = make_site(tmp_path / "help")
    page = config.parent / "docs" / "en" / "refunds.md"
    page.write_text(page.read_text("utf-8").replace("type: guide\n", "type: guide\ntype: faq\n"))
    result = polyhelp("build", cwd=config.parent)
    assert result.returncode == 1
    assert (
        "docs/en/refunds.md:5: invalid YAML: duplicate key 'type', first given on line 4"
        in one_error_line(result)
    )


def test_status_typo_in_fail_on_is_refused(tmp_path):
    # 'stael' matched no page, so the CI gate passed whatever the translations' state.
    config = make_site(tmp_path / "help")
    result = polyhelp("status", "--fail-on", "stael", cwd=config.parent)
    assert result.returncode == 2
    assert one_error_line(result) == (
        "polyhelp: error: --fail-on: unknown state 'stael' in 'stael'; states: reviewed, "
        "machine, stale, missing, pseudo (e.g. stale,pseudo or stale:legal)"
    )


def test_status_typo_in_a_fail_on_page_type_is_refused(tmp_path):
    config = make_site(tmp_path / "help")
    result = polyhelp("status", "--fail-on", "pseudo,stale:legl", cwd=config.parent)
    assert result.returncode == 2
    assert "unknown page type 'legl' in 'stale:legl'; page types: home, guide, faq" in (
        one_error_line(result)
    )


def test_status_typo_in_the_configured_gate_names_the_file(tmp_path):
    config = make_site(tmp_path / "help")
    settings = config.parent / "data" / "translation.yml"
    settings.write_text("review:\n  fail_on: [pseudo, stale:lgal]\n", encoding="utf-8")
    result = polyhelp("status", cwd=config.parent)
    assert result.returncode == 1
    assert one_error_line(result).startswith(
        "polyhelp: error: data/translation.yml: review.fail_on: unknown page type 'lgal'"
    )


@pytest.mark.parametrize("locale", ["xx", "en"])
def test_status_unknown_locale_is_refused(tmp_path, locale):
    config = make_site(tmp_path / "help")
    result = polyhelp("status", "--locale", "fr", "--locale", locale, cwd=config.parent)
    assert result.returncode == 2
    assert one_error_line(result) == (
        f"polyhelp: error: --locale {locale}: not a translated locale of this site; "
        "choose one of fr, de"
    )
    assert result.stdout == ""


def test_a_full_disk_is_one_line_naming_the_file(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from polyhelp import cli
    from polyhelp.project import files

    config = make_site(tmp_path / "help")
    monkeypatch.chdir(config.parent)

    def full_disk(descriptor):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "fsync", full_disk)
    result = CliRunner().invoke(
        cli.cli, ["review", "docs/fr/returns.md", "--accept", "--by", "Ana", "--despite-qa", "ok"]
    )
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.strip().splitlines()[-1] == (
        "polyhelp: error: docs/fr/returns.md: No space left on device; "
        "free some disk space and run again"
    )


def test_a_full_disk_where_the_writer_names_no_file_names_the_project(tmp_path):
    from polyhelp.cli import _file_error

    config = tmp_path / "help" / "mkdocs.yml"
    error = _file_error(OSError(errno.ENOSPC, "No space left on device"), config)
    assert (error.path, error.message) == (
        config.parent,
        "No space left on device; free some disk space and run again",
    )


def test_an_os_error_no_file_explains_keeps_its_traceback(tmp_path):
    # Not a user's mistake but Polyhelp's: hiding it would hide the bug.
    from polyhelp.cli import _file_error

    assert _file_error(OSError(errno.EINVAL, "Invalid argument"), tmp_path / "mkdocs.yml") is None
