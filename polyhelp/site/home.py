"""The home page of a help center, per locale (overrides/home.html): what it shows, from the
navigation, the FAQ pages and the shop's data.

The topic cards are the navigation's own groups (same names, same order, same pages), so a
card can never be named or linked differently from the menu; the most asked questions are
the first questions of each FAQ page, in the navigation's order; the contact block takes the
shop's e-mail address from data. Words are Polyhelp's messages in the page's language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from polyhelp.locales.messages import message

if TYPE_CHECKING:
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

TEMPLATE = "home.html"
QUESTIONS_PER_FAQ = 2
MARKETS_PAGE = "markets/index.md"
CONTACT_PAGE = "support/contact.md"
# A topic's icon, by the folder of its pages (Material's bundled icons).
ICONS = {
    "orders-delivery": "material/truck-delivery-outline",
    "returns-refunds": "material/keyboard-return",
    "payment-account": "material/credit-card-outline",
    "policies": "material/shield-lock-outline",
    "support": "material/lifebuoy",
}
DEFAULT_ICON = "material/help-circle-outline"
WORDS = (
    "home_heading",
    "search_label",
    "search_button",
    "home_no_script",
    "home_topics",
    "home_most_asked",
    "home_markets",
    "home_markets_text",
    "home_contact",
    "home_contact_link",
    "az_link",
)


def home_context(nav: Navigation, locale: str, page_name, shop_email: str) -> dict[str, Any]:
    """The home template's values. `page_name(page)` is a page's name under docs/<locale>/."""
    topics, questions = [], []
    markets = contact = None
    for item in nav.items:
        children = [child for child in getattr(item, "children", None) or [] if child.is_page]
        if children:
            folder = page_name(children[0]).split("/")[0]
            topics.append(
                {
                    "title": item.title,
                    "url": children[0].url,
                    "icon": ICONS.get(folder, DEFAULT_ICON),
                    "pages": [{"title": child.title, "url": child.url} for child in children],
                }
            )
    for page in nav.pages:
        name = page_name(page)
        if name == MARKETS_PAGE:
            markets = page.url
        elif name == CONTACT_PAGE:
            contact = page.url
        if (page.meta or {}).get("type") == "faq":
            questions += _questions(page)
    words = {key: message(locale, key) for key in WORDS}
    return {
        **words,
        "topics": topics,
        "questions": questions,
        "markets_url": markets,
        "contact_url": contact,
        "contact_text": _with_email(message(locale, "home_contact_text", email="\x00"), shop_email),
    }


def _questions(page: Page) -> list[dict[str, str]]:
    """The first questions of a FAQ page (its `## Question?` headings)."""
    english = bool((page.meta or {}).get("polyhelp_english_title"))
    entries = [entry for entry in page.toc if entry.level == 2]
    return [
        {"title": entry.title, "url": page.url + entry.url, "lang": "en" if english else ""}
        for entry in entries[:QUESTIONS_PER_FAQ]
    ]


def _with_email(text: str, email: str) -> Markup:
    before, _, after = text.partition("\x00")
    link = Markup('<a href="mailto:{0}">{0}</a>').format(email)
    return escape(before) + link + escape(after)
