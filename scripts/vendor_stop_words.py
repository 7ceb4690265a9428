"""Write polyhelp/search/stop_words.json: the Snowball project's stop word lists.

A stop word is dropped from the index and from a customer's query, so a list must hold
function words only. The stop-words package's lists hold shop words ("order", "buy",
"help", "cuenta"...), which made "where is my order" find the privacy policy. The Snowball
lists are function words; lunr-languages ships them (as Material installs it, the same lists
Material's own search uses), and lunr ships English's. NLTK has them too, but fetches them
over the network. Run again after upgrading Material; the file is committed.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET = REPO / "polyhelp" / "search" / "stop_words.json"
# lunr-languages' files whose lists are the Snowball project's (language: file's code).
SNOWBALL = {
    "da": "da", "de": "de", "es": "es", "fi": "fi", "fr": "fr", "hu": "hu", "it": "it",
    "nl": "nl", "no": "no", "pt": "pt", "ro": "ro", "ru": "ru", "sv": "sv", "tr": "tr",
}  # fmt: skip
LIST = re.compile(r'generateStopWordFilter\("([^"]*)"')


def main() -> int:
    import material
    from lunr.stop_word_filter import WORDS

    folder = Path(material.__file__).parent / "templates/assets/javascripts/lunr/min"
    lists = {"en": sorted(WORDS)}
    for language, code in SNOWBALL.items():
        text = (folder / f"lunr.{code}.min.js").read_text(encoding="utf-8")
        match = LIST.search(text)
        if not match:
            print(f"no stop word list in lunr.{code}.min.js", file=sys.stderr)
            return 1
        lists[language] = sorted(set(match.group(1).split()))
    payload = {
        "source": "Snowball stop word lists (snowballstem.org, BSD) as lunr-languages ships "
        "them; English: lunr's list. Written by scripts/vendor_stop_words.py.",
        "languages": lists,
    }
    TARGET.write_text(json.dumps(payload, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    counts = ", ".join(f"{language} {len(words)}" for language, words in lists.items())
    print(f"wrote {TARGET.relative_to(REPO)}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
