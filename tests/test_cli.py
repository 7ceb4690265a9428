"""The polyhelp command: --help everywhere, one-line errors, real exit codes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO, TINY_MKDOCS, make_site

COMMANDS = [[], ["build"], ["serve"], ["search"], ["translate"], ["status"], ["review"], ["check"]]


def polyhelp(*args: str, cwd=REPO) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "polyhelp", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
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
    assert "pages: en 4, fr 4, de 4" in built.stdout
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


def test_serve_previews_the_site_in_every_locale(tiny_site):
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "polyhelp",
            "serve",
            "-f",
            str(tiny_site),
            "-a",
            f"127.0.0.1:{port}",
        ],
        cwd=tiny_site.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/fr/returns/") as response:
                    page = response.read().decode("utf-8")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
        assert "Retourner un article" in page
        assert '"base": "../../fr/"' in page
    finally:
        server.terminate()
        server.wait(timeout=20)
