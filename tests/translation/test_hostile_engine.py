"""Whatever an engine answers, through the real SDK: the page keeps the English structure, gains
no HTML the English did not have, reviewed pages keep every byte, and nothing raises."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from polyhelp.content import frontmatter
from polyhelp.site.mkdocs_config import load_site
from polyhelp.translation.command import run_translate
from polyhelp.translation.segment import MARKDOWN, segment, structure
from tests.conftest import make_site, page_text
from tests.fake_deepl import FakeDeepL, fast_sdk_retries

KEY = "test-key:fx"
ENGLISH_BODY = """\
## Delivery times

Orders ship within **two days**, see [returns](returns.md). Use `NH-123`.

- Standard delivery to {{ shop.name }}
- Express delivery

| Option | Price |
| --- | --- |
| Standard | Free |

!!! note "Good to know"
    Parcels are tracked.

```text
code stays
```

{{ shop.name }}
"""
PAGES = {
    "en/index.md": ("home", "Shipping", ENGLISH_BODY),
    "en/returns.md": ("guide", "Returns", "## Returning an item\n\nReturns are free.\n"),
}
REVIEWED_BODY = "## Retourner un article\n\nLes retours sont gratuits.\n"

# What a hostile engine says: markup, entities, CDATA, comments, placeholders, Markdown block
# syntax at a line start, control characters; mixed with arbitrary text.
HOSTILE = [
    "<script>alert(1)</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&lt;img src=x onerror=alert(1)&gt;",
    "<![CDATA[<b>x</b>]]>",
    "<!-- comment -->",
    '" onmouseover="alert(1)',
    "{{ shop.email }}",
    "[x](https://evil.example)",
    "&lt;https://evil.example&gt;",
    '\n!!! danger "x"\n    body',
    "\n===",
    "\n---",
    "\n~~~\ncode",
    "\n- item",
    "\n1. item",
    "\n# heading",
    "\n> quote",
    "\n    indented",
    "\n\n",
    " | cell |",
    "  \n",
    "\\",
    "*",
    "`",
    '<x id="1"/>',
    '<b id="99">x</b>',
    "\r\n",
    "\x00\x07\x1b\x0b\x0c\x85\u2028\x7f",
    "&amp;",
    "&#10;",
    "&#x3c;script&#x3e;",
]
answers = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30)), max_size=6).map(
    "".join
) | st.sampled_from(["", " ", "x" * 20_000])
modes = st.sampled_from(["replace", "append", "prepend"])


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A tiny site with a reviewed French page, and the fake DeepL server it talks to."""
    config = make_site(tmp_path_factory.mktemp("hostile") / "help", pages=PAGES)
    docs = config.parent / "docs"
    source_hash = segment((docs / "en" / "returns.md").read_text("utf-8")).source_hash()
    reviewed = frontmatter.set_block(
        page_text("guide", "Retours", REVIEWED_BODY),
        "translation",
        {"source_hash": source_hash, "status": "reviewed", "engine": "human"},
    )
    (docs / "fr").mkdir()
    (docs / "fr" / "returns.md").write_text(reviewed, encoding="utf-8")
    with (
        FakeDeepL(KEY) as fake,
        fast_sdk_retries(max_retries=0),
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setenv("DEEPL_AUTH_KEY", KEY)
        patch.setenv("DEEPL_SERVER_URL", fake.url)
        yield config, fake


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: set[tuple[str, str]] = set()

    def handle_starttag(self, tag, attrs):
        self.found.add((tag, ""))
        self.found.update((tag, name) for name, _ in attrs)


def elements(markdown: str) -> set[tuple[str, str]]:
    """Every HTML element and attribute name of the page rendered by markdown-it."""
    parser = _Elements()
    parser.feed(MARKDOWN.render(markdown))
    return parser.found


def rewrite(mode: str, answer: str):
    def hostile_answer(source: str, translation: str) -> str:
        if mode == "replace":
            return answer
        return translation + answer if mode == "append" else answer + translation

    return hostile_answer


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(mode=modes, answer=answers)
def test_no_engine_answer_changes_structure_adds_html_or_touches_a_review(hostile, mode, answer):
    config, fake = hostile
    root = config.parent
    english = (root / "docs" / "en" / "index.md").read_text("utf-8")
    reviewed = root / "docs" / "fr" / "returns.md"
    before = reviewed.read_bytes()
    (root / "docs" / "fr" / "index.md").unlink(missing_ok=True)
    shutil.rmtree(root / "translations", ignore_errors=True)  # every segment is sent again
    fake.rewrite = rewrite(mode, answer)

    list(run_translate(load_site(config)[0], [], "fr", False, "deepl"))

    assert reviewed.read_bytes() == before
    written = root / "docs" / "fr" / "index.md"
    if written.exists():
        text = written.read_text("utf-8")
        assert structure(text) == structure(english)
        assert elements(text) <= elements(english)
        frontmatter.split(text, written, max_description=None)  # the next build can read it
