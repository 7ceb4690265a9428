"""Untrusted text made literal for where it lands: HTML once, Markdown as written, URLs as URLs."""

from __future__ import annotations

import pytest

from polyhelp.content.escape import Markup, html_text, markdown_link, markdown_text
from polyhelp.project.urls import email_problem, url_problem


@pytest.mark.parametrize(
    "title, escaped",
    [
        ("Returns & refunds", "Returns &amp; refunds"),
        ("Returns &amp; refunds", "Returns &amp; refunds"),
        ("Centre d'aide", "Centre d&#39;aide"),
        ("&lt;script&gt;", "&lt;script&gt;"),
        ("<script>", "&lt;script&gt;"),
        ('" onmouseover="x', "&#34; onmouseover=&#34;x"),
    ],
)
def test_title_is_decoded_then_escaped_once(title, escaped):
    assert html_text(title) == escaped
    assert html_text(html_text(title)) == escaped  # Markup is not escaped again


def test_markdown_text_keeps_no_break_spaces_and_drops_line_breaks():
    assert markdown_text("€\u00a04,90") == "€\u00a04,90"
    assert markdown_text("a\n# b\r\n- c") == "a # b - c"
    assert markdown_text("\x02stash\x03") == "stash"  # Python-Markdown's placeholder marks


def test_markdown_link_keeps_its_text_literal():
    assert markdown_link("a*b]", "https://x.example") == "[a\\*b\\]](<https://x.example>)"
    assert not isinstance(markdown_text("x"), Markup)


@pytest.mark.parametrize(
    "url",
    ["https://a.example/x)y", "https://a.example/a b", 'https://a.example/"', "javascript:x",
     "https:///path", "ftp://a.example", "mailto:", ""],
)  # fmt: skip
def test_url_with_what_ends_a_link_or_an_attribute_is_refused(url):
    assert url_problem(url) is not None


@pytest.mark.parametrize(
    "url", ["https://a.example/x?y=1#z", "http://a.example", "mailto:a@b.example", "tel:+4930"]
)
def test_ordinary_urls_are_urls(url):
    assert url_problem(url) is None


def test_email_with_markup_is_not_an_address():
    assert email_problem('"><img src=x onerror=alert(1)>') is not None
    assert email_problem("help@nordvik-home.example") is None


def test_english_interface_text_in_markdown_is_marked_english():
    from polyhelp.locales.lookup import EnglishText

    assert markdown_text(EnglishText("Price *now*")) == (
        '<span lang="en" dir="ltr">Price \\*now\\*</span>'
    )
    assert markdown_text("Price") == "Price"
