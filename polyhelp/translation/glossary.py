"""Glossary and machine translation settings: data/glossary.yml and data/translation.yml.

Both are validated before anything is sent to an engine: a term DeepL would refuse (or,
worse, accept and apply wrongly) is a one-line error naming the file and the line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from polyhelp.errors import DataError
from polyhelp.project.yamlfile import SafeLoader, key_line, parse_yaml

FORMALITIES = ("default", "more", "less", "prefer_more", "prefer_less")
DEEPL_KEYS = ("max_retries", "timeout", "max_characters")
TRANSLATE_KEYS = ("wait_for_other_run",)
INTERFACE_KEYS = ("english_fallback",)
# The SDK's own per-request timeout (deepl.http_client.min_connection_timeout).
DEFAULT_TIMEOUT = 10.0


@dataclass(frozen=True)
class TranslationSettings:
    do_not_translate: tuple[str, ...] = ()
    terms: dict[str, dict[str, str]] = field(default_factory=dict)  # locale -> {en: target}
    formality: dict[str, str] = field(default_factory=dict)
    # Which page states fail `polyhelp status` (CI), and which only warn ("state:type").
    fail_on: list[str] = field(default_factory=lambda: ["pseudo"])
    warn_on: list[str] = field(default_factory=lambda: ["stale:legal"])
    max_retries: int | None = None  # the SDK's own retries of 429 and 5xx (None: its default)
    timeout: float | None = None  # seconds DeepL has to answer one request (None: the SDK's)
    max_characters: int | None = None  # characters one run may send at most (None: no limit)
    wait_for_other_run: int = 10  # seconds a run waits for another one to finish
    # Locales whose missing interface text may show in English (marked so) instead of
    # failing the build (interface.english_fallback).
    english_fallback: frozenset[str] = frozenset()

    def terms_for(self, locale: str) -> dict[str, str]:
        return self.terms.get(locale, {})


def load_settings(data_dir: Path, locales: list[str] | None = None) -> TranslationSettings:
    """Read the glossary and the settings; both files are optional.

    With `locales` (the locales the site translates into), formality configured for any
    other locale is an error too.
    """
    glossary_path = Path(data_dir) / "glossary.yml"
    settings_path = Path(data_dir) / "translation.yml"
    glossary = _mapping(glossary_path, {"do_not_translate", "terms"})
    settings = _mapping(settings_path, {"formality", "review", "deepl", "translate", "interface"})
    keep, terms = _glossary(glossary_path, glossary)
    lines = _Lines(settings_path)
    formality = settings.get("formality") or {}
    if not isinstance(formality, dict):
        raise DataError(
            "formality must map locales to a formality, e.g. fr: prefer_more",
            settings_path,
            lines.of("formality"),
        )
    for locale, value in formality.items():
        if value not in FORMALITIES:
            raise DataError(
                f"formality of '{locale}' is {value!r}; expected one of {', '.join(FORMALITIES)}",
                settings_path,
                lines.of("formality", locale),
            )
        if locales is not None and str(locale) not in locales:
            raise DataError(
                f"formality for '{locale}', which the site does not translate into; "
                f"remove it, or use one of {', '.join(locales) or '(none)'}",
                settings_path,
                lines.of("formality", locale),
            )
    review = settings.get("review") or {}
    gates = {
        key: review.get(key, default)
        for key, default in (("fail_on", ["pseudo"]), ("warn_on", ["stale:legal"]))
    }
    for key, rules in gates.items():
        states = ("reviewed", "machine", "stale", "missing", "pseudo")
        if not isinstance(rules, list) or any(
            str(r).partition(":")[0] not in states for r in rules
        ):
            raise DataError(
                f"review.{key} must list page states ({', '.join(states)}), "
                "optionally with a page type: stale:legal",
                settings_path,
                _line(settings_path, "review"),
            )
    deepl_settings = _section(settings, "deepl", DEEPL_KEYS, settings_path, lines)
    translate_settings = _section(settings, "translate", TRANSLATE_KEYS, settings_path, lines)

    def number(section, values, key, kind, minimum, example):
        if key not in values:
            return None
        value = values[key]
        whole = isinstance(value, int) and not isinstance(value, bool)
        fits = whole if kind is int else (whole or isinstance(value, float))
        if not fits or value < minimum or (minimum == 0 and kind is float and value == 0):
            wanted = {
                (int, 0): "a whole number, 0 or more",
                (int, 1): "a whole number, 1 or more",
                (float, 0): "a number of seconds above 0",
            }[(kind, minimum)]
            raise DataError(
                f"{section}.{key} is {value!r}; it must be {wanted}, e.g. {key}: {example}",
                settings_path,
                lines.of(section, key),
            )
        return kind(value)

    wait = number("translate", translate_settings, "wait_for_other_run", int, 0, 30)
    interface = _section(settings, "interface", INTERFACE_KEYS, settings_path, lines)
    fallback = interface.get("english_fallback", [])
    if not isinstance(fallback, list) or not all(isinstance(x, str) for x in fallback):
        raise DataError(
            "interface.english_fallback must list locales, e.g. english_fallback: [fa]",
            settings_path,
            lines.of("interface", "english_fallback"),
        )
    return TranslationSettings(
        tuple(keep),
        terms,
        {str(k): v for k, v in formality.items()},
        [str(r) for r in gates["fail_on"]],
        [str(r) for r in gates["warn_on"]],
        number("deepl", deepl_settings, "max_retries", int, 0, 5),
        number("deepl", deepl_settings, "timeout", float, 0, 20),
        number("deepl", deepl_settings, "max_characters", int, 1, 500000),
        TranslationSettings.wait_for_other_run if wait is None else wait,
        frozenset(fallback),
    )


def _glossary(path: Path, glossary: dict) -> tuple[list[str], dict[str, dict[str, str]]]:
    """do_not_translate and terms, each term checked where it stands in the file."""
    lines = _Lines(path)
    keep = glossary.get("do_not_translate") or []
    if not isinstance(keep, list):
        raise DataError(
            "'do_not_translate' must be a list of names", path, lines.of("do_not_translate")
        )
    for index, name in enumerate(keep):
        _check_term(name, "do_not_translate entry", path, lines.of("do_not_translate", index))
    terms: dict[str, dict[str, str]] = {}
    entries = glossary.get("terms") or {}
    if not isinstance(entries, dict):
        raise DataError(
            "'terms' must map English terms to their translations, e.g. "
            "refund: {fr: remboursement}",
            path,
            lines.of("terms"),
        )
    for english, targets in entries.items():
        _check_term(english, "term", path, lines.of("terms", english))
        if not isinstance(targets, dict):
            raise DataError(
                f"term '{english}' must map locales to translations, e.g. fr: remboursement",
                path,
                lines.of("terms", english),
            )
        for locale, target in targets.items():
            where = lines.of("terms", english, locale)
            _check_term(target, f"translation of '{english}' into '{locale}'", path, where)
            terms.setdefault(str(locale), {})[str(english)] = str(target)
    return [str(name) for name in keep], terms


def _check_term(value, what: str, path: Path, line: int | None) -> None:
    """A glossary term is one line of text: DeepL's glossaries are tab separated lines."""
    if isinstance(value, (list, dict)) or value is None or isinstance(value, bool):
        shown = "empty" if value is None else f"a {type(value).__name__}"
        raise DataError(f"{what} is {shown}; write it as one line of text", path, line)
    text = str(value)
    if not text.strip():
        raise DataError(f"{what} is empty; write the term, or remove the line", path, line)
    if any(character in text for character in "\t\n\r"):
        raise DataError(
            f"{what} {text!r} contains a tab or a line break; write it on one line, with spaces",
            path,
            line,
        )
    if text != text.strip():
        raise DataError(f"{what} {text!r} starts or ends with spaces; remove them", path, line)


def _section(settings: dict, name: str, allowed: tuple[str, ...], path: Path, lines) -> dict:
    values = settings.get(name) or {}
    if not isinstance(values, dict):
        raise DataError(
            f"{name} must be a mapping of settings ({', '.join(allowed)})", path, lines.of(name)
        )
    for key in values:
        if key not in allowed:
            raise DataError(
                f"unknown key {name}.{key}; expected {', '.join(allowed)}",
                path,
                lines.of(name, key),
            )
    return values


class _Lines:
    """Line numbers of keys and list items in a YAML file, by their path from the top."""

    def __init__(self, path: Path):
        self.lines: dict[tuple, int] = {}
        if not path.exists():
            return
        try:
            root = yaml.compose(_read(path), Loader=SafeLoader)
        except yaml.YAMLError:  # already reported by parse_yaml
            return
        self._walk(root, ())

    def _walk(self, node, where: tuple) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                step = key.value if isinstance(key, yaml.ScalarNode) else None
                self.lines.setdefault((*where, step), key.start_mark.line + 1)
                self._walk(value, (*where, step))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self.lines.setdefault((*where, index), item.start_mark.line + 1)
                self._walk(item, (*where, index))

    def of(self, *where) -> int | None:
        """The line of the deepest known key along `where` (YAML keys compared as text)."""
        steps = tuple(step if isinstance(step, int) else str(step) for step in where)
        while steps:
            if steps in self.lines:
                return self.lines[steps]
            steps = steps[:-1]
        return None


def _mapping(path: Path, allowed: set[str]) -> dict:
    if not path.exists():
        return {}
    text = _read(path)
    data = parse_yaml(text, path, DataError) or {}
    if not isinstance(data, dict):
        raise DataError("must be a mapping of settings", path, 1)
    unknown = set(data) - allowed
    if unknown:
        name = sorted(unknown, key=str)[0]
        raise DataError(
            f"unknown key '{name}'; expected {', '.join(sorted(allowed))}",
            path,
            key_line(text, str(name)),
        )
    return data


def _read(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as problem:
        line = data[: problem.start].count(b"\n") + 1
        raise DataError(
            f"not UTF-8 text (byte {data[problem.start]:#04x}); save the file as UTF-8",
            path,
            line,
        ) from None


def _line(path: Path, key: str) -> int | None:
    return key_line(_read(path), key)
