"""Inline Markdown travels as XML; what comes back is checked and escaped before it is written."""

from __future__ import annotations

import pytest

from polyhelp.translation.engines import PseudoEngine
from polyhelp.translation.inline_xml import TagMismatch, to_markdown, to_xml


def round_trip(source: str, translated_xml=None, kind: str = "inline", keep=()) -> str:
    xml, slots = to_xml(source, kind, keep)
    return to_markdown(translated_xml(xml) if translated_xml else xml, slots, kind)


def test_markup_travels_as_tags_and_urls_stay_behind():
    xml, slots = to_xml('See **the [returns page](returns.md "Returns")** now.', "inline")
    assert xml == 'See <b id="1">the <a id="2">returns page</a></b> now.'
    assert "returns.md" not in xml
    assert slots["2"].after == '](returns.md "Returns")'


def test_code_placeholders_html_and_footnotes_are_protected():
    xml, _ = to_xml("Use `NH-1` at {{ shop.name }}, press <kbd>Ctrl</kbd>[^1].", "inline")
    assert xml == 'Use <x id="1"/> at <x id="2"/>, press <x id="3"/>Ctrl<x id="4"/><x id="5"/>.'


def test_do_not_translate_terms_are_protected_as_whole_words():
    xml, _ = to_xml("Pay with PayPal, not PayPalish.", "inline", ("PayPal",))
    assert xml == 'Pay with <x id="1"/>, not PayPalish.'


def test_the_engine_may_reorder_tags():
    moved = round_trip(
        "**Free** returns [here](r.md).",
        lambda xml: 'Retours <b id="1">gratuits</b> <a id="2">ici</a>.',
    )
    assert moved == "Retours **gratuits** [ici](r.md)."


@pytest.mark.parametrize(
    "damaged, reason",
    [
        ("Retours gratuits.", "lost tag"),
        ('<b id="1">Retours</b> <b id="1">bis</b> <x id="2"/>', "repeats tag"),
        ('<b id="1">R</b><x id="2"/><script>x</script>', "tag the source does not"),
        ('<b id="1" onclick="x">R</b><x id="2"/>', "added attributes"),
        ('<b id="1">R</b><x id="2">text</x>', "inside protected tag"),
        ('<b id="1">R<x id="2"/>', "not well-formed"),
        ('<i id="1">R</i><x id="2"/>', "tag the source does not"),
    ],
)
def test_damaged_tags_are_refused(damaged, reason):
    with pytest.raises(TagMismatch, match=reason):
        round_trip("**Free** `code`", lambda xml: damaged)


@pytest.mark.parametrize(
    "machine_text, written",
    [
        ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;script>alert(1)&lt;/script>"),
        ("[click](javascript:alert(1))", "\\[click\\](javascript:alert(1))"),
        ("{{ shop.email }}", "\\{\\{ shop.email \\}\\}"),
        ("# not a heading", "\\# not a heading"),
        ("1. not a list", "1\\. not a list"),
        ("**not bold**", "\\*\\*not bold\\*\\*"),
        ("AT&amp;T", "AT&amp;T"),
    ],
)
def test_machine_text_is_written_as_literal_text(machine_text, written):
    assert round_trip("Plain text.", lambda xml: machine_text) == written


def test_front_matter_text_is_not_markdown_escaped_but_cannot_open_a_placeholder():
    assert round_trip("Returns", lambda xml: "Retours &amp; échanges *", kind="meta") == (
        "Retours & échanges *"
    )
    assert round_trip("Returns", lambda xml: "{{ shop.name }}", kind="meta") == "{ { shop.name } }"


def test_whitespace_inside_emphasis_moves_outside_the_markers():
    assert round_trip("**Free** now", lambda xml: '<b id="1"> Gratuit </b>maintenant') == (
        " **Gratuit** maintenant"
    )


def test_pseudo_engine_accents_lengthens_and_keeps_tags():
    source = "Returns are **free** within 30 days, see [returns](r.md) and `code`."
    xml, slots = to_xml(source, "inline")
    pseudo = PseudoEngine().translate([xml], "fr")[0]
    written = to_markdown(pseudo, slots, "inline")
    assert "Ŕéţûŕñš" in written and "[ŕéţûŕñš" in written and "](r.md)" in written
    assert "`code`" in written
    assert 1.2 <= len(written) / len(source) <= 1.5
