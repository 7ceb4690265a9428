"""Which language gets which search pipeline: one table, no code per language.

A row says where a language's stemmer comes from on each side: `stemmer` is the Snowball
algorithm lunr.py (NLTK) stems the index with, `browser_stemmer` the lunr-languages module
whose `lunr.<code>.stemmer` stems a customer's words in the browser (Material ships them as
assets/javascripts/lunr/min/lunr.<code>.min.js). A language without a row is searched
unstemmed: its words are still cut into tokens, lowercased and matched by prefix, and where
the Python and the browser could disagree on a stem, neither stems.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from stop_words import StopWordError, get_stop_words


@dataclass(frozen=True)
class SearchLanguage:
    code: str
    stemmer: str | None = None  # NLTK's Snowball name
    browser_stemmer: str | None = None  # lunr-languages' code: lunr.<code>.stemmer


# English's stemmer is lunr's own Porter stemmer on both sides (lunr.py's port of lunr.js).
LANGUAGES = {
    row.code: row
    for row in (
        SearchLanguage("en", "porter", "en"),
        SearchLanguage("fr", "french", "fr"),
        SearchLanguage("de", "german", "de"),
        SearchLanguage("es", "spanish", "es"),
        SearchLanguage("it", "italian", "it"),
        SearchLanguage("pt", "portuguese", "pt"),
        SearchLanguage("nl", "dutch", "du"),
        SearchLanguage("da", "danish", "da"),
        SearchLanguage("sv", "swedish", "sv"),
        SearchLanguage("no", "norwegian", "no"),
        SearchLanguage("fi", "finnish", "fi"),
        SearchLanguage("hu", "hungarian", "hu"),
        SearchLanguage("ro", "romanian", "ro"),
        SearchLanguage("ru", "russian", "ru"),
    )
}


def language_of(locale: str) -> SearchLanguage:
    """The table's row for a locale (de-AT -> de), or a row that does not stem."""
    code = locale.replace("_", "-").split("-")[0].lower()
    return LANGUAGES.get(code, SearchLanguage(code))


def tokens(text: str) -> list[str]:
    """The words of `text`, lowercased: runs of letters, marks and digits.

    The browser's worker cuts a query the same way (/[\\p{L}\\p{M}\\p{N}]+/gu).
    """
    words, word = [], []
    for char in text.lower():
        if unicodedata.category(char)[0] in "LMN":
            word.append(char)
        elif word:
            words.append("".join(word))
            word = []
    if word:
        words.append("".join(word))
    return words


@cache
def stop_words(locale: str) -> frozenset[str]:
    """The language's stop words (the stop-words package; none where it has no list)."""
    try:
        listed = get_stop_words(language_of(locale).code)
    except StopWordError:
        return frozenset()
    return frozenset(word for text in listed for word in tokens(text))


@cache
def stemmer(locale: str) -> Callable[[str], str]:
    """The language's stemmer for one word, or the identity where the table has none."""
    language = language_of(locale)
    if language.stemmer is None:
        return lambda word: word
    if language.stemmer == "porter":
        from lunr.stemmer import stemmer as porter
        from lunr.token import Token

        return lambda word: str(porter(Token(word)))
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer(language.stemmer).stem
