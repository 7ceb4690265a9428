"""Atomic writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import errno
import os

import pytest

from polyhelp.project import files
from polyhelp.project.files import write_atomic


def test_text_is_written_as_utf8_and_folders_are_created(tmp_path):
    path = tmp_path / "site" / "fr" / "sitemap.xml"
    write_atomic(path, "Centre d’aide")
    assert path.read_bytes() == "Centre d’aide".encode()


def test_bytes_are_written_unchanged(tmp_path):
    path = tmp_path / "sitemap.xml.gz"
    write_atomic(path, b"\x1f\x8b\x00\xff")
    assert path.read_bytes() == b"\x1f\x8b\x00\xff"


def test_write_replaces_the_old_content_and_leaves_only_the_file(tmp_path):
    path = tmp_path / "sitemap.xml"
    path.write_text("old, and longer than the new content", "utf-8")
    write_atomic(path, "new")
    assert path.read_text("utf-8") == "new"
    assert os.listdir(tmp_path) == ["sitemap.xml"]


def test_written_file_is_readable_by_everyone(tmp_path):
    # mkstemp creates 0600 files; a web server running as another user must read the site.
    path = tmp_path / "sitemap.xml"
    write_atomic(path, "x")
    assert path.stat().st_mode & 0o777 == 0o644


def test_temporary_file_lives_in_the_target_folder(tmp_path, monkeypatch):
    # Same folder, same file system: os.replace is then a rename, which is atomic.
    seen = []
    real_replace = os.replace

    def recording_replace(source, target):
        seen.append(source)
        real_replace(source, target)

    monkeypatch.setattr(files.os, "replace", recording_replace)
    write_atomic(tmp_path / "sitemap.xml", "x")
    assert len(seen) == 1
    assert os.path.dirname(seen[0]) == str(tmp_path)


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_failure_mid_write_keeps_the_old_file_and_no_temporary_file(tmp_path, monkeypatch, failing):
    path = tmp_path / "sitemap.xml"
    path.write_text("old", "utf-8")

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(files.os, failing, fail)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(path, "new")
    monkeypatch.undo()
    assert path.read_text("utf-8") == "old"
    assert os.listdir(tmp_path) == ["sitemap.xml"]


def test_interrupted_write_also_removes_the_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "sitemap.xml"
    path.write_text("old", "utf-8")

    def interrupt(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, "new")
    monkeypatch.undo()
    assert path.read_text("utf-8") == "old"
    assert os.listdir(tmp_path) == ["sitemap.xml"]


def test_a_full_disk_names_the_file_being_written(tmp_path, monkeypatch):
    # os.write reports ENOSPC without a file name; the CLI can only name what the error carries.
    def full_disk(descriptor):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "fsync", full_disk)
    path = tmp_path / "fr" / "returns.md"
    with pytest.raises(OSError) as caught:
        write_atomic(path, "Retours")
    assert (caught.value.errno, caught.value.filename) == (errno.ENOSPC, str(path))
    assert os.listdir(path.parent) == []
