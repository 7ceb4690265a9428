"""The build never loses or half-writes anything, and fails with one line.

It replaces only a folder an earlier build wrote, cleans up after killed builds, swaps the
site in one step, and says each problem once, with the file and line it is about.
"""

from __future__ import annotations

import errno
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from polyhelp.errors import BuildError, ConfigError
from polyhelp.site import build
from polyhelp.site.build import MARKER, build_site, remove_stale_staging
from polyhelp.site.serve import check_address
from tests.conftest import REPO, line_of, make_site, page_text, replace_once
from tests.test_cli import polyhelp


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every path under `folder` with its bytes (None for a folder): what 'unchanged' means."""
    return {
        path.relative_to(folder).as_posix(): None if path.is_dir() else path.read_bytes()
        for path in sorted(folder.rglob("*"))
    }


def one_error_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("polyhelp: error: ")
    return lines[0]


# --- which folder a build may replace ------------------------------------------------------


def test_site_dir_refuses_the_project(tmp_path):
    config = make_site(tmp_path / "help")
    (config.parent / "notes.txt").write_text("uncommitted work", encoding="utf-8")
    before = snapshot(tmp_path)
    result = polyhelp("build", "-q", "--site-dir", ".", cwd=config.parent)
    assert "help center's folder" in one_error_line(result)
    assert snapshot(tmp_path) == before


def test_site_dir_refuses_a_folder_that_contains_the_project(tmp_path):
    config = make_site(tmp_path / "help")
    before = snapshot(tmp_path)
    with pytest.raises(BuildError, match="contains help"):
        build_site(config, site_dir=tmp_path)
    assert snapshot(tmp_path) == before


def test_site_dir_refuses_the_docs_folder(tmp_path):
    config = make_site(tmp_path / "help")
    before = snapshot(tmp_path)
    with pytest.raises(BuildError, match="docs_dir"):
        build_site(config, site_dir=config.parent / "docs")
    assert snapshot(tmp_path) == before


def test_site_dir_refuses_the_data_folder(tmp_path):
    config = make_site(tmp_path / "help")
    before = snapshot(tmp_path)
    result = polyhelp("build", "-q", "--site-dir", "data", cwd=config.parent)
    assert "the data folder" in one_error_line(result)
    assert snapshot(tmp_path) == before


def test_site_dir_refuses_a_git_work_tree(tmp_path):
    config = make_site(tmp_path / "help")
    checkout = tmp_path / "pages-checkout"
    (checkout / ".git").mkdir(parents=True)
    (checkout / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    (checkout / MARKER).write_text("even with the marker", encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(BuildError, match="git work tree"):
        build_site(config, site_dir=checkout)
    assert snapshot(tmp_path) == before


def test_site_dir_refuses_the_home_folder(tmp_path, monkeypatch):
    config = make_site(tmp_path / "help")
    home = tmp_path / "home"
    home.mkdir()
    (home / MARKER).write_text("even with the marker", encoding="utf-8")
    (home / ".bashrc").write_text("export EDITOR=vi\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    before = snapshot(tmp_path)
    with pytest.raises(BuildError, match="home folder"):
        build_site(config, site_dir=home)
    assert snapshot(tmp_path) == before


def test_site_dir_refuses_a_folder_it_did_not_write(tmp_path):
    config = make_site(tmp_path / "help")
    photos = tmp_path / "photos"
    photos.mkdir()
    (photos / "holiday.jpg").write_bytes(b"\xff\xd8 a photo")
    before = snapshot(tmp_path)
    with pytest.raises(BuildError, match=f"no Polyhelp build wrote.*no {MARKER}"):
        build_site(config, site_dir=photos)
    assert snapshot(tmp_path) == before


def test_site_dir_replaces_a_site_it_wrote(tmp_path):
    config = make_site(tmp_path / "help")
    site_dir = tmp_path / "site"
    build_site(config, site_dir=site_dir)
    assert (site_dir / MARKER).is_file()
    (site_dir / "removed-page" / "index.html").parent.mkdir()
    (site_dir / "removed-page" / "index.html").write_text("gone next build", encoding="utf-8")
    project = snapshot(config.parent)
    build_site(config, site_dir=site_dir)
    assert not (site_dir / "removed-page").exists()
    assert (site_dir / MARKER).is_file() and (site_dir / "returns" / "index.html").is_file()
    assert snapshot(config.parent) == project
    assert sorted(p.name for p in tmp_path.iterdir()) == ["help", "site"]


def test_site_dir_replaces_a_site_an_older_polyhelp_wrote(tmp_path):
    # Sites built before the marker existed hold the writers' status page, the sitemap and
    # the search index: upgrading must not lock the shop out of its own site/.
    config = make_site(tmp_path / "help")
    site_dir = tmp_path / "site"
    build_site(config, site_dir=site_dir)
    (site_dir / MARKER).unlink()
    build_site(config, site_dir=site_dir)
    assert (site_dir / MARKER).is_file()


def test_site_dir_that_is_empty_is_built_into(tmp_path):
    config = make_site(tmp_path / "help")
    (tmp_path / "site").mkdir()
    build_site(config, site_dir=tmp_path / "site")
    assert (tmp_path / "site" / "index.html").is_file()


# --- what killed builds leave, and the moment of publishing ---------------------------------


def a_finished_process_id() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_next_build_removes_what_killed_builds_left(tmp_path):
    config = make_site(tmp_path / "help")
    dead = a_finished_process_id()
    left = [tmp_path / f".site.building-{dead}-k1ll3d", tmp_path / f".site.old-{dead}"]
    for folder in left:
        (folder / "fr").mkdir(parents=True)
        (folder / "fr" / "index.html").write_text("half a site", encoding="utf-8")
    build_site(config, site_dir=tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["help", "site"]


def test_next_build_keeps_the_folder_of_a_build_still_running(tmp_path):
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        staging = tmp_path / f".site.building-{running.pid}-busy"
        staging.mkdir()
        stale = tmp_path / ".site.building-oldstyle"
        stale.mkdir()
        an_hour_ago = time.time() - 3600
        os.utime(stale, (an_hour_ago, an_hour_ago))
        assert remove_stale_staging(tmp_path / "site") == []
        assert staging.is_dir() and stale.is_dir(), "an hour is not yet stale"
        two_days_ago = time.time() - 2 * 24 * 3600
        os.utime(stale, (two_days_ago, two_days_ago))
        assert remove_stale_staging(tmp_path / "site") == [stale]
        assert staging.is_dir()
    finally:
        running.kill()
        running.wait()


def test_a_build_killed_with_sigkill_is_cleaned_up_by_the_next(tmp_path):
    config = make_site(tmp_path / "help")
    script = (
        "import sys; from pathlib import Path; from polyhelp.site.build import build_site; "
        "build_site(Path(sys.argv[1]), site_dir=Path(sys.argv[2]), jobs=1)"
    )
    command = [sys.executable, "-c", script, str(config), str(tmp_path / "site")]
    killed = subprocess.Popen(command, env={**os.environ, "PYTHONPATH": str(REPO)})
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".site.building-*/*")):
        assert killed.poll() is None and time.monotonic() < deadline, "the build did not start"
        time.sleep(0.005)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    assert list(tmp_path.glob(".site.building-*")), "the killed build left its staging folder"
    build_site(config, site_dir=tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["help", "site"]


def published(tmp_path: Path) -> tuple[Path, Path]:
    final = tmp_path / "site"
    (final / "old").mkdir(parents=True)
    (final / "old" / "index.html").write_text("yesterday", encoding="utf-8")
    staging = tmp_path / f".site.building-{os.getpid()}-new"
    staging.mkdir()
    (staging / "index.html").write_text("today", encoding="utf-8")
    return staging, final


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux's")
def test_publishing_swaps_the_old_site_for_the_new_in_one_step(tmp_path, monkeypatch):
    staging, final = published(tmp_path)
    site_there = []
    replace = os.replace

    def watched_replace(source, destination):
        site_there.append(final.is_dir())
        replace(source, destination)

    monkeypatch.setattr(os, "replace", watched_replace)
    build._publish(staging, final)
    assert False not in site_there, "there was a moment without a site folder"
    assert (final / "index.html").read_text(encoding="utf-8") == "today"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_publishing_falls_back_to_two_renames_where_it_cannot_swap(tmp_path, monkeypatch):
    staging, final = published(tmp_path)
    monkeypatch.setattr(build, "_exchange", lambda new, old: False)
    build._publish(staging, final)
    assert (final / "index.html").read_text(encoding="utf-8") == "today"
    assert not (final / "old").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_published_site_folder_is_readable_by_a_web_server(tmp_path):
    # The site is staged in a private temporary folder; a web server running as another user
    # must still read the site's root once it is published.
    config = make_site(tmp_path / "help")
    old_mask = os.umask(0o022)
    try:
        build_site(config, site_dir=config.parent / "site")
    finally:
        os.umask(old_mask)
    assert (config.parent / "site").stat().st_mode & 0o777 == 0o755


# --- one line, the previous site untouched ----------------------------------------------------


@pytest.fixture
def published_site(tmp_path) -> tuple[Path, Path, dict]:
    """A tiny help center with its site built: (mkdocs.yml, site folder, the site's bytes)."""
    config = make_site(tmp_path / "help")
    site_dir = config.parent / "site"
    build_site(config, site_dir=site_dir)
    return config, site_dir, snapshot(site_dir)


def test_mkdocs_yml_that_is_not_utf8_is_one_line_and_the_site_stays(published_site):
    config, site_dir, before = published_site
    text = config.read_bytes().replace(b"site_name: Help Center", b"site_name: Caf\xe9 Help")
    config.write_bytes(text)
    line = one_error_line(polyhelp("build", "-q", cwd=config.parent))
    assert "mkdocs.yml:1: not UTF-8" in line
    assert snapshot(site_dir) == before


def test_theme_other_than_material_is_one_line_naming_material(published_site):
    config, site_dir, before = published_site
    replace_once(config, "  name: material\n", "  name: mkdocs\n")
    line = one_error_line(polyhelp("build", "-q", cwd=config.parent))
    assert "mkdocs.yml:3: theme 'mkdocs': Polyhelp needs Material for MkDocs" in line
    assert snapshot(site_dir) == before


def test_symlink_loop_in_docs_is_refused_naming_the_link(published_site):
    config, site_dir, before = published_site
    docs = config.parent / "docs" / "en"
    (docs / "a").mkdir()
    (docs / "b").mkdir()
    (docs / "a" / "to-b").symlink_to("../b")
    (docs / "b" / "to-a").symlink_to("../a")
    started = time.monotonic()
    line = one_error_line(polyhelp("build", "-q", cwd=config.parent))
    assert time.monotonic() - started < 30
    assert "docs/en/a: the symbolic link to-b -> ../b makes a loop" in line
    assert snapshot(site_dir) == before


def test_full_disk_during_the_build_is_one_line_and_leaves_no_staging(published_site, monkeypatch):
    config, site_dir, before = published_site

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "page.html")

    monkeypatch.setattr("mkdocs.utils.write_file", full_disk)
    with pytest.raises(BuildError, match="No space left on device.*free some space") as caught:
        build_site(config, site_dir=site_dir)
    assert "\n" not in str(caught.value)
    assert snapshot(site_dir) == before
    assert not list(config.parent.glob(".site.*")), "the staging folder is removed"


def test_full_disk_in_a_parallel_build_is_one_line_too(published_site, monkeypatch):
    config, site_dir, before = published_site

    def full_disk(*args, **kwargs):
        raise OSError(errno.EDQUOT, os.strerror(errno.EDQUOT), "page.html")

    monkeypatch.setattr("mkdocs.utils.write_file", full_disk)
    with pytest.raises(BuildError, match="quota"):
        build_site(config, site_dir=site_dir, jobs=2)
    assert snapshot(site_dir) == before
    assert not list(config.parent.glob(".site.*"))


def test_serve_refuses_a_port_in_use(tiny_site):
    with socket.socket() as other_server:
        other_server.bind(("127.0.0.1", 0))
        other_server.listen()
        port = other_server.getsockname()[1]
        line = one_error_line(polyhelp("serve", "-a", f"127.0.0.1:{port}", cwd=tiny_site.parent))
    assert f"port {port} is in use" in line


def test_serve_refuses_a_port_out_of_range():
    with pytest.raises(ConfigError, match="port 70000 is out of range"):
        check_address("127.0.0.1:70000")


def test_serve_refuses_an_address_that_is_not_this_machines():
    with pytest.raises(ConfigError, match="192.0.2.1 is not an address of this machine"):
        check_address("192.0.2.1:8000")  # TEST-NET-1: documentation only, never local


def test_serve_refuses_an_address_that_is_not_host_and_port():
    with pytest.raises(ConfigError, match="is not HOST:PORT"):
        check_address("8000")


# --- each problem once, with its line --------------------------------------------------------


def test_a_page_error_is_said_once_not_once_per_locale(tmp_path):
    # French has no faq.md: its build shows the English page, and meets the same error.
    config = make_site(tmp_path / "help")
    faq = config.parent / "docs" / "en" / "faq.md"
    faq.write_text(page_text("faq", "FAQ", "Call {{ shop.fax }}.\n"), encoding="utf-8")
    for jobs in ("1", "2"):
        result = polyhelp("build", "-q", "-j", jobs, cwd=config.parent)
        assert result.returncode == 1
        said = [line for line in result.stderr.splitlines() if "shop.fax" in line]
        assert len(said) == 1, result.stderr
        assert said[0].startswith("polyhelp: error: build failed, nothing published: ")


def test_a_warning_is_said_once_not_once_per_locale(tmp_path):
    config = make_site(tmp_path / "help")
    faq = config.parent / "docs" / "en" / "faq.md"
    faq.write_text(page_text("faq", "FAQ", "## Where?\n\nSee [the map](map.md).\n"), "utf-8")
    for jobs in ("1", "2"):
        result = polyhelp("build", "-q", "-j", jobs, cwd=config.parent)
        assert result.returncode == 1
        warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
        assert len([w for w in warnings if "map.md" in w]) == 1, result.stderr


def test_a_broken_link_names_its_line(tmp_path):
    config = make_site(tmp_path / "help")
    text = page_text("guide", "Retours", "## Retourner\n\nLisez [ceci](nowhere.md).\n")
    (config.parent / "docs" / "fr" / "returns.md").write_text(text, encoding="utf-8")
    line = line_of(text, "nowhere.md")
    with pytest.raises(BuildError, match=rf"docs/fr/returns\.md:{line}: .*'nowhere\.md'"):
        build_site(config, site_dir=tmp_path / "site")


def test_a_page_missing_from_the_nav_names_the_line_of_the_nav(tmp_path):
    config = make_site(tmp_path / "help")
    orphan = config.parent / "docs" / "en" / "orphan.md"
    orphan.write_text(page_text("guide", "Orphan", "Alone.\n"), encoding="utf-8")
    nav = config.read_text(encoding="utf-8").splitlines().index("nav:") + 1
    with pytest.raises(BuildError, match=rf"mkdocs\.yml:{nav}: .*en/orphan\.md.*add them to nav"):
        build_site(config, site_dir=tmp_path / "site")
