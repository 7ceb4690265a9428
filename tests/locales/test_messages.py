"""Interface text in every locale, and the honest notice on a page shown in English."""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET

import pytest
from markupsafe import escape

from polyhelp.locales.catalog import SHIPPED
from polyhelp.locales.lookup import EnglishText, as_html
from polyhelp.locales.messages import message
from polyhelp.locales.notices import fallback_page_html


@pytest.mark.parametrize(
    ("locale", "site_name"),
    [
        ("en", "Nordvik Home Help Center"),
        ("fr", "Centre d’aide Nordvik Home"),
        ("de", "Nordvik Home Hilfe-Center"),
        ("es", "Centro de ayuda de Nordvik Home"),
    ],
)
def test_site_name_puts_the_shop_where_the_language_wants_it(locale, site_name):
    assert message(locale, "site_name", shop="Nordvik Home") == site_name


def test_known_locale_gets_its_own_text_without_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="polyhelp.locales.lookup"):
        assert message("de", "fallback_title") == "Noch nicht übersetzt"
    assert caplog.records == []


def test_unknown_locale_falls_back_to_english_marked_as_english_and_warns(caplog):
    with caplog.at_level(logging.WARNING, logger="polyhelp.locales.lookup"):
        text = message("pt", "fallback_text")
    assert text == "This page is not yet available in Portuguese; here is the English version."
    assert isinstance(text, EnglishText)
    assert str(as_html(text)).startswith('<span lang="en" dir="ltr">This page')
    assert str(escape(text)).startswith("This page"), "in an attribute it is plain text"
    assert caplog.records
    assert all(record.levelno == logging.WARNING for record in caplog.records)
    assert "'pt'" in caplog.records[0].getMessage()
    assert "pt.po" in caplog.records[0].getMessage()


def test_shipped_locales_are_the_starter_four():
    assert sorted(path.stem for path in SHIPPED.glob("*.po")) == ["de", "es", "fr"]


def parse(html: str) -> ET.Element:
    return ET.fromstring(f"<root>{html}</root>")


def test_fallback_notice_is_in_the_pages_language_and_content_is_english():
    html = fallback_page_html("<p>Returns are free.</p>", "Returns", "fr", "en")
    notice, content = parse(html)
    assert notice.tag == "aside"
    assert notice.get("role") == "note"
    assert notice.get("aria-label") == "Pas encore traduite"
    assert [p.text for p in notice] == [
        "Pas encore traduite",
        "Cette page n’est pas encore disponible en français ; voici la version anglaise.",
    ]
    assert notice.get("lang") is None  # the notice speaks the page's own language
    assert content.tag == "div"
    assert content.get("lang") == "en"
    assert [(child.tag, child.text) for child in content] == [
        ("h1", "Returns"),
        ("p", "Returns are free."),
    ]


def test_fallback_title_is_escaped_and_content_html_is_kept():
    html = fallback_page_html('<p><a href="x/">Link</a></p>', "Fees & <taxes>", "de", "en")
    assert "<h1>Fees &amp; &lt;taxes&gt;</h1>" in html
    assert '<p><a href="x/">Link</a></p>' in html


def test_fallback_on_an_unknown_locale_gives_an_english_notice_and_warns(caplog):
    with caplog.at_level(logging.WARNING, logger="polyhelp.locales.lookup"):
        notice, content = parse(fallback_page_html("<p>Hi.</p>", "Hi", "pt", "en"))
    assert notice.get("aria-label") == "Not yet translated"
    assert content.get("lang") == "en"
    assert caplog.records
    assert all(record.levelno == logging.WARNING for record in caplog.records)
