"""Plain text out of HTML, for search entries and structured data."""

from __future__ import annotations

from html.parser import HTMLParser

# A block element's boundary separates words, though the HTML has no space there.
_BLOCK_TAGS = {"p", "li", "br", "tr", "td", "th", "h1", "h2", "h3", "h4", "div", "aside"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append(" ")


def html_to_text(html: str) -> str:
    """The text of an HTML fragment, whitespace collapsed."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    return " ".join("".join(extractor.parts).split())
