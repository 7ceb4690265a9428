"""Customers' words from data/search-synonyms.yml: validated with their line, indexed per locale."""

from __future__ import annotations

import pytest

from polyhelp.errors import DataError
from polyhelp.search.synonyms import index_synonyms, load_synonyms


def synonyms_file(tmp_path, text: str):
    (tmp_path / "search-synonyms.yml").write_text(text, encoding="utf-8")
    return tmp_path


def test_no_file_means_no_synonyms(tmp_path):
    assert load_synonyms(tmp_path, ["en"]) == {}


def test_a_customers_word_maps_to_the_sites_words(tmp_path):
    data = synonyms_file(tmp_path, "es:\n  queja: [reclamación]\nde:\n  retoure: Rücksendung\n")
    assert load_synonyms(data, ["en", "es", "de"]) == {
        "es": {"queja": ["reclamación"]},
        "de": {"retoure": ["Rücksendung"]},
    }


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("es:\n  queja: [reclamación]\nit:\n  reso: [reso]\n", 3, "builds no locale 'it'"),
        ("es:\n  queja: [reclamación]\n  money back: [reembolso]\n", 3, "one word"),
        ("es:\n  queja: []\n", 2, "list of the site's words"),
        ("es:\n  queja: [3]\n", 2, "list of the site's words"),
        ("es: [queja]\n", 1, "map a customer's word"),
    ],
)
def test_a_wrong_entry_is_an_error_naming_its_line(tmp_path, text, line, words):
    with pytest.raises(DataError) as caught:
        load_synonyms(synonyms_file(tmp_path, text), ["en", "es"])
    assert caught.value.line == line and words in str(caught.value)
    assert str(caught.value).startswith(f"{tmp_path / 'search-synonyms.yml'}:{line}: ")


def test_the_index_looks_a_word_up_as_typed_and_stemmed_and_finds_stems():
    indexed = index_synonyms("de", {"Zurückschicken": ["Rücksendung", "die Rücksendungen"]})
    assert indexed == {"zurückschicken": ["rucksend"], "zuruckschick": ["rucksend"]}
