"""A locale's search index, built once with lunr.py and serialized for the browser as it is.

One entry per page (its sections' words are the page's words): a customer looks for the page
that answers, and fewer, larger entries keep the index small enough to fetch when the
customer starts a search. The browser loads the serialized lunr index with lunr.js's
`lunr.Index.load` and builds nothing; `polyhelp search` loads the same file with lunr.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from polyhelp.search.languages import language_of, stemmer, stop_words, tokens
from polyhelp.search.synonyms import index_synonyms

FORMAT = 1
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


def _builder(locale: str):
    from lunr.builder import Builder
    from lunr.pipeline import Pipeline

    ignored, stem = stop_words(locale), stemmer(locale)

    def analyse(token, i=None, tokens=None):
        if str(token) in ignored:
            return None
        return token.update(lambda word, metadata=None: stem(word))

    # lunr.py serializes the pipeline by its functions' labels: one per language.
    label = f"polyhelp-{language_of(locale).code}"
    Pipeline.register_function(analyse, label)
    builder = Builder()
    builder.b(0)  # no length normalisation: a long guide is not worth less than a short FAQ
    builder.pipeline.reset()
    builder.pipeline.add(analyse)
    # The query side stems explicitly (query.py and the worker), the same on both sides.
    builder.search_pipeline.reset()
    return builder


def build_index(
    locale: str, pages: list[PageDocument], synonyms: dict[str, list[str]] | None = None
) -> dict:
    """The payload of a locale's index file: the lunr index, the pages' titles and snippets,
    and what the query side needs to treat a customer's words as the index did (stop words,
    the customers' words of data/search-synonyms.yml)."""
    builder = _builder(locale)
    builder.ref("id")
    for name, boost in FIELD_BOOSTS.items():
        builder.field(name, boost=boost)
    for number, page in enumerate(pages):
        builder.add(
            {
                "id": str(number),
                "title": tokens(page.title),
                "keywords": [word for keyword in page.keywords for word in tokens(keyword)],
                "text": tokens(f"{page.description} {page.text}"),
            },
            attributes={"boost": page.boost},
        )
    if pages:
        index = builder.build().serialize()
    else:  # lunr.py cannot build an empty index (it divides by the number of documents)
        from lunr import __TARGET_JS_VERSION__

        index = {"version": __TARGET_JS_VERSION__, "fields": list(FIELD_BOOSTS)}
        index |= {"fieldVectors": [], "invertedIndex": []}
    index["pipeline"] = []  # nothing for lunr.js to look up: the query is analysed before
    return {
        "format": FORMAT,
        "lang": locale,
        "stemmer": language_of(locale).browser_stemmer,
        "stopwords": sorted(stop_words(locale)),
        "synonyms": index_synonyms(locale, synonyms or {}),
        "docs": [
            [page.location, page.title, snippet(page.description or page.text)] for page in pages
        ],
        "index": index,
    }
