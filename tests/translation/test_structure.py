"""A machine answer can never change a page's structure: such a segment keeps its English."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from polyhelp.content import frontmatter
from polyhelp.site.mkdocs_config import load_site
from polyhelp.translation.command import run_translate
from polyhelp.translation.segment import structure
from tests.conftest import line_of, make_site
from tests.fake_deepl import deepl_for_polyhelp

KEY = "test-key:fx"
ENGLISH = """\
---
title: Shipping
description: How we ship.
type: guide
---

## Delivery times

Orders ship within two days.

- Standard delivery
- Express delivery

| Option | Price |
| --- | --- |
| Standard | Free |

!!! note "Good to know"
    Parcels are tracked.

{{ shop.name }}
"""


@pytest.fixture
def fake(monkeypatch):
    with deepl_for_polyhelp(monkeypatch, KEY, max_retries=1) as server:
        yield server


@pytest.fixture
def site(tmp_path) -> Path:
    return make_site(tmp_path / "help", pages={"en/index.md": ENGLISH})


def translate_with(config: Path, fake, where: str, added: str) -> tuple[str, list[str]]:
    """Translate to French with `added` appended to the answer for the text holding `where`."""
    fake.rewrite = lambda source, translation: (
        translation + added if where in source else (translation)
    )
    lines = list(run_translate(load_site(config)[0], [], "fr", False, "deepl"))
    return (config.parent / "docs" / "fr" / "index.md").read_text("utf-8"), lines


@pytest.mark.parametrize(
    ("where", "added"),
    [
        ("two days", '\n!!! danger "x"\n    Pay here.'),
        ("two days", "\n==="),
        ("two days", "\n~~~\ncode"),
        ("Delivery times", "\nmore heading"),
        ("Express delivery", "\nExtra item"),
        ("Express delivery", "\n- injected item"),
        ("Free", "\nnew row"),
        ("Parcels", "\n\nOutside the admonition."),
        ("two days", "  \nhard break"),
    ],
    ids=[
        "admonition",
        "setext-heading",
        "fence",
        "newline-in-heading",
        "newline-in-list-item",
        "list-item",
        "table-row",
        "admonition-end",
        "hard-break",
    ],
)
def test_answer_that_changes_the_structure_keeps_its_english(site, fake, where, added):
    written, lines = translate_with(site, fake, where, added)
    english_line = next(line for line in ENGLISH.splitlines() if where in line)
    assert structure(written) == structure(ENGLISH)
    assert where in written, "the refused segment keeps its English"
    line = line_of(ENGLISH, english_line)
    assert any(
        text.startswith(f"fr/index.md:{line}: translation would change the page's structure")
        for text in lines
    ), lines
    assert "ORDERS·fr" in written or where == "two days", "the other segments are translated"


def test_unchanged_answers_change_no_structure(site, fake):
    written, lines = translate_with(site, fake, "nothing matches", "")
    assert structure(written) == structure(ENGLISH)
    assert not any("structure" in line for line in lines)
    assert "GOOD·fr TO·fr KNOW·fr" in written, "a translated admonition title is no new structure"


def test_words_beside_a_placeholder_that_stands_alone_are_refused(site, fake):
    fake.rewrite = lambda source, translation: (
        "Voici " + translation if "shop.name" in source else translation
    )
    list(run_translate(load_site(site)[0], [], "fr", False, "deepl"))
    written = (site.parent / "docs" / "fr" / "index.md").read_text("utf-8")
    assert "\n{{ shop.name }}\n" in written
    assert "Voici" not in written


@pytest.mark.parametrize(
    "added", ["\nsecond line", "\r\nwindows", "\u2028sep", "\x85next", "\ttab", "\x7fdel"]
)
def test_machine_title_is_one_line_without_control_characters(site, fake, added):
    written, _ = translate_with(site, fake, "Shipping", added)
    title = frontmatter.split(written, "fr/index.md", max_description=None).meta["title"]
    assert title.startswith("SHIPPING·fr")
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029" for c in title)
    assert "\n" not in title


def test_machine_title_yaml_reads_back_as_written(site, fake):
    added = ': a # "quoted" \\ [list] {map} *alias --- &amp; &lt;b&gt;'
    written, _ = translate_with(site, fake, "Shipping", added)
    block = written.split("---\n")[1]
    # The XML entities are read as the characters they stand for.
    expected = "SHIPPING·fr" + added.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    assert yaml.safe_load(block)["title"] == expected


def test_text_after_a_headings_condition_is_refused(tmp_path, fake):
    # Python-Markdown reads `{: when=... }` only at the end of the heading: text after it
    # would make the condition words and show the section in every market.
    english = ENGLISH.replace("## Delivery times", '## Delivery times {: when="shop.name" }')
    config = make_site(tmp_path / "help", pages={"en/index.md": english})
    written, lines = translate_with(config, fake, "Delivery times", " now")
    assert structure(written) == structure(english)
    assert '## Delivery times {: when="shop.name" }\n' in written
    line = line_of(english, "## Delivery times")
    assert any(text.startswith(f"fr/index.md:{line}: translation would change") for text in lines)
