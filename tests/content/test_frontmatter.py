"""Page front matter: strict parsing, and errors that name the file and the line."""

from __future__ import annotations

import pytest

from polyhelp.content import frontmatter
from polyhelp.errors import EncodingError, FrontMatterError, PolyhelpError

PATH = "docs/en/returns.md"


def page(*front_matter_lines: str, body: str = "\nReturns are free.\n") -> str:
    return "---\n" + "".join(f"{line}\n" for line in front_matter_lines) + "---\n" + body


VALID = ("title: Returns", "description: How to send an item back.", "type: guide")


def test_valid_page_splits_into_meta_and_body():
    result = frontmatter.split(page(*VALID), PATH)
    assert result.meta == {
        "title": "Returns",
        "description": "How to send an item back.",
        "type": "guide",
    }
    assert result.page_type == "guide"
    assert result.body == "\nReturns are free.\n"
    assert str(result.path) == PATH


def test_body_line_is_the_files_line_of_the_first_body_line():
    text = page(*VALID, body="First body line.\nSecond.\n")
    result = frontmatter.split(text, PATH)
    assert result.body_line == 6
    assert text.splitlines()[result.body_line - 1] == "First body line."


def test_yaml_document_end_marker_also_closes_the_block():
    text = "---\n" + "\n".join(VALID) + "\n...\nBody.\n"
    result = frontmatter.split(text, PATH)
    assert result.meta["type"] == "guide"
    assert result.body == "Body.\n"


def test_windows_line_endings_are_accepted():
    text = page(*VALID).replace("\n", "\r\n")
    assert frontmatter.split(text, PATH).meta["title"] == "Returns"


def test_yaml_error_on_line_3_of_the_file_reports_line_3():
    text = page("title: Returns", 'description: "Free" returns.', "type: guide")
    with pytest.raises(FrontMatterError) as caught:
        frontmatter.split(text, PATH)
    assert caught.value.line == 3
    assert str(caught.value).startswith(f"{PATH}:3: invalid YAML")
    assert isinstance(caught.value, PolyhelpError)


def test_page_without_front_matter_fails_on_line_1_and_shows_an_example():
    with pytest.raises(FrontMatterError) as caught:
        frontmatter.split("# Returns\n\nText.\n", PATH)
    assert caught.value.line == 1
    assert "must start with a front matter block" in str(caught.value)
    assert "type: guide" in str(caught.value)


def test_unclosed_front_matter_block_is_reported():
    with pytest.raises(FrontMatterError, match="never closed") as caught:
        frontmatter.split("---\ntitle: Returns\n\nBody.\n", PATH)
    assert caught.value.line == 1


def test_front_matter_that_is_not_a_mapping_reports_line_2():
    with pytest.raises(FrontMatterError, match="'key: value' lines") as caught:
        frontmatter.split(page("- title", "- description"), PATH)
    assert caught.value.line == 2


def test_missing_keys_are_all_named():
    with pytest.raises(FrontMatterError) as caught:
        frontmatter.split(page("title: Returns"), PATH)
    assert "lacks description, type" in str(caught.value)


def test_title_that_is_not_text_names_its_line():
    text = page("description: How to send an item back.", "type: guide", "title: 2024")
    with pytest.raises(FrontMatterError, match="'title' must be non-empty text") as caught:
        frontmatter.split(text, PATH)
    assert caught.value.line == 4


def test_description_of_200_characters_passes_and_201_fails_on_its_line():
    fits = page("title: Returns", "description: " + "x" * 200, "type: guide")
    assert len(frontmatter.split(fits, PATH).meta["description"]) == 200
    too_long = page("title: Returns", "description: " + "x" * 201, "type: guide")
    with pytest.raises(FrontMatterError, match="201 characters") as caught:
        frontmatter.split(too_long, PATH)
    assert caught.value.line == 3


def test_unknown_page_type_names_its_line_and_the_allowed_types():
    text = page("title: Returns", "description: Send it back.", "", "type: blog")
    with pytest.raises(FrontMatterError) as caught:
        frontmatter.split(text, PATH)
    assert caught.value.line == 5
    assert "'blog'; expected one of home, guide, faq, legal" in str(caught.value)


def test_read_parses_a_file_and_errors_name_that_file(tmp_path):
    good = tmp_path / "docs" / "fr" / "returns.md"
    good.parent.mkdir(parents=True)
    good.write_text(page("title: Retours", "description: Renvoyer un article.", "type: guide"))
    assert frontmatter.read(good).meta["title"] == "Retours"

    bad = tmp_path / "docs" / "fr" / "refunds.md"
    bad.write_text(page("title: Remboursements", "type: guide"))
    with pytest.raises(FrontMatterError) as caught:
        frontmatter.read(bad)
    assert caught.value.path == bad
    assert str(caught.value).startswith(f"{bad}:1: ")


def test_page_saved_with_a_byte_order_mark_is_read_as_mkdocs_reads_it(tmp_path):
    # Editors and translation tools on Windows often save UTF-8 with a BOM; MkDocs reads
    # pages as utf-8-sig, so such a page builds, and Polyhelp must not reject it.
    path = tmp_path / "returns.md"
    path.write_text("\ufeff" + page(*VALID), encoding="utf-8")
    assert frontmatter.read(path).meta["title"] == "Returns"


def test_duplicate_front_matter_key_is_refused():
    # PyYAML keeps the last 'title' without a word; the writer meant one of them.
    text = page("title: Returns", "description: About returns.", "type: guide", "title: Refunds")
    with pytest.raises(FrontMatterError) as caught:
        frontmatter.split(text, "docs/en/returns.md")
    assert caught.value.line == 5
    assert "duplicate key 'title', first given on line 2" in caught.value.message


def test_impossible_date_in_front_matter_names_its_line():
    text = page(
        "title: Returns",
        "description: About returns.",
        "type: guide",
        "translation:",
        "  reviewed_on: 2026-02-30",
    )
    with pytest.raises(FrontMatterError) as caught:
        frontmatter.split(text, "docs/fr/returns.md")
    assert caught.value.line == 6
    assert "'2026-02-30' is not a date on the calendar" in caught.value.message


def test_non_utf8_page_names_the_line_of_the_bad_byte(tmp_path):
    path = tmp_path / "returns.md"
    path.write_bytes(page("title: Retours", "description: x.", "type: guide").encode() + b"\xe9\n")
    with pytest.raises(EncodingError) as caught:
        frontmatter.read(path)
    assert (caught.value.path, caught.value.line) == (path, 8)
    assert "byte 0xe9 is not UTF-8 text" in caught.value.message


def test_keywords_are_a_list_of_words_or_an_error_on_their_line():
    assert frontmatter.split(page(*VALID, "keywords: [refund, money back]"), PATH).meta[
        "keywords"
    ] == ["refund", "money back"]
    with pytest.raises(FrontMatterError) as caught:
        frontmatter.split(page(*VALID, "keywords: refund"), PATH)
    assert caught.value.line == 5 and "list of the words customers search with" in str(caught.value)
