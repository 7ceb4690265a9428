"""Glossary and machine translation settings: data/glossary.yml and data/translation.yml."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from polyhelp.errors import DataError
from polyhelp.project.yamlfile import key_line, parse_yaml

FORMALITIES = ("default", "more", "less", "prefer_more", "prefer_less")


@dataclass(frozen=True)
class TranslationSettings:
    do_not_translate: tuple[str, ...] = ()
    terms: dict[str, dict[str, str]] = field(default_factory=dict)  # locale -> {en: target}
    formality: dict[str, str] = field(default_factory=dict)
    # Which page states fail `polyhelp status` (CI), and which only warn ("state:type").
    fail_on: list[str] = field(default_factory=lambda: ["pseudo"])
    warn_on: list[str] = field(default_factory=lambda: ["stale:legal"])
    max_retries: int | None = None  # the SDK's own retries of 429 and 5xx (None: its default)

    def terms_for(self, locale: str) -> dict[str, str]:
        return self.terms.get(locale, {})


def load_settings(data_dir: Path) -> TranslationSettings:
    """Read the glossary and the settings; both files are optional."""
    glossary = _mapping(Path(data_dir) / "glossary.yml", {"do_not_translate", "terms"})
    settings = _mapping(Path(data_dir) / "translation.yml", {"formality", "review", "deepl"})
    path = Path(data_dir) / "glossary.yml"
    keep = glossary.get("do_not_translate") or []
    if not isinstance(keep, list) or not all(isinstance(t, str) and t for t in keep):
        raise DataError(
            "'do_not_translate' must be a list of names", path, _line(path, "do_not_translate")
        )
    terms: dict[str, dict[str, str]] = {}
    for english, targets in (glossary.get("terms") or {}).items():
        if not isinstance(targets, dict):
            raise DataError(
                f"term '{english}' must map locales to translations, e.g. fr: remboursement",
                path,
                _line(path, "terms"),
            )
        for locale, target in targets.items():
            terms.setdefault(str(locale), {})[str(english)] = str(target)
    settings_path = Path(data_dir) / "translation.yml"
    formality = settings.get("formality") or {}
    for locale, value in formality.items():
        if value not in FORMALITIES:
            raise DataError(
                f"formality of '{locale}' is {value!r}; expected one of {', '.join(FORMALITIES)}",
                settings_path,
                _line(settings_path, "formality"),
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
    deepl_settings = settings.get("deepl") or {}
    return TranslationSettings(
        tuple(keep),
        terms,
        {str(k): v for k, v in formality.items()},
        [str(r) for r in gates["fail_on"]],
        [str(r) for r in gates["warn_on"]],
        int(deepl_settings["max_retries"]) if "max_retries" in deepl_settings else None,
    )


def _mapping(path: Path, allowed: set[str]) -> dict:
    if not path.exists():
        return {}
    text = path.read_text(encoding="utf-8")
    data = parse_yaml(text, path, DataError) or {}
    if not isinstance(data, dict):
        raise DataError("must be a mapping of settings", path, 1)
    unknown = set(data) - allowed
    if unknown:
        name = sorted(unknown)[0]
        raise DataError(
            f"unknown key '{name}'; expected {', '.join(sorted(allowed))}",
            path,
            key_line(text, name),
        )
    return data


def _line(path: Path, key: str) -> int | None:
    return key_line(path.read_text(encoding="utf-8"), key)
