"""A locale's search index, built once with lunr.py and serialized for the browser as it is.

One entry per page (its sections' words are the page's words): a customer looks for the page
that answers, and fewer, larger entries keep the index small enough to fetch when the
customer starts a search. The browser loads the serialized lunr index with lunr.js's
`lunr.Index.load` and builds nothing; `polyhelp search` loads the same file with lunr.py.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from polyhelp.search.languages import language_of, stemmer, stop_words, tokens
from polyhelp.search.synonyms import index_synonyms

FORMAT = 2
# How many characters of a page's text the result list shows under its title.
SNIPPET_LENGTH = 160
# Field weights: a word of the title or a keyword weighs as Material's title field (1e3).
FIELD_BOOSTS = {"title": 1000.0, "keywords": 1000.0, "text": 1.0}


@dataclass
class PageDocument:
    """What search knows of one page: where it is, its title, keywords, text and weight."""

    location: str
    title: str
    text: str
    boost: float = 1.0
    keywords: list[str] = field(default_factory=list)
    description: str = ""  # shown under the title in the results (else the text's start)


def snippet(text: str, length: int = SNIPPET_LENGTH) -> str:
    """The start of `text`, cut at a word boundary (with an ellipsis where cut)."""
    if len(text) <= length:
        return text
    cut = text[:length].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return cut + "…"


# lunr's BM25 constant; b is 0: no length normalisation, a long guide is not worth less than a
# short FAQ (Material's worker does the same).
K1 = 1.2


def _words(locale: str, text: str) -> list[str]:
    """The words of a text, less stop words."""
    ignored = stop_words(locale)
    return [word for word in tokens(text, language_of(locale).bigrams) if word not in ignored]


def _terms(locale: str, text: str) -> list[str]:
    """The index terms of a text: its words, less stop words, stemmed (lunr's pipeline)."""
    stem = stemmer(locale)
    return [stem(word) for word in _words(locale, text)]


def _texts(page: PageDocument) -> list[str]:
    """The page's text per field, in FIELD_BOOSTS' order."""
    return [page.title, " ".join(page.keywords), f"{page.description} {page.text}"]


def build_index(
    locale: str, pages: list[PageDocument], synonyms: dict[str, list[str]] | None = None
) -> dict:
    """The payload of a locale's index file: the index, the pages' titles and snippets, and
    what the query side needs to treat a customer's words as the index did (stop words, the
    customers' words of data/search-synonyms.yml).

    The index is lunr's in its smallest form: each term's postings, [field, count, then
    (document - previous document, term frequency) pairs], from which load_index (and the
    worker) rebuild lunr's inverted index and field vectors exactly as lunr's Builder does.
    lunr's own serialization holds every posting twice (inverted index and field vectors),
    as JSON objects: five times the bytes at 2,500 articles."""
    postings: dict[str, dict[int, dict[int, int]]] = {}
    for number, page in enumerate(pages):
        for field_number, text in enumerate(_texts(page)):
            for term in _terms(locale, text):
                docs = postings.setdefault(term, {}).setdefault(field_number, {})
                docs[number] = docs.get(number, 0) + 1
    terms = sorted(postings)
    encoded = []
    for term in terms:
        row: list[int] = []
        for field_number, docs in sorted(postings[term].items()):
            row += [field_number, len(docs)]
            previous = 0
            for number in sorted(docs):
                row += [number - previous, docs[number]]
                previous = number
        encoded.append(row)
    language = language_of(locale)
    stems = None
    if language.stemmer and not language.browser_stemmer:
        # No stemmer the browser would stem with as this one: the stems of the pages' words.
        stem = stemmer(locale)
        words = {word for page in pages for text in _texts(page) for word in _words(locale, text)}
        stems = {word: stem(word) for word in sorted(words) if stem(word) != word}
    return {
        "format": FORMAT,
        "lang": locale,
        "stemmer": language.browser_stemmer,
        "stems": stems,
        "pairs": language.bigrams,
        "stopwords": sorted(stop_words(locale)),
        "synonyms": index_synonyms(locale, synonyms or {}),
        "docs": [
            [page.location, page.title, snippet(page.description or page.text), page.boost]
            for page in pages
        ],
        "fields": [[name, boost] for name, boost in FIELD_BOOSTS.items()],
        "terms": terms,
        "postings": encoded,
    }


def rounded(score: float) -> float:
    """lunr.js's Math.round(score * 1000) / 1000 (Python's round() rounds half to even)."""
    return math.floor(score * 1000 + 0.5) / 1000


def field_counts(row: list[int]) -> int:
    """How many documents' fields a term's postings row holds (lunr counts each field)."""
    count, at = 0, 0
    while at < len(row):
        count += row[at + 1]
        at += 2 + 2 * row[at + 1]
    return count


def load_index(payload: dict):
    """The lunr.py Index of a payload build_index wrote, as lunr's Builder would have made it
    (the worker's load() does the same in JavaScript, step for step)."""
    from lunr.index import Index
    from lunr.pipeline import Pipeline
    from lunr.token_set import TokenSet
    from lunr.vector import Vector

    fields = [name for name, _ in payload["fields"]]
    boosts = [float(boost) for _, boost in payload["fields"]]
    doc_boosts = [float(doc[3]) for doc in payload["docs"]]
    count = len(payload["docs"])
    inverted: dict[str, dict] = {}
    vectors: dict[str, list] = {}
    for term_index, (term, row) in enumerate(
        zip(payload["terms"], payload["postings"], strict=True)
    ):
        posting: dict = {name: {} for name in fields}
        posting["_index"] = term_index
        found, at = [], 0
        while at < len(row):
            field_number, length = row[at], row[at + 1]
            number = 0
            for pair in range(length):
                number += row[at + 2 + 2 * pair]
                found.append((field_number, number, row[at + 3 + 2 * pair]))
                posting[fields[field_number]][str(number)] = {}
            at += 2 + 2 * length
        with_term = len(found)
        idf = math.log(1 + abs((count - with_term + 0.5) / (with_term + 0.5)))
        for field_number, number, tf in found:
            score = idf * ((K1 + 1) * tf) / (K1 + tf)
            score *= boosts[field_number]
            score *= doc_boosts[number]
            vectors.setdefault(f"{fields[field_number]}/{number}", []).extend(
                [term_index, rounded(score)]
            )
        inverted[term] = posting
    return Index(
        inverted_index=inverted,
        field_vectors={ref: Vector(elements) for ref, elements in vectors.items()},
        token_set=TokenSet.from_list(sorted(inverted)),
        fields=fields,
        pipeline=Pipeline(),
    )
