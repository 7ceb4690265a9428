"""lunr.py builders for one language, with stop words shipped by a package, not downloaded.

lunr.py's own language support downloads NLTK's stop word corpus at run time; that is a
network request in every build and test. Its stemmers (NLTK's Snowball) need no download.
"""

from __future__ import annotations

import lunr.languages  # noqa: F401  (registers the stemmer-<locale> pipeline functions)
from lunr.builder import Builder
from lunr.languages import SUPPORTED_LANGUAGES
from lunr.languages.trimmer import generate_trimmer
from lunr.pipeline import Pipeline
from lunr.stemmer import stemmer as english_stemmer
from lunr.stop_word_filter import generate_stop_word_filter, stop_word_filter
from lunr.trimmer import trimmer as english_trimmer
from stop_words import get_stop_words

# Letters of every Latin-script language; lunr.js's language trimmers keep the same set.
WORD_CHARACTERS = r"\w"


def builder_for(locale: str) -> Builder:
    """A lunr Builder that stems and filters `locale` only, like Material's lunr.<locale>."""
    language = locale.split("-")[0].split("_")[0].lower()
    builder = Builder()
    builder.b(0)  # Material's search worker ignores document length too
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    if language == "en":
        builder.pipeline.add(english_trimmer, stop_word_filter, english_stemmer)
        builder.search_pipeline.add(english_stemmer)
        return builder
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"lunr.py has no stemmer for '{locale}'")
    trimmer = generate_trimmer(WORD_CHARACTERS)
    Pipeline.register_function(trimmer, f"trimmer-{language}")
    stop_filter = generate_stop_word_filter(set(get_stop_words(language)), language=language)
    stemmer = Pipeline.registered_functions[f"stemmer-{language}"]
    builder.pipeline.add(trimmer, stop_filter, stemmer)
    builder.search_pipeline.add(stemmer)
    return builder
