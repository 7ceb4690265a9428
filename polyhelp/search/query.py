"""The one way a customer's words query a locale's index, in Python as in the browser.

overrides/assets/javascripts/polyhelp-search.js does the same, clause for clause
(tests/site/test_search_in_browser.py compares the two on hundreds of queries):

- the query is cut into words (languages.tokens); `title:`, `text:` or `keywords:` before a
  word limits it to that field; other lunr syntax is punctuation, which separates words;
- stop words are dropped, unless the query has nothing else;
- each word matches its stem (boost 10) and the words the customers' synonyms name (data,
  boost 5); a word of five letters or more whose stem the index lacks matches the words one
  edit away from its stem (a typo, boost 1);
- the last word, which the customer may still be typing, from two letters on, also matches
  the ten most frequent words of the index it begins, as typed and stemmed (boost 1): an
  inflected form finds the words that share its stem, a partial word the words it begins,
  and a short one costs ten words, not hundreds;
- results are ordered by lunr's score, rounded to 6 decimals, then by their place in the index.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from polyhelp.errors import BuildError, PolyhelpError
from polyhelp.search.index import FORMAT, field_counts, load_index
from polyhelp.search.languages import stemmer, tokens

FIELD = re.compile(r"^(title|text|keywords):")
EXACT, SYNONYM, NEAR = 10, 5, 1
TYPO_MIN_LENGTH = 5
PREFIX_MIN_LENGTH = 2
SUFFIX_LENGTH = 4
COMPLETIONS = 10


@dataclass(frozen=True)
class Clause:
    term: str
    fields: tuple[str, ...] | None = None
    boost: int = EXACT
    typo: bool = False


class Vocabulary:
    """The index's words in its order, with how many documents' fields hold each."""

    def __init__(self, terms: list[str], postings: list[list[int]]):
        self.terms = [(term, field_counts(row)) for term, row in zip(terms, postings, strict=True)]
        self.known = set(terms)

    def completions(self, prefix: str) -> list[str]:
        """The COMPLETIONS most frequent words that begin with `prefix` (ties: index order)."""
        found = [(-count, number, term) for number, (term, count) in enumerate(self.terms)]
        found = sorted(item for item in found if item[2].startswith(prefix))
        return [term for _, _, term in found[:COMPLETIONS]]


def words_of(query: str, pairs: bool = False) -> list[tuple[str, tuple[str, ...] | None]]:
    """The words of a query, each with the field it is limited to (None: every field)."""
    words = []
    for part in query.split():
        fields, match = None, FIELD.match(part)
        if match:
            fields, part = (match.group(1),), part[match.end() :]
        words += [(word, fields) for word in tokens(part, pairs)]
    return words


def clauses(
    query: str,
    stem: Callable[[str], str],
    stop_words: frozenset[str] | set[str],
    synonyms: dict,
    vocabulary: Vocabulary,
    pairs: bool = False,
) -> list[Clause]:
    """The lunr clauses of a customer's query (see the module's docstring)."""
    words = words_of(query, pairs)
    significant = [(word, fields) for word, fields in words if word not in stop_words]
    words = significant or words
    typing = bool(query) and not query[-1].isspace()
    found: list[Clause] = []
    for number, (word, fields) in enumerate(words):
        stemmed = stem(word)
        found.append(Clause(stemmed, fields))
        for term in synonyms.get(word, synonyms.get(stemmed, [])):
            found.append(Clause(term, fields, SYNONYM))
        if len(word) >= TYPO_MIN_LENGTH and stemmed not in vocabulary.known:
            found.append(Clause(stemmed, fields, NEAR, typo=True))
        if typing and number == len(words) - 1 and len(word) >= PREFIX_MIN_LENGTH:
            begun = vocabulary.completions(word) + vocabulary.completions(stemmed)
            for term in dict.fromkeys(begun):
                if term != stemmed:
                    found.append(Clause(term, fields, NEAR))
    return found


def run(index, query_clauses: list[Clause]) -> list[tuple[int, float]]:
    """(document number, score) of every match of the clauses in a lunr.py index, best first."""
    if not query_clauses:
        return []
    query = index.create_query()
    for clause in query_clauses:
        query.clause(
            clause.term,
            fields=list(clause.fields) if clause.fields else None,
            boost=clause.boost,
            use_pipeline=False,
            edit_distance=1 if clause.typo else 0,
        )
    results = [(int(result["ref"]), round(result["score"], 6)) for result in index.query(query)]
    return sorted(results, key=lambda result: (-result[1], result[0]))


@dataclass(frozen=True)
class Hit:
    location: str
    title: str
    score: float


class SearchQueryError(PolyhelpError):
    """A search query that has no word to search for."""


class SearchIndexError(BuildError):
    """A built search index that is not one Polyhelp wrote: not JSON, or not its shape."""


class LocaleSearch:
    """A locale's built index file, queried with lunr.py as the browser's worker queries it."""

    def __init__(self, index_file: Path):
        self.path = Path(index_file)
        payload = _read_index(self.path)
        self.locale = payload["lang"]
        self.docs = payload["docs"]
        self.stop_words = frozenset(payload["stopwords"])
        self.synonyms = payload["synonyms"]
        self.pairs = payload["pairs"]
        try:
            self.vocabulary = Vocabulary(payload["terms"], payload["postings"])
            self.index = load_index(payload)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            raise _damaged(self.path, "its postings do not load") from None
        stems = payload["stems"]
        self.stem = stemmer(self.locale) if stems is None else self._looked_up(stems)

    def _looked_up(self, stems: dict[str, str]) -> Callable[[str], str]:
        """Stems from the index's table (a language the browser has no stemmer for): a word
        the pages use has its stem; another, the longest index word it begins with, if that
        leaves at most SUFFIX_LENGTH letters (an ending); else the word as typed."""
        known = self.vocabulary.known

        def stem(word: str) -> str:
            if word in stems:
                return stems[word]
            for length in range(len(word) - 1, max(2, len(word) - SUFFIX_LENGTH - 1), -1):
                if word[:length] in known:
                    return word[:length]
            return word

        return stem

    def search(self, query: str) -> list[Hit]:
        """The pages `query` finds, best first."""
        if not words_of(query, self.pairs):
            raise SearchQueryError(
                f"the query {query!r} has no word to search for; type words, e.g. 'refund card'"
            )
        query_clauses = clauses(
            query, self.stem, self.stop_words, self.synonyms, self.vocabulary, self.pairs
        )
        found = run(self.index, query_clauses)
        return [Hit(self.docs[number][0], self.docs[number][1], score) for number, score in found]

    def pages(self, query: str) -> list[str]:
        """The page paths (no #section) of the hits, best first, each once."""
        return list(dict.fromkeys(hit.location.split("#")[0] for hit in self.search(query)))


def _damaged(path: Path, what: str) -> SearchIndexError:
    return SearchIndexError(
        f"damaged search index: {what}; run 'polyhelp build' to write it again", path
    )


def _read_index(path: Path) -> dict:
    """The index file's JSON, checked for the shape index.build_index writes."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise _damaged(path, f"not UTF-8 text (byte {error.start})") from None
    except json.JSONDecodeError as error:
        raise _damaged(path, f"not JSON ({error.msg} at line {error.lineno})") from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise _damaged(path, f"expected an object with format {FORMAT}")
    expected = {"lang": str, "stopwords": list, "synonyms": dict, "docs": list}
    expected |= {"fields": list, "terms": list, "postings": list, "pairs": bool}
    for key, kind in expected.items():
        if not isinstance(payload.get(key), kind):
            raise _damaged(path, f"expected '{key}' to be a {kind.__name__}")
    if not isinstance(payload.get("stems"), dict | None):
        raise _damaged(path, "expected 'stems' to map words to their stems, or null")
    for number, doc in enumerate(payload["docs"], start=1):
        if not (
            isinstance(doc, list)
            and len(doc) == 4
            and all(isinstance(part, str) for part in doc[:3])
            and isinstance(doc[3], int | float)
        ):
            raise _damaged(path, f"entry {number} of docs is not [location, title, snippet, boost]")
    return payload
