"""Which language gets which search pipeline: one table, no code per language.

A row says where a language's stemmer comes from on each side: `stemmer` is the Snowball
algorithm lunr.py (NLTK) stems the index with, `browser_stemmer` the lunr-languages module
whose `lunr.<code>.stemmer` stems a customer's words in the browser (Material ships them as
assets/javascripts/lunr/min/lunr.<code>.min.js). A language without a row is searched
unstemmed: its words are still cut into tokens, lowercased and matched by prefix, and where
the Python and the browser could disagree on a stem, neither stems.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class SearchLanguage:
    code: str
    # The Snowball algorithm that stems the index: NLTK's name, or "snowball:<name>" for the
    # snowballstemmer package (the Snowball project's own Python, for languages NLTK lacks).
    stemmer: str | None = None
    # The lunr-languages module whose lunr.<code>.stemmer stems a customer's words in the
    # browser as `stemmer` does (tests/search/test_query.py compares them). Without one, the
    # index ships its words' stems and both sides look the customer's words up there.
    browser_stemmer: str | None = None
    # Written without spaces between words: runs of such scripts are cut into overlapping
    # pairs of characters (東京タワー: 東京 京タ タワ ワー), the same in Python and the browser.
    bigrams: bool = False
    # Whose stop word list (stop_words.json) is dropped from index and queries: the
    # language's own, by default; a language without a Snowball list has none.
    stop_list: str | None = None


LANGUAGES = {
    row.code: row
    for row in (
        # English: lunr.py's Porter port; lunr.js's stems some words otherwise (may: mai),
        # so the index ships its stems.
        SearchLanguage("en", "porter"),
        SearchLanguage("fr", "french", "fr"),
        SearchLanguage("de", "german", "de"),
        SearchLanguage("es", "spanish", "es"),
        SearchLanguage("it", "italian"),
        SearchLanguage("pt", "portuguese"),
        SearchLanguage("nl", "dutch"),
        SearchLanguage("da", "danish"),
        SearchLanguage("sv", "swedish"),
        SearchLanguage("no", "norwegian"),
        SearchLanguage("nb", "norwegian", stop_list="no"),
        SearchLanguage("fi", "finnish"),
        SearchLanguage("hu", "hungarian"),
        SearchLanguage("ro", "romanian"),
        SearchLanguage("ru", "russian"),
        SearchLanguage("ar", "arabic"),
        SearchLanguage("el", "snowball:greek"),
        SearchLanguage("fa", "snowball:persian"),
        SearchLanguage("hi", "snowball:hindi"),
        SearchLanguage("tr", "snowball:turkish"),
        SearchLanguage("id", "snowball:indonesian"),
        SearchLanguage("ca", "snowball:catalan"),
        SearchLanguage("cs", "snowball:czech"),
        SearchLanguage("pl", "snowball:polish"),
        SearchLanguage("lt", "snowball:lithuanian"),
        SearchLanguage("et", "snowball:estonian"),
        SearchLanguage("sr", "snowball:serbian"),
        SearchLanguage("hy", "snowball:armenian"),
        SearchLanguage("eu", "snowball:basque"),
        SearchLanguage("ga", "snowball:irish"),
        SearchLanguage("ne", "snowball:nepali"),
        SearchLanguage("ta", "snowball:tamil"),
        SearchLanguage("yi", "snowball:yiddish"),
        # No stemmer: words are matched as written, by prefix while typed (vi: syllables).
        SearchLanguage("vi"),
        SearchLanguage("uz"),
        SearchLanguage("ko"),
        SearchLanguage("ja", bigrams=True),
        SearchLanguage("zh", bigrams=True),
        SearchLanguage("th", bigrams=True),
        SearchLanguage("lo", bigrams=True),
        SearchLanguage("km", bigrams=True),
        SearchLanguage("my", bigrams=True),
    )
}


def language_of(locale: str) -> SearchLanguage:
    """The table's row for a locale (de-AT -> de), or a row that does not stem."""
    code = locale.replace("_", "-").split("-")[0].lower()
    return LANGUAGES.get(code, SearchLanguage(code))


# Scripts written without spaces (Thai, Lao, Myanmar, Khmer, kana, CJK ideographs): the
# worker's BIGRAM_SCRIPT is the same class.
_BIGRAM_SCRIPT = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"
)


def bigrams(word: str) -> list[str]:
    """A word cut where it holds a script without spaces: each run in overlapping pairs."""
    found, at = [], 0
    for run in _BIGRAM_SCRIPT.finditer(word):
        if run.start() > at:
            found.append(word[at : run.start()])
        text = run.group()
        found += [text[i : i + 2] for i in range(len(text) - 1)] or [text]
        at = run.end()
    if at < len(word):
        found.append(word[at:])
    return found


def tokens(text: str, pairs: bool = False) -> list[str]:
    """The words of `text`, lowercased: runs of letters, marks and digits (with `pairs`, runs
    of scripts without spaces cut in pairs of characters, see bigrams).

    The browser's worker cuts a query the same way (/[\\p{L}\\p{M}\\p{N}]+/gu).
    """
    words = _word_pattern().findall(text.lower())
    if pairs:
        return [part for word in words for part in bigrams(word)]
    return words


# Where Unicode has marks: planes 0 and 1, and the variation selectors of plane 14 (planes 2
# and 3 are ideographs, 15 and 16 private use); tests/search/test_languages.py checks it
# against every code point.
MARK_PLANES = (range(0x20000), range(0xE0000, 0xE1000))


def mark_ranges(planes=MARK_PLANES) -> list[tuple[int, int]]:
    """The (first, last) code points of each run of Unicode marks (category M)."""
    found: list[tuple[int, int]] = []
    for plane in planes:
        start = None
        for point in [*plane, None]:
            mark = point is not None and unicodedata.category(chr(point))[0] == "M"
            if mark and start is None:
                start = point
            elif not mark and start is not None:
                found.append((start, point - 1 if point is not None else plane[-1]))
                start = None
    return found


@cache
def _word_pattern() -> re.Pattern[str]:
    """Runs of Unicode letters, marks and digits. Python's [^\\W_] is letters and digits;
    marks (a Devanagari vowel sign, a combining accent) are listed from Unicode's own table,
    once, not looked up character by character for every page."""
    marks = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in mark_ranges())
    return re.compile(f"(?:[^\\W_]|[{marks}])+")


@cache
def stop_words(locale: str) -> frozenset[str]:
    """The language's stop words: the Snowball project's list (lunr's for English), function
    words only, never a shop's words ("order", "help", "cuenta"); none where Snowball has
    no list (scripts/vendor_stop_words.py writes stop_words.json)."""
    language = language_of(locale)
    listed = _stop_lists().get(language.stop_list or language.code, [])
    return frozenset(word for text in listed for word in tokens(text))


@cache
def _stop_lists() -> dict[str, list[str]]:
    text = resources.files(__package__).joinpath("stop_words.json").read_text(encoding="utf-8")
    return json.loads(text)["languages"]


@cache
def stemmer(locale: str) -> Callable[[str], str]:
    """The language's stemmer for one word, or the identity where the table has none; each
    word's stem remembered (a page repeats its words, a site its vocabulary: stemming every
    occurrence was a fifth of a build)."""
    return cache(_stemmer(locale))


def _stemmer(locale: str) -> Callable[[str], str]:
    language = language_of(locale)
    if language.stemmer is None:
        return lambda word: word
    if language.stemmer.startswith("snowball:"):
        import snowballstemmer

        return snowballstemmer.stemmer(language.stemmer.split(":", 1)[1]).stemWord
    if language.stemmer == "porter":
        from lunr.stemmer import stemmer as porter
        from lunr.token import Token

        return lambda word: str(porter(Token(word)))
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer(language.stemmer).stem
