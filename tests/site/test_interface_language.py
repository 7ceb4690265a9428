"""Every word of the interface in the reader's language, on every built page of every locale.

The interface is what the help center says around a page's text: header, navigation, footer,
search, and every title, aria-label, placeholder and alt text, plus Material's translations
in its __config script. A string of the English pages' interface found in another locale's
interface is English text a reader of that locale meets; text marked with another language
(lang="en" around a fallback page's English text, lang="de" on a language's own name) is
honest and not counted. A page shown in English is named "<title in the locale> (en
inglés)": the title inside the marker must not be English either.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from babel import Locale

from polyhelp.locales.messages import message

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
REGIONS = ("md-header", "md-nav", "md-footer", "md-search", "md-top", "md-skip", "md-dialog")
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
# Words that are the same in both languages, so no sign of English.
# Words each language writes as English does ("Questions" in French, "Feedback" in German).
SAME_WORD = {"fr": {"Navigation", "Questions"}, "de": {"Navigation", "Feedback"}, "es": set()}
LANGUAGE_NAMES = {"English", "Français", "Deutsch", "Español"}  # each in its own language


class _Interface(HTMLParser):
    """The interface strings of a page that are in `locale` (None: in any language)."""

    def __init__(self, locale: str | None):
        super().__init__(convert_charrefs=True)
        self.locale = locale
        self.stack: list[tuple[str, str, bool]] = []  # tag, language, inside the interface
        self.strings: list[str] = []
        self.script: str | None = None
        self.raw = False

    def _counts(self, language: str) -> bool:
        return self.locale is None or language == self.locale

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        language, inside = self.stack[-1][1:] if self.stack else ("", False)
        language = attributes.get("lang", language)
        classes = (attributes.get("class") or "").split()
        inside = (
            inside
            or tag in ("header", "footer", "nav")
            or any(c == r or c.startswith(r + "__") for c in classes for r in REGIONS)
        )
        if self._counts(language):
            self.strings += [attributes[a].strip() for a in ATTRIBUTES if attributes.get(a)]
        if tag == "script" and attributes.get("id") == "__config":
            self.script = ""
        self.raw = tag in ("script", "style")
        if tag not in VOID:
            self.stack.append((tag, language, inside))

    def handle_endtag(self, tag):
        if tag == "script" and self.script is not None:
            self.strings += json.loads(self.script)["translations"].values()
            self.script = None
        self.raw = False
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if self.script is not None:
            self.script += data
            return
        text = " ".join(data.split())
        if (
            text
            and not self.raw
            and self.stack
            and self.stack[-1][2]
            and self._counts(self.stack[-1][1])
        ):
            self.strings.append(text)


def interface_strings(path: Path, locale: str | None) -> list[str]:
    parser = _Interface(locale)
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.strings


def _unmarked(text: str, locale: str) -> str:
    """The title inside "<title> (en inglés)", or the text itself."""
    before, _, after = message(locale, "in_english", title="\x00").partition("\x00")
    pattern = re.escape(before) + "(.*)" + re.escape(after)
    found = re.fullmatch(pattern, text)
    return found.group(1) if found else text


def test_every_page_of_every_locale_speaks_the_readers_language(real_site):
    locales = [p.name for p in real_site.iterdir() if p.is_dir() and p.name in SAME_WORD]
    assert sorted(locales) == ["de", "es", "fr"]
    english: set[str] = set()
    for page in real_site.rglob("*.html"):
        first = page.relative_to(real_site).parts[0]
        if first not in locales and first != "translation-status":
            english.update(interface_strings(page, None))
    assert "Switch to dark mode" in english and "Permanent link" in english  # the probe works
    found: dict[str, set[str]] = {}
    for locale in locales:
        countries = set(Locale.parse(locale).territories.values())
        allowed = SAME_WORD[locale] | LANGUAGE_NAMES | countries
        pages = sorted((real_site / locale).rglob("*.html"))
        assert len(pages) > 30
        for page in pages:
            for text in interface_strings(page, locale):
                # A single character (a letter of the A-Z list) belongs to no language.
                if len(text) > 1 and text not in allowed and _unmarked(text, locale) in english:
                    found.setdefault(f"{locale}: {text}", set()).add(
                        str(page.relative_to(real_site))
                    )
    assert {text: sorted(pages)[:2] for text, pages in found.items()} == {}
