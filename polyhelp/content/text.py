"""Plain text out of HTML, for search entries and structured data."""

from __future__ import annotations

from html.parser import HTMLParser

# A block element's boundary separates words, though the HTML has no space there:
# "<td>Canada</td><td>Shipping</td>" is "Canada Shipping", never "CanadaShipping".
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div",
    "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
# Not text: scripts and styles, and the heading permalinks' "¶".
_SKIPPED_TAGS = {"script", "style", "template"}
_SKIPPED_CLASSES = {"headerlink"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.open: list[tuple[str, bool]] = []  # (tag, skipped) of each open element

    def handle_data(self, data: str) -> None:
        if not any(skipped for _, skipped in self.open):
            self.parts.append(data)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append(" ")
        if tag in ("br", "hr", "img", "input", "meta", "link", "wbr"):
            return  # void elements have no end tag
        classes = set((dict(attrs).get("class") or "").split())
        self.open.append((tag, tag in _SKIPPED_TAGS or bool(classes & _SKIPPED_CLASSES)))

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append(" ")
        for number in range(len(self.open) - 1, -1, -1):
            if self.open[number][0] == tag:
                del self.open[number:]
                break


def html_to_text(html: str) -> str:
    """The text of an HTML fragment, whitespace collapsed."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    return " ".join("".join(extractor.parts).split())
