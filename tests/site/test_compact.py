"""Pages lose the theme's indentation and nothing a reader sees or a script reads."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from polyhelp.site.compact import compact_html

KEPT = {"pre", "textarea", "script", "style"}


class _Events(HTMLParser):
    """Tags in order, and text: as it is inside KEPT elements, else with each run of HTML
    whitespace read as one space (as a browser lays it out)."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.events: list[tuple[str, str]] = []
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", self.get_starttag_text()))
        self.open.append(tag)

    def handle_endtag(self, tag):
        self.events.append(("end", tag))
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def handle_data(self, data):
        if KEPT & set(self.open):
            self.events.append(("kept", data))
            return
        text = re.sub(r"[ \t\n\r\f]+", " ", data)
        if self.events and self.events[-1][0] == "text":
            text = re.sub(" +", " ", self.events.pop()[1] + text)
        self.events.append(("text", text))


def events(html: str) -> list[tuple[str, str]]:
    parser = _Events()
    parser.feed(html)
    parser.close()
    return parser.events


# What pages are made of: tags, words, blanks, and preformatted elements whole (MkDocs never
# nests one in another).
PIECES = ["<p>", "</p>", "<li>", "</li>", "<span class='a'>", "</span>", "word", "\u00a0"]
PIECES += [" ", "  ", "\n", "\n    ", "\t", "<pre><code>x\n    y\n  </code></pre>"]
PIECES += ["<script>\n  var a = 1;\n  </script>", "<textarea>\n  a\n</textarea>"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_a_page_reads_the_same_once_compacted(pieces):
    html = "".join(pieces)
    assert events(compact_html(html)) == events(html)
    assert compact_html(compact_html(html)) == compact_html(html)


def test_indentation_between_tags_goes_and_preformatted_text_stays():
    html = (
        "<nav>\n    <ul>\n      <li>a</li>\n      <li>b</li>\u00a0\n    </ul>\n</nav>\n"
        "<pre><code>x\n    y\n</code></pre>\n  <script>\n  var a = 1;\n  </script>\n  <p>z</p>"
    )
    assert compact_html(html) == (
        "<nav>\n<ul>\n<li>a</li>\n<li>b</li>\u00a0\n</ul>\n</nav>\n"
        "<pre><code>x\n    y\n</code></pre>\n<script>\n  var a = 1;\n  </script>\n<p>z</p>"
    )


def test_spaces_on_one_line_between_inline_tags_are_kept():
    html = "<p><a href='#'>one</a> <a href='#'>two</a></p>"
    assert compact_html(html) == html


def test_built_pages_carry_no_indentation_and_their_code_blocks_keep_theirs(tmp_path):
    from polyhelp.site.build import build_site
    from tests.conftest import TINY_PAGES, make_site, page_text

    code = "\n\n```text\nline one\n    indented line\n```\n"
    refunds = page_text(*TINY_PAGES["en/refunds.md"]) + code
    config = make_site(tmp_path / "help", {**TINY_PAGES, "en/refunds.md": refunds})
    site_dir = build_site(config, site_dir=tmp_path / "site").site_dir
    html = (site_dir / "refunds" / "index.html").read_text(encoding="utf-8")
    assert "    indented line" in html
    outside = re.sub(r"<(pre|script|style|textarea)\b.*?</\1>", "", html, flags=re.S)
    assert not re.search(r"\n[ \t]+<", outside)
