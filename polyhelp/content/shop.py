"""The shop's facts (data/shop.yml) as placeholder values: contact details a reader can tap.

An e-mail address is a mailto: link, a phone number a tel: link in E.164 form, a URL a link
whose text is the URL as written; every other fact is text. data/shop.yml is checked where it
is loaded (polyhelp.project.shop), and each link is built from escaped parts here
(markdown_link), so a value cannot open Markdown or HTML. An optional channel the shop may
offer (`chat_url`, `contact_form_url`) is also a condition, `shop.has_chat` and
`shop.has_contact_form`, for a section that must only be shown when the channel exists.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from polyhelp.content.escape import markdown_link
from polyhelp.project.shop import OPTIONAL_CHANNELS, is_email_key, is_phone_key, is_url_key
from polyhelp.project.urls import e164


def shop_values(shop: Mapping[str, str]) -> dict[str, Any]:
    """The `shop` placeholder group: facts as text, contact details as links."""
    values: dict[str, Any] = {}
    for key, value in shop.items():
        if is_email_key(key):
            values[key] = markdown_link(value, f"mailto:{value}")
        elif is_phone_key(key):
            values[key] = markdown_link(value, f"tel:{e164(value)}")
        elif is_url_key(key):
            values[key] = markdown_link(value, value)
        else:
            values[key] = value
    for key, condition in OPTIONAL_CHANNELS.items():
        values[condition] = key in shop
    return values
