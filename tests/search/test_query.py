"""The query logic, and the browser's worker agreeing with `polyhelp search` query for query."""

from __future__ import annotations

import functools
import http.server
import json
import random
import shutil
import threading

import pytest

from polyhelp.search.languages import stemmer, tokens
from polyhelp.search.query import (
    NEAR,
    SYNONYM,
    Clause,
    LocaleSearch,
    Vocabulary,
    clauses,
    words_of,
)
from tests.conftest import REPO

LOCALE_PREFIXES = {"en": "", "fr": "fr/", "de": "de/", "es": "es/"}


COUNTS = [("refund", 9), ("return", 5), ("rembours", 3), ("stat", 2), ("state", 4)]
COUNTS += [(f"stat{n}", 1) for n in range(12)]
# Each term in the text field (2) of `count` documents, one apart: [field, count, 1, 1, ...].
VOCABULARY = Vocabulary(
    [t for t, _ in COUNTS], [[2, count] + [1, 1] * count for _, count in COUNTS]
)


def clauses_of(query: str, locale: str = "en", stop_words=frozenset(), synonyms=None):
    return clauses(query, stemmer(locale), stop_words, synonyms or {}, VOCABULARY)


def test_the_word_being_typed_also_finds_the_ten_most_frequent_words_it_begins():
    found = clauses_of("refund stat")
    assert Clause("refund") in found and Clause("stat") in found
    begun = [clause.term for clause in found if clause.boost == NEAR]
    assert begun[:2] == ["state", "stat0"] and len(begun) == 9  # ten, less "stat" itself
    assert [clause for clause in clauses_of("refund ") if clause.boost == NEAR] == []
    assert [clause for clause in clauses_of("r") if clause.boost == NEAR] == []


def test_an_inflected_form_is_searched_by_its_stem():
    assert Clause("rembours") in clauses_of("rembourser", "fr")


def test_a_word_of_five_letters_or_more_that_the_index_lacks_tolerates_one_typo():
    assert Clause("refnd", boost=NEAR, typo=True) in clauses_of("refnd ")
    assert not [clause for clause in clauses_of("refund ") if clause.typo]
    assert not [clause for clause in clauses_of("shap ") if clause.typo]


def test_stop_words_are_dropped_unless_nothing_else_is_left():
    assert {clause.term for clause in clauses_of("the refund ", stop_words={"the"})} == {"refund"}
    assert {clause.term for clause in clauses_of("the ", stop_words={"the"})} == {"the"}


def test_a_customers_word_adds_the_sites_words_it_means():
    found = clauses_of("queja ", "es", synonyms={"queja": ["reclam"]})
    assert Clause("reclam", boost=SYNONYM) in found


def test_a_field_prefix_limits_its_words_to_that_field():
    assert words_of("title:refund card") == [("refund", ("title",)), ("card", None)]
    assert words_of("foo:refund") == [("foo", None), ("refund", None)]


# --- the browser's worker finds what polyhelp search finds -------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


def site_queries(locale: str, count: int) -> list[str]:
    """Queries made of the locale's own words: whole words, words being typed, pairs, and each
    kind of typo lunr's edit distance 1 forgives (a letter missed, wrong, too many, swapped)."""
    words = sorted(
        {
            word
            for path in (REPO / "docs" / locale).rglob("*.md")
            for word in tokens(path.read_text())
        }
    )
    rng = random.Random(f"queries:{locale}")
    queries = []
    for word in rng.sample(words, count):
        kind = rng.randrange(7)
        at = rng.randrange(len(word))
        if kind == 1 and len(word) > 3:
            word = word[: rng.randrange(2, len(word))]  # still typing
        elif kind == 2 and len(word) >= 5:
            word = word[:at] + word[at + 1 :]  # a letter missed
        elif kind == 3:
            word = f"{word} {rng.choice(words)}"
        elif kind == 4 and len(word) >= 5:
            word = word[:at] + rng.choice("aeinrst") + word[at + 1 :]  # a letter wrong
        elif kind == 5 and len(word) >= 5:
            word = word[:at] + rng.choice("aeinrst") + word[at:]  # a letter too many
        elif kind == 6 and len(word) >= 5 and at < len(word) - 1:
            word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]  # two letters swapped
        queries.append(word.capitalize() if rng.random() < 0.2 else word)
    return queries


WORKER_ANSWERS = """async (queries) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const worker = new Worker(new URL(config.search, location.href));
  const ask = message => new Promise(resolve => {
    worker.onmessage = event => resolve(event.data);
    worker.postMessage(message);
  });
  await ask({type: 0, data: {config: {}, docs: [], options: {suggest: false}}});
  const answers = [];
  for (const query of queries) {
    const {data} = await ask({type: 2, data: query});
    answers.push(data.items.map(([item]) => [item.location, item.score]));
  }
  worker.terminate();
  return answers;
}"""


@pytest.fixture(scope="module")
def served_real_site(real_site):
    handler = functools.partial(_QuietHandler, directory=str(real_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.browser
@pytest.mark.parametrize("locale", sorted(LOCALE_PREFIXES))
def test_the_browser_finds_what_polyhelp_search_finds(real_site, served_real_site, locale):
    from playwright.sync_api import sync_playwright

    prefix = LOCALE_PREFIXES[locale]
    queries = site_queries(locale, 80)
    python = LocaleSearch(real_site / prefix / "search" / "lunr_index.json")
    expected = [[(hit.location, hit.score) for hit in python.search(q)][:10] for q in queries]
    with sync_playwright() as playwright:
        chromium = shutil.which("chromium")
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(f"{served_real_site}/{prefix}")
        answers = page.evaluate(WORKER_ANSWERS, queries)
        browser.close()
    differ = [
        (query, want, [tuple(item) for item in got[:10]])
        for query, want, got in zip(queries, expected, answers, strict=True)
        if [location for location, _ in want] != [location for location, _ in got[:10]]
        or any(abs(a - b) > 1e-5 * max(1, a) for (_, a), (_, b) in zip(want, got, strict=False))
    ]
    assert sum(1 for want in expected if want) > len(queries) / 2, "most queries find pages"
    assert not differ, json.dumps(differ[:3], ensure_ascii=False, indent=1)
