"""The prebuilt index: lunr's, in its smallest form, rebuilt exactly as lunr's Builder makes it."""

from __future__ import annotations

from lunr.builder import Builder

from polyhelp.search.index import (
    FIELD_BOOSTS,
    PageDocument,
    _terms,
    build_index,
    load_index,
    snippet,
)

PAGES = [
    PageDocument(
        "refunds/",
        "Remboursements",
        "Nous remboursons votre commande sous 14 jours. Le remboursement est effectué.",
        1.25,
        ["argent"],
        "Quand et comment.",
    ),
    PageDocument("delivery/", "Livraison", "La livraison coûte 4,90 €, livraison rapide.", 0.5),
]


def vectors(index) -> dict:
    names = {posting["_index"]: term for term, posting in index.inverted_index.items()}
    return {
        ref: {names[v.elements[k]]: v.elements[k + 1] for k in range(0, len(v.elements), 2)}
        for ref, v in index.field_vectors.items()
        if v.elements
    }


def test_the_rebuilt_index_scores_as_lunrs_builder_does():
    builder = Builder()
    builder.b(0)
    builder.pipeline.reset()
    builder.ref("id")
    for name, boost in FIELD_BOOSTS.items():
        builder.field(name, boost=boost)
    for number, page in enumerate(PAGES):
        text = f"{page.description} {page.text}"
        fields = {"title": page.title, "keywords": " ".join(page.keywords), "text": text}
        document = {name: _terms("fr", value) for name, value in fields.items()}
        builder.add({"id": str(number), **document}, attributes={"boost": page.boost})
    expected = builder.build()
    rebuilt = load_index(build_index("fr", PAGES))
    assert vectors(rebuilt) == vectors(expected)
    assert set(rebuilt.inverted_index) == set(expected.inverted_index)
    assert vectors(rebuilt)["text/0"]["rembours"] < vectors(rebuilt)["text/0"]["jour"]


def test_the_snippet_is_the_description_or_the_texts_start_cut_at_a_word():
    docs = build_index("fr", PAGES)["docs"]
    assert docs[0][2] == "Quand et comment." and docs[1][2].startswith("La livraison")
    assert snippet("word " * 50, 20) == "word word word word…"


def test_an_index_without_pages_loads_and_finds_nothing():
    assert load_index(build_index("en", [])).search("refund") == []
