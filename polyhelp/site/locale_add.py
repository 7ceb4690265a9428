"""`polyhelp locale add CODE`: a new locale in mkdocs.yml, its catalog and its folder.

mkdocs.yml is edited as text (its comments and layout kept): one language entry is
appended to plugins.i18n.languages, then the file is loaded again through MkDocs and the
edit is undone if it does not validate. Which languages DeepL translates into is asked of
DeepL (/v2/languages), never listed here: a locale it cannot translate is added all the
same, as a human-translated locale.
"""

from __future__ import annotations

import html
import json
import os
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import yaml
from babel.core import Locale, UnknownLocaleError

from polyhelp.errors import ConfigError, UsageError
from polyhelp.locales.catalog import new_catalog, project_catalog, save
from polyhelp.project.files import write_atomic
from polyhelp.site.mkdocs_config import load_site
from polyhelp.translation.command import KEY_VARIABLE, URL_VARIABLE
from polyhelp.translation.engines import DeepLEngine, DeepLLanguages
from polyhelp.translation.glossary import FORMALITIES

DIRECTIONS = ("ltr", "rtl")


@dataclass
class Added:
    locale: str
    name: str
    direction: str
    catalog: Path
    folder: Path
    lines: list[str] = field(default_factory=list)


def add_locale(
    config_file: Path,
    code: str,
    name: str | None,
    direction: str | None,
    formality: str | None,
    languages: DeepLLanguages,
    nav_titles: dict[str, str] | None = None,
) -> Added:
    """Add `code` to the help center: mkdocs.yml, locales/<code>.po, docs/<code>/."""
    site, _ = load_site(config_file)
    locale = _cldr_locale(code)
    if code in site.locales:
        raise UsageError(f"'{code}' is already a locale of this site (mkdocs.yml)")
    shown = name or _own_name(locale)
    written = direction or ("rtl" if locale.character_order == "right-to-left" else "ltr")
    if formality is not None:
        if formality not in FORMALITIES:
            raise UsageError(f"--formality {formality}: choose one of {', '.join(FORMALITIES)}")
        if languages.formality(code) is False:
            raise UsageError(
                f"--formality {formality}: DeepL offers no formality for '{code}' "
                "(/v2/languages); leave it out"
            )
    supported = languages.supports(code)
    titles = nav_titles if nav_titles is not None else {t: t for t in section_titles(config_file)}
    original = config_file.read_text(encoding="utf-8")
    config_file_text = _with_language(
        original, config_file, code, shown, written, titles, nav_titles is not None
    )
    catalog = project_catalog(site.root, code)
    folder = site.docs_dir / code
    settings = site.data_dir / "translation.yml"
    settings_text = settings.read_text(encoding="utf-8") if settings.is_file() else None
    write_atomic(config_file, config_file_text)
    try:
        load_site(config_file)  # what was written must be what MkDocs reads
        if formality is not None:
            write_atomic(settings, _with_formality(settings_text or "", code, formality))
        if not catalog.is_file():
            save(new_catalog(code), catalog)
        folder.mkdir(parents=True, exist_ok=True)
    except BaseException:
        write_atomic(config_file, original)
        if formality is not None and settings_text is not None:
            write_atomic(settings, settings_text)
        raise
    added = Added(code, shown, written, catalog, folder)
    added.lines = _next_steps(added, supported, site.root, nav_titles is not None)
    return added


def ask_deepl(code: str, config_file: Path) -> tuple[DeepLLanguages, dict[str, str] | None]:
    """DeepL's target languages and, where it translates into `code`, the nav's section
    titles translated; (not asked, None) without DEEPL_AUTH_KEY."""
    key = os.environ.get(KEY_VARIABLE, "").strip()
    if not key:
        return DeepLLanguages(), None
    engine = DeepLEngine(key, server_url=os.environ.get(URL_VARIABLE) or None)
    languages = DeepLLanguages(engine.target_languages())
    titles = section_titles(config_file)
    if not languages.supports(code) or not titles:
        return languages, None
    answers = engine.translate([escape(title) for title in titles], code)
    translated = {}
    for title, answer in zip(titles, answers, strict=True):
        text = html.unescape(answer) if isinstance(answer, str) else ""
        # An answer with markup or line breaks is not used: the English title stays.
        ok = text.strip() and "<" not in text and "\n" not in text
        translated[title] = text.strip() if ok else title
    return languages, translated


def _cldr_locale(code: str) -> Locale:
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise UsageError(
            f"'{code}' is not a language CLDR knows; use an ISO 639-1 code such as el, vi or fa"
        ) from None


def _own_name(locale: Locale) -> str:
    name = locale.get_display_name(locale) or str(locale)
    return name[:1].upper() + name[1:]


def section_titles(config_file: Path) -> list[str]:
    """The nav's section titles (what nav_translations translates), in order."""
    document = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=_Loader)
    nav = _value(document, "nav")
    titles: list[str] = []
    pending = [nav] if nav is not None else []
    while pending:
        node = pending.pop(0)
        if isinstance(node, yaml.SequenceNode):
            pending[:0] = node.value
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(value, yaml.SequenceNode):
                    titles.append(str(key.value))
                    pending.insert(0, value)
    return list(dict.fromkeys(titles))


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml's layout only; MkDocs' own tags (!ENV, !!python/name) are left be."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *args: None)


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((v for k, v in node.value if getattr(k, "value", None) == key), None)


def _languages_node(text: str, path: Path) -> yaml.SequenceNode:
    document = yaml.compose(text, Loader=_Loader)
    plugins = _value(document, "plugins")
    i18n = None
    if isinstance(plugins, yaml.SequenceNode):
        for item in plugins.value:
            if isinstance(item, yaml.MappingNode):
                i18n = _value(item, "i18n") or i18n
    elif isinstance(plugins, yaml.MappingNode):
        i18n = _value(plugins, "i18n")
    languages = _value(i18n, "languages")
    if not isinstance(languages, yaml.SequenceNode) or not languages.value:
        raise ConfigError(
            "no plugins.i18n.languages list to add the locale to; list the languages there",
            path,
        )
    if languages.flow_style:
        raise ConfigError(
            "plugins.i18n.languages is written on one line ([...]); write one '- locale:' "
            "item per line so a locale can be added",
            path,
            languages.start_mark.line + 1,
        )
    return languages


def _with_language(
    text: str,
    path: Path,
    code: str,
    name: str,
    direction: str,
    titles: dict[str, str],
    machine_titles: bool,
) -> str:
    """mkdocs.yml's text with one more language after the last one, indented as they are."""
    languages = _languages_node(text, path)
    last = languages.value[-1]
    indent = " " * max(last.start_mark.column - 2, 0)
    inner = indent + "  "
    lines = [
        f"{indent}- locale: {code}",
        f"{inner}name: {json.dumps(name, ensure_ascii=False)}",
        f"{inner}build: true",
    ]
    if direction == "rtl":
        # Material mirrors its layout where theme.direction is rtl; polyhelp/site applies
        # extra.direction per locale (static-i18n cannot override an empty theme key).
        lines.append(f"{inner}extra:")
        lines.append(f"{inner}  direction: rtl")
    if titles:
        note = (
            "machine translation (DeepL): review"
            if machine_titles
            else "translate these section titles (English until then)"
        )
        lines.append(f"{inner}nav_translations:  # {note}")
        for english, translated in titles.items():
            key = json.dumps(english, ensure_ascii=False)
            lines.append(f"{inner}  {key}: {json.dumps(translated, ensure_ascii=False)}")
    source = text.splitlines(keepends=True)
    # A block item ends where the next token begins (a later line); a {flow} item at its "}".
    end = last.end_mark.line + (1 if last.flow_style else 0)
    end = min(end, len(source))
    # Step back over the blank and comment lines between it and what follows.
    while end > 0 and (not source[end - 1].strip() or source[end - 1].lstrip().startswith("#")):
        end -= 1
    if end and not source[end - 1].endswith("\n"):
        source[end - 1] += "\n"
    return "".join(source[:end]) + "\n".join(lines) + "\n" + "".join(source[end:])


def _with_formality(text: str, code: str, formality: str) -> str:
    """data/translation.yml with the locale's formality added to its formality mapping."""
    lines = text.splitlines(keepends=True)
    entry = f"  {code}: {formality}\n"
    for index, line in enumerate(lines):
        if line.rstrip() == "formality:" or line.startswith("formality:"):
            if line.strip() not in ("formality:",):
                raise ConfigError(
                    "formality is written on one line; write one 'locale: formality' per line",
                    None,
                )
            end = index + 1
            while end < len(lines) and (
                lines[end].startswith((" ", "\t")) or not lines[end].strip()
            ):
                end += 1
            while end > index + 1 and not lines[end - 1].strip():
                end -= 1
            return "".join(lines[:end] + [entry] + lines[end:])
    prefix = text if not text or text.endswith("\n") else text + "\n"
    return f"{prefix}formality:\n{entry}"


def _next_steps(
    added: Added, supported: bool | None, root: Path, machine_titles: bool
) -> list[str]:
    code = added.locale
    lines = [
        f"Added '{code}' ({added.name}, {added.direction}) to mkdocs.yml",
        f"Created {added.catalog.relative_to(root)} (interface text, empty) and "
        f"{added.folder.relative_to(root)}/ (pages)",
    ]
    if supported is None:
        lines.append(
            "DeepL was not asked which languages it translates into (DEEPL_AUTH_KEY is not "
            f"set); `polyhelp translate --to {code}` will tell"
        )
    if supported is False:
        lines.append(
            f"DeepL does not translate into '{code}' (/v2/languages): it stays a "
            f"human-translated locale. Translate {added.catalog.relative_to(root)} and the "
            f"pages under {added.folder.relative_to(root)}/ by hand; until then pages show "
            "in English with a notice. To build meanwhile, allow English interface text: "
            f"interface: {{english_fallback: [{code}]}} in data/translation.yml"
        )
        lines.append(f"Next: polyhelp status --locale {code}, then polyhelp build")
    else:
        lines.append(
            f"Next: polyhelp translate --to {code} (pages and interface text), "
            f"polyhelp status --locale {code}, then polyhelp build"
        )
    if not machine_titles:
        lines.append("Translate the section titles under its nav_translations in mkdocs.yml")
    return lines
