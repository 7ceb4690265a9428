"""FAQ pages: questions from ## headings, published as FAQPage JSON-LD a <script> can hold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from polyhelp.content.faq import extract, faq_page_jsonld
from polyhelp.errors import FrontMatterError

PATH = Path("docs/fr/returns-refunds/faq.md")

BODY = """\
Quick answers about returns.

## Can I return a *sale* item?

Yes, within **30 days**.

- Keep the label.
- Use the [returns portal](returns.md).

### Gift cards

Gift cards cannot be returned.

## How long do `refunds` take?

Up to 14 days.
"""


def test_each_level_two_heading_is_a_question_with_its_line_in_the_body():
    questions = extract(BODY)
    assert [(item.question, item.line) for item in questions] == [
        ("Can I return a sale item?", 3),
        ("How long do refunds take?", 14),
    ]


def test_answer_is_plain_text_up_to_the_next_question():
    first, second = extract(BODY)
    assert first.answer == (
        "Yes, within 30 days. Keep the label. Use the returns portal. "
        "Gift cards Gift cards cannot be returned."
    )
    assert second.answer == "Up to 14 days."


def test_text_before_the_first_question_belongs_to_no_answer():
    assert all("Quick answers" not in item.answer for item in extract(BODY))


def test_jsonld_is_a_faqpage_in_the_pages_language():
    data = json.loads(faq_page_jsonld(BODY, "fr", PATH, body_line=6))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "FAQPage"
    assert data["inLanguage"] == "fr"
    assert [entity["@type"] for entity in data["mainEntity"]] == ["Question", "Question"]
    assert [entity["name"] for entity in data["mainEntity"]] == [
        "Can I return a sale item?",
        "How long do refunds take?",
    ]
    assert data["mainEntity"][1]["acceptedAnswer"] == {
        "@type": "Answer",
        "text": "Up to 14 days.",
    }


def test_jsonld_keeps_accented_text_readable():
    body = "## Où est ma commande ?\n\nSuivez-la depuis « Mon compte ».\n"
    jsonld = faq_page_jsonld(body, "fr", PATH)
    assert "Où est ma commande ?" in jsonld
    assert json.loads(jsonld)["mainEntity"][0]["acceptedAnswer"]["text"] == (
        "Suivez-la depuis « Mon compte »."
    )


def test_closing_script_tag_never_appears_raw_in_the_jsonld():
    body = (
        "## Can I paste `</script>` in a review?\n\n"
        "No: `</SCRIPT>` and &lt;/script&gt; are removed.\n"
    )
    jsonld = faq_page_jsonld(body, "en", PATH)
    assert "</script" not in jsonld.lower()
    entity = json.loads(jsonld)["mainEntity"][0]
    assert entity["name"] == "Can I paste </script> in a review?"
    assert entity["acceptedAnswer"]["text"] == "No: </SCRIPT> and </script> are removed."


def test_jsonld_cannot_open_a_comment_that_hides_the_closing_script_tag():
    # In a <script> element, "<!--" followed by "<script" puts the HTML parser in its
    # "double escaped" state, where the element's own </script> no longer ends it and the
    # rest of the page is swallowed. The text must reach JSON with "<" escaped.
    body = "## Can I embed the widget?\n\nPaste `<!--<script src=w.js>` into your page.\n"
    jsonld = faq_page_jsonld(body, "en", PATH)
    assert "<!--" not in jsonld
    assert json.loads(jsonld)["mainEntity"][0]["acceptedAnswer"]["text"] == (
        "Paste <!--<script src=w.js> into your page."
    )


def test_faq_page_without_questions_fails_at_the_first_body_line():
    with pytest.raises(FrontMatterError, match="needs questions") as caught:
        faq_page_jsonld("Only an introduction.\n\n### Not a question\n\nText.\n", "en", PATH, 6)
    assert caught.value.path == PATH
    assert caught.value.line == 6


def test_question_without_answer_names_the_files_line_of_its_heading():
    body = "Intro.\n\n## Is shipping free?\n\nYes.\n\n## Do you ship abroad?\n"
    with pytest.raises(FrontMatterError) as caught:
        faq_page_jsonld(body, "en", PATH, body_line=6)
    assert caught.value.line == 12
    assert str(caught.value) == (
        f"{PATH}:12: the question 'Do you ship abroad?' has no answer below it"
    )
