"""Customers' words per locale (data/search-synonyms.yml): what they type, what the site says.

Reviewed like content: a customer on /es/ types "queja" where the pages say "reclamación", on
/de/ "zurückschicken" where they say "Rücksendung". A customer's word finds the pages of the
words it is listed with, in that locale only:

    es:
      queja: [reclamación, reclamaciones]
    de:
      zurückschicken: [Rücksendung, zurücksenden]
"""

from __future__ import annotations

from pathlib import Path

from polyhelp.errors import DataError
from polyhelp.markets.source import MarketDataError, YamlSource
from polyhelp.search.languages import language_of, stemmer, stop_words, tokens

FILE_NAME = "search-synonyms.yml"


def load_synonyms(data_dir: Path, locales: list[str]) -> dict[str, dict[str, list[str]]]:
    """Each locale's customers' words and the site's words they mean (empty: no file).

    Every problem is reported with its line: a locale the site does not build, a customer's
    word that is not one word, an entry that is not a list of the site's words."""
    source = YamlSource.read(Path(data_dir) / FILE_NAME, optional=True)
    if source.root is None or source.data is None:
        return {}
    problems: list[DataError] = []
    if not isinstance(source.data, dict):
        raise DataError(
            "must map each locale to its customers' words, e.g. 'es: {queja: [reclamación]}'",
            source.path,
            1,
        )
    found: dict[str, dict[str, list[str]]] = {}
    for locale, words in source.data.items():
        if locale not in locales:
            problems.append(
                source.error(
                    (locale,),
                    f"the site builds no locale '{locale}'; it builds {', '.join(locales)}",
                )
            )
            continue
        if not isinstance(words, dict):
            problems.append(source.error((locale,), "must map a customer's word to a list"))
            continue
        found[locale] = {}
        for word, meant in words.items():
            where = (locale, word)
            if len(tokens(str(word))) != 1:
                problems.append(source.error(where, "a customer's word is one word, e.g. 'queja'"))
            elif isinstance(meant, str):
                meant = [meant]
            if (
                not isinstance(meant, list)
                or not meant
                or not all(isinstance(term, str) and tokens(term) for term in meant)
            ):
                problems.append(
                    source.error(where, "expected a list of the site's words, e.g. [reclamación]")
                )
            elif len(tokens(str(word))) == 1:
                found[locale][str(word)] = meant
    if problems:
        raise MarketDataError(problems)
    return found


def index_synonyms(locale: str, synonyms: dict[str, list[str]]) -> dict[str, list[str]]:
    """The synonyms as the index looks them up: each customer's word as typed (lowercase)
    and stemmed, to the stems of the site's words it means (stop words left out)."""
    stem, ignored, pairs = stemmer(locale), stop_words(locale), language_of(locale).bigrams
    indexed: dict[str, list[str]] = {}
    for word, meant in synonyms.items():
        terms = [
            stem(term) for text in meant for term in tokens(text, pairs) if term not in ignored
        ]
        for key in dict.fromkeys((tokens(word)[0], stem(tokens(word)[0]))):
            indexed[key] = list(dict.fromkeys(indexed.get(key, []) + terms))
    return indexed
