"""French typography is the build's job: writers and engines type plain spaces."""

from __future__ import annotations

from polyhelp.content.typography import NARROW_NBSP, apply_typography


def fr(html: str) -> str:
    return apply_typography(html, "fr")


def test_narrow_no_break_space_before_high_punctuation():
    assert fr("<p>Délai : 30 jours ; pourquoi ? Voilà !</p>") == (
        f"<p>Délai{NARROW_NBSP}: 30 jours{NARROW_NBSP}; pourquoi{NARROW_NBSP}? "
        f"Voilà{NARROW_NBSP}!</p>"
    )


def test_a_no_break_space_typed_by_a_writer_becomes_narrow():
    assert fr("<p>Note\u00a0: oui</p>") == f"<p>Note{NARROW_NBSP}: oui</p>"


def test_guillemets_get_narrow_spaces_inside():
    assert fr("<p>«Reçu» et « Expédié »</p>") == (
        f"<p>«{NARROW_NBSP}Reçu{NARROW_NBSP}» et «{NARROW_NBSP}Expédié{NARROW_NBSP}»</p>"
    )


def test_first_of_the_month_is_written_1er():
    assert fr("<li>1 janvier 2027</li><li>11 janvier</li><li>1\u00a0mai</li>") == (
        "<li>1er janvier 2027</li><li>11 janvier</li><li>1er\u00a0mai</li>"
    )


def test_times_are_written_one_way():
    assert fr("<p>avant 14 h 00, 9h30 ou 14:00</p>") == "<p>avant 14:00, 9:30 ou 14:00</p>"


def test_colons_without_a_space_are_not_prose():
    html = '<p><a href="https://exemple.fr/?a=1">https://exemple.fr</a> à 14:00</p>'
    assert fr(html) == html


def test_code_scripts_and_attributes_are_untouched():
    html = (
        '<p title="Note : x">x</p><pre><code>a ; b : c ?</code></pre>'
        "<script>var a = b ? c : d;</script><code>« x »</code>"
    )
    assert fr(html) == html


def test_text_after_code_is_still_french():
    assert fr("<code>x</code> ok ?") == f"<code>x</code> ok{NARROW_NBSP}?"


def test_other_languages_are_left_as_written():
    html = "<p>Note : 1 janvier, 14 h 00 ?</p>"
    assert apply_typography(html, "en") == html
    assert apply_typography(html, "de") == html
