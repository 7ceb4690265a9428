"""The writers' status page: a page's file name is input, and lands as a URL and as text."""

from __future__ import annotations

from html.parser import HTMLParser

from polyhelp.review.report import status_page_html
from polyhelp.review.states import PageState
from polyhelp.site.mkdocs_config import load_site


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs))


def test_a_file_name_with_quotes_and_markup_stays_inside_its_link(tiny_site):
    site, _ = load_site(tiny_site)
    name = 'x" onmouseover="alert(1)<b>.md'
    state = PageState("fr", name, "missing", "guide", 10, None, {})
    parser = _Links()
    parser.feed(status_page_html(site, [state]))
    [link] = [attrs for attrs in parser.links if "href" in attrs and "alert" in attrs["href"]]
    assert set(link) == {"href"}, "no attribute besides href"
    assert '"' not in link["href"] and "<" not in link["href"]
