"""{{ shop.name }} placeholders: replaced from data, and every mistake names its line."""

from __future__ import annotations

import markdown
import pytest

from polyhelp.content.escape import Inline
from polyhelp.content.placeholders import Block, lookup, render
from polyhelp.errors import PlaceholderError, PolyhelpError

PATH = "docs/fr/support/contact.md"
VALUES = {
    "shop": {
        "name": "Nordvik Home",
        "phone": "+49 30 5550 1234",
        "hours": {"weekday": "8:00-20:00"},
        "channels": ["chat", "email"],
    }
}


def test_placeholders_are_replaced_with_or_without_inner_spaces():
    text = "Call {{ shop.phone }} or write to {{shop.name}}, {{   shop.name   }}."
    assert render(text, VALUES, PATH) == (
        "Call +49 30 5550 1234 or write to Nordvik Home, Nordvik Home."
    )


def test_nested_keys_are_reached_by_dotted_names():
    assert render("Open {{ shop.hours.weekday }}.", VALUES, PATH) == "Open 8:00-20:00."


def test_text_without_placeholders_is_unchanged():
    text = "No data here; braces { like } this stay.\n"
    assert render(text, VALUES, PATH) == text


def test_replaced_values_are_not_rendered_again():
    values = {"shop": {"name": "{{ shop.secret }}"}}
    assert render("{{ shop.name }}", values, PATH, markdown=False) == "{{ shop.secret }}"
    assert _html(render("{{ shop.name }}", values, PATH)) == "<p>{{ shop.secret }}</p>"


def test_unknown_placeholder_names_file_and_line():
    body = "Intro.\n\nCall {{ shop.phon }}.\n"
    with pytest.raises(PlaceholderError) as caught:
        render(body, VALUES, PATH, first_line=7)
    assert caught.value.line == 9
    assert str(caught.value).startswith(f"{PATH}:9: unknown placeholder {{{{ shop.phon }}}}")
    assert isinstance(caught.value, PolyhelpError)


def test_unknown_placeholder_lists_the_known_names():
    with pytest.raises(PlaceholderError) as caught:
        render("{{ shop.mail }}", VALUES, PATH)
    assert "known: shop.channels, shop.hours.weekday, shop.name, shop.phone" in str(caught.value)


def test_placeholder_below_a_text_value_is_unknown():
    with pytest.raises(PlaceholderError, match="unknown placeholder"):
        render("{{ shop.name.first }}", VALUES, PATH)


@pytest.mark.parametrize("name", ["shop", "shop.hours", "shop.channels"])
def test_group_placeholder_asks_for_one_of_its_keys(name):
    with pytest.raises(PlaceholderError, match="is a group, not a value") as caught:
        render(f"a\n{{{{ {name} }}}}", VALUES, PATH, first_line=3)
    assert caught.value.line == 4


@pytest.mark.parametrize(
    "typo", ["{{ shop.name }", "{{ shop-name }}", "{{{ shop.name }}}", "{{ 1shop }}", "{{ }}"]
)
def test_malformed_placeholder_is_reported_on_its_line(typo):
    body = f"Line one.\nWrite {typo} here.\n"
    with pytest.raises(PlaceholderError, match="malformed placeholder") as caught:
        render(body, VALUES, PATH, first_line=10)
    assert caught.value.line == 11
    assert "write it as {{ shop.name }}" in str(caught.value)


def test_lookup_returns_the_value_itself():
    assert lookup("shop.hours.weekday", VALUES, PATH, 1) == "8:00-20:00"


# --- values are text: they cannot open Markdown or HTML syntax -------------------------------

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc"]


def _html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


HOSTILE_VALUES = [
    "**x**",
    "[a](b)",
    "![a](b)",
    "<b>bold</b>",
    "<script>alert(1)</script>",
    "&lt;script&gt;",
    "`code`",
    "_x_",
    '{: onclick="alert(1)" }',
    "a | b",
    "# heading",
    "- item",
    "+ item",
    "1. item",
    "> quote",
    "===",
    "---",
    "~~~",
    '!!! danger "x"',
    "x\n# heading\n- item",
    "x\n\n    code",
    "back\\slash",
]


@pytest.mark.parametrize("value", HOSTILE_VALUES)
@pytest.mark.parametrize(
    "page", ["{{ shop.x }}", "Write to {{ shop.x }} today.", "## {{ shop.x }}"]
)
def test_placeholder_value_with_markdown_shows_literally(value, page):
    from html.parser import HTMLParser

    html = _html(render(page, {"shop": {"x": value}}, PATH))
    tags, text = [], []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append((tag, attrs))

        def handle_data(self, data):
            text.append(data)

    Collect().feed(html)
    expected_tag = "h2" if page.startswith("##") else "p"
    assert [tag for tag, _ in tags] == [expected_tag], html
    assert [name for name, _ in tags[0][1]] in ([], ["id"]), html  # no attribute but a toc id
    shown = "".join(text)
    assert " ".join(value.split()) in shown, html


def test_block_and_inline_values_are_markdown_built_by_polyhelp():
    values = {"x": {"link": Inline("[a](https://a.example)"), "list": Block("- one\n- two")}}
    assert render("See {{ x.link }}.", values, PATH) == "See [a](https://a.example)."
    assert render("{{ x.list }}", values, PATH) == "- one\n- two"


def test_title_values_are_inserted_as_written_for_the_caller_to_escape():
    values = {"shop": {"name": "Marks & <b>"}}
    assert render("{{ shop.name }} help", values, PATH, markdown=False) == "Marks & <b> help"
