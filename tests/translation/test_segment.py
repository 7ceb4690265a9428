"""Segmentation: every byte outside the translated text stays; the structure survives."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from polyhelp.translation.engines import PseudoEngine
from polyhelp.translation.inline_xml import to_markdown, to_xml
from polyhelp.translation.segment import reassemble, segment, yaml_scalar
from tests.conftest import REPO

DATA = Path(__file__).parent.parent / "data"
REPO_PAGES = sorted((REPO / "docs").rglob("*.md"))
CORPUS = [DATA / "awkward.md", *REPO_PAGES]


def pseudo_translation(text: str) -> str:
    document = segment(text)
    engine = PseudoEngine()
    texts = []
    for seg in document.segments:
        xml, slots = to_xml(seg.source, seg.kind, ("Nordvik Home",), document.references)
        texts.append(to_markdown(engine.translate([xml], "fr")[0], slots, seg.kind))
    return reassemble(document, texts)


def render(text: str) -> str:
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    return markdown.markdown(
        body,
        extensions=["admonition", "tables", "footnotes", "attr_list", "md_in_html", "fenced_code"],
    )


def structure(html: str) -> dict:
    """What must not change in translation: the shape of the page and what it points to."""
    return {
        "tags": re.findall(r"<(h[1-6]|li|tr|td|th|pre|table|blockquote|ol|ul|img|a|code)\b", html),
        "hrefs": re.findall(r'href="([^"]*)"', html),
        "srcs": re.findall(r'src="([^"]*)"', html),
        "code": re.findall(r"<code[^>]*>(.*?)</code>", html, re.S),
        "placeholders": re.findall(r"\{\{.*?\}\}", html),
        "admonitions": re.findall(r'class="admonition ([^"]+)"', html),
    }


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(REPO)))
def test_identity_translation_is_byte_identical(path):
    text = path.read_text(encoding="utf-8")
    document = segment(text, path)
    assert reassemble(document, [seg.source for seg in document.segments]) == text


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(REPO)))
def test_pseudo_translation_keeps_the_structure(path):
    text = path.read_text(encoding="utf-8")
    translated = pseudo_translation(text)
    assert translated != text
    assert structure(render(translated)) == structure(render(text))


def test_every_kind_of_text_is_found_and_nothing_else():
    sources = [seg.source for seg in segment((DATA / "awkward.md").read_text()).segments]
    for expected in [
        "Awkward: a page that tries everything",
        "Nested lists, tables, admonitions, footnotes, HTML and links.",
        "Setext heading",
        "Nested item with `code`",
        "Deeply nested ordered item",
        "with a second paragraph in the item.",
        "Other \\| column",
        "padded cell",
        "Careful: a titled admonition",
        "The footnote text, translatable.",
        "**[Card title](z.md)**",
        "A quote with **strong** text\nover two lines.",
        "And a nested quote.",
    ]:
        assert expected in sources
    joined = "\n".join(sources)
    for never in [
        "print(",
        "key: value",
        "indented code block",
        "a comment",
        "grid cards",
        "docs.example.com",
    ]:
        assert never not in joined


def test_meta_values_are_written_back_as_valid_yaml():
    text = "---\ntitle: Plain\ndescription: Short.\ntype: guide\n---\n\nBody.\n"
    document = segment(text)
    out = reassemble(document, ["Titre : avec deux-points", "Déjà # pas un commentaire", "Corps."])
    assert 'title: "Titre : avec deux-points"' in out
    assert 'description: "Déjà # pas un commentaire"' in out
    assert yaml_scalar("Simple titre") == "Simple titre"


def test_a_longer_translation_keeps_its_lines_in_the_list_item():
    text = "- first line\n  second line\n- next\n"
    document = segment(text)
    out = reassemble(document, ["one\ntwo\nthree", "suivant"])
    assert out == "- one\n  two\n  three\n- suivant\n"


def test_a_shorter_translation_drops_the_extra_lines():
    text = "> quoted first\n> quoted second\n\nAfter.\n"
    document = segment(text)
    assert reassemble(document, ["une ligne", "Après."]) == "> une ligne\n\nAprès.\n"


def test_crlf_line_endings_survive():
    text = "---\r\ntitle: T\r\ndescription: D\r\ntype: guide\r\n---\r\n\r\nHello\r\n"
    document = segment(text)
    assert reassemble(document, [s.source for s in document.segments]) == text
