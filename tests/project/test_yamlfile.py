"""YAML and text files read strictly: what PyYAML or Python accept silently, or with a bare
exception, becomes an error naming the file and the line."""

from __future__ import annotations

import codecs

import pytest

from polyhelp.errors import DataError, EncodingError
from polyhelp.project.yamlfile import parse_yaml, read_text, undecodable_file


def test_duplicate_key_names_the_line_of_the_second_one():
    with pytest.raises(DataError) as caught:
        parse_yaml("name: A\nemail: a@b.test\nname: B\n", "data/shop.yml", DataError)
    assert caught.value.line == 3
    assert "duplicate key 'name', first given on line 1" in caught.value.message


def test_duplicate_key_lines_count_from_the_first_line_of_the_block():
    with pytest.raises(DataError) as caught:
        parse_yaml("a:\n  x: 1\n  x: 2\n", "page.md", DataError, first_line=2)
    assert caught.value.line == 4
    assert "first given on line 3" in caught.value.message


def test_the_same_key_in_different_mappings_and_merge_keys_are_allowed():
    text = "base: &base {x: 1}\na: {x: 2}\nb:\n  <<: *base\n  x: 3\n"
    assert parse_yaml(text, "f.yml", DataError) == {"base": {"x": 1}, "a": {"x": 2}, "b": {"x": 3}}


@pytest.mark.parametrize("value", ["2026-02-30", "2026-13-01", "2025-02-29 10:00:00"])
def test_impossible_date_names_file_and_line(value):
    with pytest.raises(DataError) as caught:
        parse_yaml(f"id: x\nstarts: {value}\n", "data/announcements.yml", DataError)
    assert (str(caught.value.path), caught.value.line) == ("data/announcements.yml", 2)
    assert f"{value!r} is not a date on the calendar" in caught.value.message


def test_non_utf8_file_names_the_line_of_the_bad_byte(tmp_path):
    path = tmp_path / "shop.yml"
    path.write_bytes(b"name: Tiny\n\naddress: Stra\xdfe 1\n")
    with pytest.raises(EncodingError) as caught:
        read_text(path)
    assert (caught.value.path, caught.value.line) == (path, 3)
    assert "byte 0xdf is not UTF-8 text" in caught.value.message


def test_a_decode_error_raised_elsewhere_is_traced_to_its_file(tmp_path):
    # MkDocs reads pages itself; its UnicodeDecodeError names no file.
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    page = tmp_path / "docs" / "fr" / "index.md"
    page.parent.mkdir(parents=True)
    page.write_bytes(codecs.BOM_UTF8 + b"---\ntitle: \xe9\n")
    with pytest.raises(UnicodeDecodeError) as caught:
        page.read_text(encoding="utf-8-sig")
    found = undecodable_file(tmp_path / "mkdocs.yml", caught.value)
    assert (found.path, found.line) == (page, 2)


def test_a_decode_error_no_file_explains_is_not_attributed(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    with pytest.raises(UnicodeDecodeError) as caught:
        b"\xff\xfe not from a file".decode("utf-8")
    assert undecodable_file(tmp_path / "mkdocs.yml", caught.value) is None
