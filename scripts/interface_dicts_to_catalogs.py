"""Move interface text written as Python dicts (the old MESSAGES / LABELS tables) into the
gettext catalogs, for a branch that added strings the old way.

    .venv/bin/python scripts/interface_dicts_to_catalogs.py REF

REF is a git revision whose polyhelp/locales/messages.py or polyhelp/markets/labels.py
still holds `MESSAGES = {locale: {key: text}}` / `LABELS = ...` tables. Every key they have
and polyhelp/locales/catalogs/polyhelp.pot lacks is added to the template (its English) and
to fr.po, de.po and es.po (their words); a key whose English changed gets the new English
(and the branch's words, if it has them). "<key>.one" / "<key>.other" pairs become one
plural entry. Prints what it changed; then resolve the merge keeping the catalog code.
"""

from __future__ import annotations

import ast
import io
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

CATALOGS = Path(__file__).resolve().parent.parent / "polyhelp" / "locales" / "catalogs"
SOURCES = (("polyhelp/locales/messages.py", "MESSAGES"), ("polyhelp/markets/labels.py", "LABELS"))
SHIPPED = ("fr", "de", "es")
# Plural entries that were two keys in the dicts: entry -> (singular key, plural key).
PLURALS = {
    "working_days": ("working_days.one", "working_days.other"),
    "days.exact": ("days.one", "days.exact"),
}
NOT_ENTRIES = {"language"}  # the locale's own name now comes from CLDR


def tables(ref: str) -> dict[str, dict[str, str]]:
    """The dict tables at `ref`, merged: locale -> key -> text."""
    merged: dict[str, dict[str, str]] = {}
    for path, name in SOURCES:
        shown = subprocess.run(["git", "show", f"{ref}:{path}"], capture_output=True, text=True)
        if shown.returncode != 0:
            continue
        for node in ast.parse(shown.stdout).body:
            target = getattr(node, "target", None) or (getattr(node, "targets", None) or [None])[0]
            if getattr(target, "id", None) == name and node.value is not None:
                for locale, table in ast.literal_eval(node.value).items():
                    merged.setdefault(locale, {}).update(table)
    return merged


def _one(text: str) -> str:
    return "{n}" + text[1:] if text.startswith("1") else text


def words(table: dict[str, str], key: str) -> str | tuple[str, str] | None:
    if key in PLURALS:
        one, other = PLURALS[key]
        if one not in table or other not in table:
            return None
        return (_one(table[one]), table[other])
    return table.get(key)


def main(ref: str) -> None:
    merged = tables(ref)
    if "en" not in merged:
        print(f"{ref}: no interface dicts; nothing to move")
        return
    singles = {key for pair in PLURALS.values() for key in pair}
    keys = [k for k in merged["en"] if k not in singles and k not in NOT_ENTRIES]
    keys += [k for k in PLURALS if words(merged["en"], k) is not None]
    for name, locale in [("polyhelp.pot", None), *((f"{x}.po", x) for x in SHIPPED)]:
        path = CATALOGS / name
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=locale)
        present = {m.context: m for m in catalog if m.id}
        for key in keys:
            english = words(merged["en"], key)
            text = english[1] if isinstance(english, tuple) else english
            flags = ["python-brace-format"] if "{" in text else []
            theirs = words(merged.get(locale, {}), key) if locale else None
            empty = ("", "") if isinstance(english, tuple) else ""
            old = present.get(key)
            msgid = list(english) if isinstance(english, tuple) else english
            if old is None:
                catalog.add(english, theirs or empty, context=key, flags=flags)
                print(f"{name}: added {key}")
            elif (list(old.id) if isinstance(old.id, tuple | list) else old.id) != msgid:
                catalog.delete(old.id, context=key)
                string = theirs or (empty if locale is None else old.string)
                catalog.add(
                    english, string, context=key, flags=flags, auto_comments=old.auto_comments
                )
                print(f"{name}: new English for {key}")
        out = io.BytesIO()
        write_po(out, catalog, width=76)
        path.write_bytes(out.getvalue())


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
