"""Translation QA: a translation keeps the English page's numbers, links, code and names."""

from __future__ import annotations

from pathlib import Path

import pytest

from polyhelp.review.qa import Finding, check_page
from polyhelp.translation.glossary import TranslationSettings, load_settings
from tests.conftest import REPO

SETTINGS = TranslationSettings(
    do_not_translate=("PayPal",),
    terms={
        "fr": {"order number": "numéro de commande", "working days": "jours ouvrés"},
        "de": {"order number": "Bestellnummer", "working days": "Werktage"},
        "es": {
            "order number": "número de pedido",
            "working days": "días hábiles",
            "refund": "reembolso",
        },
    },
)

# Every translation below keeps the English line layout, so a line number means the same
# line in all of them: 9 the prices, 11 the time and link, 13 the code, 15 the placeholder,
# 17 the HTML, 19 and 20 the list.
ENGLISH = """\
---
title: Shipping at {{ shop.name }}
description: Prices and times for your order.
type: guide
---

## Delivery options

Standard delivery costs €4.90 and is free from €1,000.

Orders placed by **14:00** leave the same day: [track your order](tracking.md#late).

Your order number is in the email, for example `NH-20481736`.

Pay with PayPal, then follow your order at {{ shop.account_url }}.

Press <kbd>Ctrl</kbd> + <kbd>P</kbd> to print this page.

- Standard: 3 to 5 working days
- Offer valid until 31 March 2026

```text
track --order 42
```
"""

FRENCH = """\
---
title: Livraison chez {{ shop.name }}
description: Tarifs et délais de votre commande.
type: guide
---

## Modes de livraison

La livraison standard coûte 4,90 € et devient gratuite dès 1 000 €.

Passée avant **14 h 00**, votre commande part le jour même : [suivi](tracking.md#late).

Le numéro de commande figure dans l'e-mail, par exemple `NH-20481736`.

Payez avec PayPal, puis suivez votre commande sur {{ shop.account_url }}.

Appuyez sur <kbd>Ctrl</kbd> + <kbd>P</kbd> pour imprimer cette page.

- Standard : 3 à 5 jours ouvrés
- Offre valable jusqu'au 31 mars 2026

```text
track --order 42
```
"""

GERMAN = """\
---
title: Versand bei {{ shop.name }}
description: Preise und Lieferzeiten Ihrer Bestellung.
type: guide
---

## Versandarten

Der Standardversand kostet 4,90 € und ist ab 1.000 € kostenlos.

Bis **14:00 Uhr** bestellt, verlässt sie am selben Tag das Lager: [Verfolgung](tracking.md#late).

Ihre Bestellnummer steht in der E-Mail, zum Beispiel `NH-20481736`.

Zahlen Sie mit PayPal und verfolgen Sie Ihre Bestellung unter {{ shop.account_url }}.

Drücken Sie <kbd>Ctrl</kbd> + <kbd>P</kbd>, um diese Seite zu drucken.

- Standard: 3 bis 5 Werktage
- Angebot gültig bis 31.03.2026

```text
track --order 42
```
"""

SPANISH = """\
---
title: Envíos de {{ shop.name }}
description: Precios y plazos de su pedido.
type: guide
---

## Modalidades de envío

El envío estándar cuesta 4,90 € y es gratuito a partir de 1.000 €.

Los pedidos hechos antes de las **14:00** salen el mismo día: [seguimiento](tracking.md#late).

Su número de pedido figura en el correo, por ejemplo `NH-20481736`.

Pague con PayPal y siga su pedido en {{ shop.account_url }}.

Pulse <kbd>Ctrl</kbd> + <kbd>P</kbd> para imprimir esta página.

- Estándar: de 3 a 5 días hábiles
- Oferta válida hasta el 31 de marzo de 2026

```text
track --order 42
```
"""


def page(body: str) -> str:
    """A page whose body starts on line 7."""
    return f"---\ntitle: T\ndescription: D\ntype: guide\n---\n\n{body}\n"


def findings_for(translated: str, locale: str = "fr", english: str = ENGLISH) -> list[Finding]:
    return check_page(english, translated, locale, Path(f"docs/{locale}/shipping.md"), SETTINGS)


def summary(findings: list[Finding]) -> set[tuple[str, str, int]]:
    return {(finding.check, finding.severity, finding.line) for finding in findings}


def changed(text: str, old: str, new: str) -> str:
    assert old in text, f"the test page has no {old!r}"
    return text.replace(old, new)


@pytest.mark.parametrize(
    ("locale", "translated"), [("fr", FRENCH), ("de", GERMAN), ("es", SPANISH)]
)
def test_correct_translation_with_locale_numbers_reordered_words_and_link_text_passes(
    locale, translated
):
    assert findings_for(translated, locale) == []


def test_changed_amount_is_a_numbers_error_on_its_line_with_the_locale_spelling():
    findings = findings_for(changed(FRENCH, "4,90 €", "4,95 €"))
    assert summary(findings) == {("numbers", "error", 9)}
    assert "4.90" in findings[0].message and "e.g. 4,90" in findings[0].message


def test_large_amounts_and_small_decimals_keep_their_value():
    english = page("Orders above €12,500.50 pay a rate of 0.125.")
    german = page("Ab 12.500,50 € gilt ein Satz von 0,1250.")
    assert findings_for(german, "de", english) == []
    findings = findings_for(changed(german, "12.500,50 €", "mehr"), "de", english)
    assert summary(findings) == {("numbers", "error", 7)}
    assert "e.g. 12.500,50" in findings[0].message


def test_time_written_with_a_point_is_not_the_time_of_the_english():
    findings = findings_for(changed(GERMAN, "**14:00 Uhr**", "**14.00 Uhr**"), "de")
    assert summary(findings) == {("numbers", "error", 11)}
    assert findings[0].message.startswith("time 14:00 of the English is missing")


def test_extra_numbers_in_the_translation_are_fine():
    assert findings_for(changed(FRENCH, "le jour même", "le jour même (7 j/7)")) == []


def test_a_number_the_english_repeats_may_appear_once():
    english = page("Free from €60. Yes: from €60, delivery is free.")
    assert findings_for(page("Gratuit dès 60 €, livraison comprise."), english=english) == []
    assert summary(findings_for(page("Livraison gratuite."), english=english)) == {
        ("numbers", "error", 7)  # aligned: the translated segment's line
    }


def test_order_number_in_prose_counts_but_a_number_inside_a_word_does_not():
    english = page("Use 2FA (RFC6238) for order NH-20481736.")
    findings = findings_for(page("Utilisez la double authentification."), english=english)
    assert [f.message.split(" of ")[0] for f in findings] == ["number 20481736"]


def test_digits_in_link_targets_code_and_urls_are_not_numbers():
    english = page(
        "See [guide](guide-2024.md), `retry 3`, <https://example.com/7> or www.example.com/42."
    )
    french = page("Voir [guide](guide.md), `retry`, <https://example.com/> ou www.example.com/.")
    assert {f.check for f in findings_for(french, english=english)} == {"links", "code"}


def test_changed_link_target_is_a_links_error_and_link_text_is_free():
    findings = findings_for(changed(FRENCH, "(tracking.md#late)", "(tracking.md)"))
    assert summary(findings) == {("links", "error", 11)}
    assert len(findings) == 2  # tracking.md#late missing, tracking.md new


def test_missing_placeholder_is_a_placeholders_error():
    translated = changed(FRENCH, "sur {{ shop.account_url }}", "dans votre compte")
    assert summary(findings_for(translated)) == {("placeholders", "error", 15)}


def test_changed_inline_code_is_a_code_error():
    findings = findings_for(changed(FRENCH, "`NH-20481736`", "`NH 20481736`"))
    assert summary(findings) == {("code", "error", 13)}


def test_changed_code_block_is_a_code_error_on_the_translated_block():
    translated = changed(FRENCH, "track --order 42", "suivre --commande 42")
    assert summary(findings_for(translated)) == {("code", "error", 1), ("code", "error", 22)}


def test_dropped_html_tag_is_an_html_error():
    translated = changed(FRENCH, "<kbd>Ctrl</kbd>", "Ctrl")
    findings = findings_for(translated)
    assert summary(findings) == {("html", "error", 17)}
    assert "appears 2 times in the English but 1 here" in findings[0].message


def test_changed_html_block_is_an_html_error_where_it_is_written():
    english = page('<div class="grid" markdown>')
    findings = findings_for(page('<div class="grille" markdown>'), english=english)
    assert summary(findings) == {("html", "error", 1), ("html", "error", 7)}


def test_glossary_term_not_used_is_an_error_in_an_aligned_segment():
    translated = changed(FRENCH, "Le numéro de commande", "La référence")
    findings = findings_for(translated)
    assert summary(findings) == {("glossary", "error", 13)}
    assert "use 'numéro de commande'" in findings[0].message


def test_glossary_matches_english_plurals_and_inflected_locale_terms():
    english = page("Refunds and order numbers: see your account.")
    assert findings_for(page("Reembolsos y números de pedido: vea su cuenta."), "es", english) == []
    findings = findings_for(page("Devoluciones y números de pedido: vea su cuenta."), "es", english)
    assert summary(findings) == {("glossary", "error", 7)}


def test_glossary_term_not_used_is_an_error_when_pages_do_not_line_up_too():
    translated = changed(FRENCH, "Le numéro de commande", "La référence") + "\nMerci !\n"
    assert summary(findings_for(translated)) == {("glossary", "error", 1)}


def test_translated_name_is_a_do_not_translate_error():
    translated = changed(FRENCH, "avec PayPal", "avec Paypal")
    assert summary(findings_for(translated)) == {("do-not-translate", "error", 15)}


def test_heading_turned_into_bold_text_is_a_structure_error():
    translated = changed(FRENCH, "## Modes de livraison", "**Modes de livraison**")
    findings = findings_for(translated)
    assert summary(findings) == {("structure", "error", 1)}
    assert findings[0].message.startswith("headings: 1 in the English, 0 here")


def test_segment_left_in_english_is_an_untranslated_error():
    french_line = "La livraison standard coûte 4,90 € et devient gratuite dès 1 000 €."
    english_line = "Standard delivery costs €4.90 and is free from €1,000."
    translated = changed(FRENCH, french_line, english_line)
    assert summary(findings_for(translated)) == {("untranslated", "error", 9)}


def test_short_segment_left_as_in_english_is_not_untranslated():
    assert findings_for(changed(FRENCH, "Modes de livraison", "Delivery options")) == []


def test_segment_of_names_and_placeholders_left_as_in_english_is_not_untranslated():
    english = page(
        "PayPal {{ shop.name }} {{ shop.account_url }} `pay --now --with --saved --card`"
    )
    assert findings_for(english, english=english) == []


def test_pages_that_do_not_line_up_report_missing_items_on_line_1_with_the_english_line():
    new_link = "\nÉcrivez-nous via le [contact](contact.md).\n"  # line 26
    translated = changed(FRENCH, "4,90 €", "4,95 €") + new_link
    findings = findings_for(translated)
    assert summary(findings) == {("numbers", "error", 1), ("links", "error", 26)}
    assert "(English line 9)" in findings[0].message


def test_pages_alike_in_shape_but_not_in_content_are_compared_as_wholes():
    # An FAQ translated independently: as many questions and answers, in another order.
    english = page("## What does it cost?\n\nIt costs €4.90.\n\n## How long?\n\nIt takes 3 days.")
    french = page("## Combien de temps ?\n\n3 jours.\n\n## Combien ça coûte ?\n\n4,90 €.")
    assert findings_for(french, english=english) == []


def test_finding_reads_as_path_line_severity_message_check():
    finding = Finding(Path("docs/fr/a.md"), 3, "error", "links", "link target x.md is missing")
    assert str(finding) == "docs/fr/a.md:3: error: link target x.md is missing [links]"


def test_every_real_translated_page_can_be_checked():
    checked = 0
    for locale in ("fr", "de", "es"):
        for translated_path in sorted((REPO / "docs" / locale).rglob("*.md")):
            relative = translated_path.relative_to(REPO / "docs" / locale)
            english_path = REPO / "docs" / "en" / relative
            if not english_path.exists():
                continue
            findings = check_page(
                english_path.read_text(encoding="utf-8"),
                translated_path.read_text(encoding="utf-8"),
                locale,
                translated_path,
                load_settings(REPO / "data"),
            )
            assert all(isinstance(finding, Finding) for finding in findings)
            assert all(f.path == translated_path and f.line >= 1 for f in findings)
            checked += 1
    assert checked >= 50


def test_a_finding_names_its_rule_segment_and_value_whatever_its_line():
    translated = changed(FRENCH, "4,90 €", "4,95 €")
    moved = changed(translated, "## Modes de livraison", "## Modes de livraison\n\n\n")
    (first,), (second,) = findings_for(translated), findings_for(moved)
    assert first.line != second.line
    assert first.identity == second.identity
    assert first.check == "numbers" and first.value == "4.9 (missing)"
    assert first.segment != "page" and len(first.segment) == 12


def test_a_link_changed_to_another_is_a_finding_with_the_new_target():
    translated = changed(FRENCH, "(tracking.md#late)", "(https://evil.example.net/)")
    values = {finding.value for finding in findings_for(translated)}
    assert values == {
        "tracking.md#late (missing)",
        "https://evil.example.net/ (not in the English)",
    }
