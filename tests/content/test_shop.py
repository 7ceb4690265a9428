"""The shop's contact details as placeholder values: links a reader can tap, built safely."""

from __future__ import annotations

import markdown

from polyhelp.content import placeholders
from polyhelp.content.conditions import apply_conditions
from polyhelp.content.shop import shop_values

SHOP = {
    "name": "Nordvik Home",
    "website": "https://www.nordvik-home.example",
    "account_url": "https://www.nordvik-home.example/account",
    "email": "help@nordvik-home.example",
    "privacy_email": "privacy@nordvik-home.example",
    "phone": "+49 30 5550 1234",
    "address": "Torstraße 120, 10119 Berlin, Germany",
}


def html(text: str, shop=SHOP) -> str:
    values = {"shop": shop_values(shop)}
    body = apply_conditions(text, values, "page.md")
    return markdown.markdown(placeholders.render(body, values, "page.md"), extensions=["attr_list"])


def test_email_addresses_are_mailto_links():
    assert html("Write to {{ shop.privacy_email }}.") == (
        '<p>Write to <a href="mailto:privacy@nordvik-home.example">'
        "privacy@nordvik-home.example</a>.</p>"
    )


def test_phone_numbers_are_tel_links_in_e164_form():
    assert html("Call {{ shop.phone }}.") == (
        '<p>Call <a href="tel:+493055501234">+49 30 5550 1234</a>.</p>'
    )


def test_account_and_shop_urls_are_links():
    page = html("In your account at {{ shop.account_url }}; shop: {{ shop.website }}")
    assert '<a href="https://www.nordvik-home.example/account">' in page
    assert '<a href="https://www.nordvik-home.example">' in page


def test_other_facts_stay_text():
    assert html("{{ shop.address }}") == "<p>Torstraße 120, 10119 Berlin, Germany</p>"


def test_a_title_gets_the_text_of_a_link_not_markdown():
    values = {"shop": shop_values(SHOP)}
    rendered = placeholders.render("Email {{ shop.email }}", values, "p.md", markdown=False)
    assert rendered == "Email help@nordvik-home.example"


CHAT_SECTION = """\
## Live chat {: when="shop.has_chat" }

Open the chat: {{ shop.chat_url }}

## Email

Write to {{ shop.email }}.
"""


def test_a_chat_section_is_shown_only_when_the_data_has_a_chat():
    without = html(CHAT_SECTION)
    assert "chat" not in without.lower()
    assert "mailto:" in without
    with_chat = html(CHAT_SECTION, {**SHOP, "chat_url": "https://chat.nordvik-home.example/"})
    assert "<h2>Live chat</h2>" in with_chat
    assert '<a href="https://chat.nordvik-home.example/">' in with_chat


def test_a_contact_form_is_a_condition_too():
    values = shop_values({**SHOP, "contact_form_url": "https://www.nordvik-home.example/form"})
    assert values["has_contact_form"] is True
    assert shop_values(SHOP)["has_contact_form"] is False
