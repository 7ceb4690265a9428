"""Sentences of a segment's XML: abbreviations, decimals, URLs and tags per language."""

from __future__ import annotations

import pytest

from polyhelp.translation.inline_xml import to_xml
from polyhelp.translation.sentences import (
    WRITING,
    align,
    join,
    local_ids,
    paragraph_ids,
    split,
)


@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        (
            "en",
            "Returns are free, e.g. for damaged items. The fee is 4.90 EUR. Mr. Smith agrees.",
            [
                "Returns are free, e.g. for damaged items.",
                "The fee is 4.90 EUR.",
                "Mr. Smith agrees.",
            ],
        ),
        (
            "en",
            "Orders ship in approx. 2 days, i.e. fast. See https://example.com/returns.html. Done.",
            [
                "Orders ship in approx. 2 days, i.e. fast.",
                "See https://example.com/returns.html.",
                "Done.",
            ],
        ),
        (
            "de",
            "Sie zahlen z. B. per Rechnung. Die Gebühr beträgt 4,90 €. Das kostet ca. 5 €. Gut.",
            [
                "Sie zahlen z. B. per Rechnung.",
                "Die Gebühr beträgt 4,90 €.",
                "Das kostet ca. 5 €.",
                "Gut.",
            ],
        ),
        (
            "fr",
            "Vous pouvez p. ex. payer par carte. M. Dupont est d'accord. "
            "Du lun. au ven. de 9 h à 17 h. Merci.",
            [
                "Vous pouvez p. ex. payer par carte.",
                "M. Dupont est d'accord.",
                "Du lun. au ven. de 9 h à 17 h.",
                "Merci.",
            ],
        ),
        (
            "es",
            "El Sr. García paga 4,90 €. Puede pagar con tarjeta, p. ej. Visa. ¿Está bien? Sí.",
            [
                "El Sr. García paga 4,90 €.",
                "Puede pagar con tarjeta, p. ej. Visa.",
                "¿Está bien?",
                "Sí.",
            ],
        ),
        ("ja", "注文しました。明日届きます。", ["注文しました。", "明日届きます。"]),
    ],
)
def test_sentences_end_where_the_language_ends_them(locale, text, expected):
    assert split(to_xml(text, "meta")[0], locale) == expected


def test_a_sentence_never_splits_a_tag_pair():
    xml, _ = to_xml("**Note. Read this first.** Then go on. [Step one. Step two.](a.md) Done.", "")
    assert split(xml, "en") == [
        '<b id="1">Note. Read this first.</b>',
        "Then go on.",
        '<a id="2">Step one. Step two.</a>',
        "Done.",
    ]


def test_a_period_inside_code_a_placeholder_or_an_autolink_ends_no_sentence():
    xml, _ = to_xml(
        "Run `polyhelp build. --strict` first. Write to {{ shop.email }}. "
        "See <https://example.com/a.b>. Then wait.",
        "",
    )
    assert split(xml, "en") == [
        'Run <x id="1"/> first.',
        'Write to <x id="2"/>.',
        'See <x id="3"/>.',
        "Then wait.",
    ]


def test_a_placeholder_alone_after_a_sentence_stays_with_it():
    xml, _ = to_xml("Our address: {{ shop.address }}. {{ shop.phone }}", "")
    assert split(xml, "en") == ['Our address: <x id="1"/>. <x id="2"/>']


def test_sentences_joined_again_are_the_segment():
    xml, _ = to_xml("One *two*. Three [four](x.md)!  Five `six`? Seven &amp; eight.", "")
    assert " ".join(split(xml, "en")) == " ".join(xml.split())


def test_a_sentences_tags_are_numbered_on_their_own_and_back():
    local, mapping = local_ids('See <a id="3">refunds</a> and <x id="4"/>, <b id="5">now</b>.')
    assert local == 'See <a id="1">refunds</a> and <x id="2"/>, <b id="3">now</b>.'
    assert paragraph_ids('<b id="3">Jetzt</b> <x id="2"/> <a id="1">R</a>.', mapping) == (
        '<b id="5">Jetzt</b> <x id="4"/> <a id="3">R</a>.'
    )
    # An id the sentence did not have matches no tag of the paragraph.
    assert 'id="unknown-9"' in paragraph_ids('<x id="9"/>', mapping)


def test_joining_uses_the_languages_spacing_from_data():
    assert join(["Un.", "Deux."], "fr") == "Un. Deux."
    assert join(["Eins.", "Zwei."], "de-CH") == "Eins. Zwei."
    assert join(["注文しました。", "明日届きます。"], "ja") == "注文しました。明日届きます。"
    assert join(["我们已发货。", "请查收！"], "zh") == "我们已发货。请查收！"
    assert WRITING["ja"].separator == "" and WRITING["es"].separator == " "


def test_a_stored_translation_aligns_sentence_by_sentence_with_its_tags():
    source = 'Returns are free. The fee is <x id="1"/>. See the <a id="2">rules</a>.'
    target = 'Tout est gratuit. Les frais : <x id="1"/>. Voir les <a id="2">règles</a>.'
    assert align(source, target, "fr") == [
        "Tout est gratuit.",
        'Les frais : <x id="1"/>.',
        'Voir les <a id="1">règles</a>.',
    ]


def test_an_abbreviation_the_target_rules_cut_at_still_aligns_by_tags_and_lengths():
    source = 'Returns are free, e.g. for damaged items. The fee is <x id="1"/>.'
    # The fake engine's upper case makes "E·FR.G·FR. FOR·FR" look like a sentence end.
    target = "RETURNS·fr ARE·fr FREE·fr, E·fr.G·fr. FOR·fr DAMAGED·fr ITEMS·fr. THE·fr FEE·fr "
    target += 'IS·fr <x id="1"/>.'
    assert align(source, target, "fr") == [
        "RETURNS·fr ARE·fr FREE·fr, E·fr.G·fr. FOR·fr DAMAGED·fr ITEMS·fr.",
        'THE·fr FEE·fr IS·fr <x id="1"/>.',
    ]


def test_a_translation_that_merged_or_moved_sentences_does_not_align():
    source = 'Returns are free. The fee is <x id="1"/>. See the <a id="2">rules</a>.'
    merged = 'Tout est gratuit et coûte <x id="1"/>. Voir les <a id="2">règles</a>.'
    moved = 'Tout est gratuit. Voir les <a id="2">règles</a>. Les frais : <x id="1"/>.'
    assert align(source, merged, "fr") is None
    assert align(source, moved, "fr") is None
