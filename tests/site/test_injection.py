"""Machine text and data values are untrusted input: whatever they say lands in the built
pages as text, never as markup. Checked on the result: the HTML is parsed, not searched."""

from __future__ import annotations

import html
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from polyhelp.site.build import build_site
from tests.conftest import (
    REPO,
    TINY_PAGES,
    copy_help_center,
    make_site,
    page_text,
    replace_once,
)

# What a machine translation may write in a page's front matter.
SCRIPT_AS_ENTITIES = "&lt;script&gt;alert(1)&lt;/script&gt;"
SCRIPT_RAW = "<script>alert(2)</script> Remboursements"
CDATA = "<![CDATA[<img src=x onerror=alert(3)>]]>"
ATTRIBUTE_BREAKOUT = '" onmouseover="alert(4)'
ORDINARY = "Retours & échanges d'été"


def front_matter_page(page_type: str, title: str, description: str, body: str) -> str:
    meta = yaml.safe_dump(
        {"title": title, "description": description, "type": page_type}, allow_unicode=True
    )
    return f"---\n{meta}---\n\n{body}"


class Parsed(HTMLParser):
    """Every element with its attributes, and the text inside chosen elements."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[str, list[str]] = {}
        self._open: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag not in ("meta", "link", "img", "br", "input", "hr"):
            self._open.append(tag)
            self.texts.setdefault(tag, []).append("")

    def handle_endtag(self, tag):
        if tag in self._open:
            while self._open and self._open.pop() != tag:
                pass

    def handle_data(self, data):
        for tag in set(self._open):
            self.texts[tag][-1] += data

    def count(self, tag: str) -> int:
        return sum(1 for name, _ in self.elements if name == tag)

    def event_attributes(self) -> list[str]:
        return [name for _, attrs in self.elements for name in attrs if name.startswith("on")]

    def text_of(self, tag: str) -> list[str]:
        return [" ".join(text.split()) for text in self.texts.get(tag, [])]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    pages = dict(TINY_PAGES)
    pages["fr/returns.md"] = front_matter_page(
        "guide", SCRIPT_AS_ENTITIES, CDATA, "## Retourner un article\n\nGratuit.\n"
    )
    pages["fr/refunds.md"] = front_matter_page(
        "guide", SCRIPT_RAW, ATTRIBUTE_BREAKOUT, "## Délai\n\nSous 14 jours.\n"
    )
    pages["fr/index.md"] = front_matter_page(
        "home", ORDINARY, "Tout & rien", "## Bienvenue\n\nVoir les [retours](returns.md).\n"
    )
    pages["en/faq.md"] = page_text(
        *TINY_PAGES["en/faq.md"][:1], "Questions & answers", TINY_PAGES["en/faq.md"][2]
    )
    config = make_site(root / "help", pages)
    return build_site(config, site_dir=root / "site").site_dir


def page(site_dir: Path, path: str) -> Parsed:
    return Parsed((site_dir / path).read_text(encoding="utf-8"))


FRENCH_PAGES = [
    "fr/index.html",
    "fr/returns/index.html",
    "fr/refunds/index.html",
    "fr/faq/index.html",
]


@pytest.mark.parametrize("path", FRENCH_PAGES)
def test_machine_title_with_markup_adds_no_element_the_english_page_lacks(hostile_site, path):
    french = page(hostile_site, path)
    english = page(hostile_site, path.removeprefix("fr/"))
    for tag in ("script", "img", "iframe", "svg", "object"):
        assert french.count(tag) == english.count(tag), (path, tag)
    assert french.event_attributes() == english.event_attributes() == []


def test_machine_title_with_markup_is_text_everywhere(hostile_site):
    returns = page(hostile_site, "fr/returns/index.html")
    shown = html.unescape(SCRIPT_AS_ENTITIES)  # what the translator meant: the characters
    assert shown in returns.text_of("h1")
    assert returns.text_of("title")[0].startswith(shown + " - ")
    # The sibling pages' navigation and footer name it as text too.
    refunds = page(hostile_site, "fr/refunds/index.html")
    assert SCRIPT_RAW in refunds.text_of("h1")
    for sibling in (refunds, page(hostile_site, "fr/index.html")):
        links = sibling.text_of("a")
        assert shown in links, links
    assert any(text.endswith(SCRIPT_RAW) for text in returns.text_of("a"))


def test_machine_description_stays_inside_its_meta_attribute(hostile_site):
    for path, description in (
        ("fr/returns/index.html", CDATA),
        ("fr/refunds/index.html", ATTRIBUTE_BREAKOUT),
    ):
        metas = [attrs for tag, attrs in page(hostile_site, path).elements if tag == "meta"]
        described = [attrs for attrs in metas if attrs.get("name") == "description"]
        assert [attrs["content"] for attrs in described] == [description]
        assert all(
            set(attrs) <= {"name", "content", "charset", "property", "http-equiv"}
            for attrs in metas
        ), metas


def test_ordinary_title_with_ampersand_and_apostrophe_is_escaped_once(hostile_site):
    home = page(hostile_site, "fr/index.html")
    # A home page's <title> is the site's name alone; its own title is its social card's.
    assert ORDINARY in [
        attrs["content"] for tag, attrs in home.elements if attrs.get("property") == "og:title"
    ]
    assert "Tout & rien" in [
        attrs["content"] for tag, attrs in home.elements if attrs.get("name") == "description"
    ]
    # The English fallback of the FAQ (French has none) goes through the notice's wrapper.
    assert "Questions & answers" in page(hostile_site, "fr/faq/index.html").text_of("h1")


def test_search_index_entry_title_is_the_text(hostile_site):
    index = json.loads((hostile_site / "fr/search/lunr_index.json").read_text("utf-8"))
    titles = {doc[0]: doc[1] for doc in index["docs"]}
    # The index holds the title's text; the worker escapes it where Material prints HTML.
    for location, text in (
        ("returns/", html.unescape(SCRIPT_AS_ENTITIES)),
        ("refunds/", SCRIPT_RAW),
    ):
        assert titles[location] == text
    worker = REPO / "overrides" / "assets" / "javascripts" / "polyhelp-search.js"
    worker = worker.read_text(encoding="utf-8")
    assert "title: mark(title)" in worker and "escapeHTML(text)" in worker


# --- data values ---------------------------------------------------------------------------

SHOP_NAME = "<script>alert('name')</script> Nordvik"
ADDRESS = "<img src=x onerror=alert('address')> Torstraße 120"
LEGAL_NAME = "**bold** [click](javascript:alert('sell')) {: onclick=\"alert('attr')\" }"
CARRIER = "<img src=x onerror=alert('carrier')> **DPD** | x"
AUTHORITY = "DSB](javascript:alert('authority')) <b>x</b>"


@pytest.fixture(scope="module")
def hostile_data_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile-data")
    config = copy_help_center(root / "help")
    data = config.parent / "data"
    for key, value in (("name", SHOP_NAME), ("address", ADDRESS), ("legal_name", LEGAL_NAME)):
        text = (data / "shop.yml").read_text("utf-8")
        lines = [
            f"{key}: {json.dumps(value)}" if line.startswith(f"{key}:") else line
            for line in text.splitlines()
        ]
        (data / "shop.yml").write_text("\n".join(lines) + "\n", "utf-8")
    replace_once(data / "markets/at.yml", "carrier: DPD", f"carrier: {json.dumps(CARRIER)}")
    replace_once(
        data / "markets/at.yml",
        "name: Datenschutzbehörde (DSB)",
        f"name: {json.dumps(AUTHORITY)}",
    )
    return build_site(config, site_dir=root / "site").site_dir


def all_pages(site_dir: Path) -> dict[str, Parsed]:
    return {
        str(path.relative_to(site_dir)): Parsed(path.read_text("utf-8"))
        for path in sorted(site_dir.rglob("*.html"))
    }


def test_shop_name_with_markup_is_escaped_on_every_page(hostile_data_site):
    pages = all_pages(hostile_data_site)
    assert len(pages) > 50
    for name, parsed in pages.items():
        scripts = [text for text in parsed.text_of("script") if "alert" in text]
        assert scripts == [], name
        assert parsed.event_attributes() == [], name
        assert parsed.count("img") == 0 and parsed.count("b") == 0, name
        links = [attrs.get("href") or "" for tag, attrs in parsed.elements if tag == "a"]
        assert not [href for href in links if href.startswith("javascript:")], name
    # The name is there, as text.
    assert SHOP_NAME in pages["index.html"].text_of("title")[0]


def test_data_values_in_page_text_show_as_written(hostile_data_site):
    pages = all_pages(hostile_data_site)
    texts = " ".join(" ".join(p.text_of("article")) for p in pages.values())
    assert " ".join(ADDRESS.split()) in texts
    assert LEGAL_NAME in texts


def test_market_carrier_with_markup_shows_as_text_on_its_shipping_page(hostile_data_site):
    shipping = page(hostile_data_site, "de/markets/at/shipping/index.html")
    assert shipping.count("img") == 0 and shipping.count("strong") <= page(
        hostile_data_site, "de/markets/de/shipping/index.html"
    ).count("strong")
    assert CARRIER in shipping.text_of("td")


def test_market_authority_name_with_markup_is_the_link_text(hostile_data_site):
    privacy = page(hostile_data_site, "de/markets/at/privacy/index.html")
    links = [attrs["href"] for tag, attrs in privacy.elements if tag == "a" and "href" in attrs]
    assert "https://www.dsb.gv.at" in links
    assert AUTHORITY in privacy.text_of("a")
