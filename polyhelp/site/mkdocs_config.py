"""Loading mkdocs.yml through MkDocs: validated once, described as Polyhelp's Site."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig

from polyhelp.errors import ConfigError, UsageError
from polyhelp.project.config import Site
from polyhelp.project.yamlfile import key_line

log = logging.getLogger(__name__)

# Set in config.extra by polyhelp build; `serve` previews drafts (pseudo pages) too.
PUBLISHING = "polyhelp_publishing"

I18N_EXAMPLE = """plugins:
  - search
  - i18n:
      docs_structure: folder
      languages:
        - {locale: en, name: English, default: true}
        - {locale: fr, name: Français}"""


def site_from_mkdocs(config: MkDocsConfig) -> Site:
    """The Site that a validated MkDocs configuration describes."""
    config_path = Path(config.config_file_path or "mkdocs.yml")
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise ConfigError(
            "the i18n plugin (mkdocs-static-i18n) is not enabled; add it, e.g.\n" + I18N_EXAMPLE,
            config_path,
        )
    if i18n.config.docs_structure != "folder":
        raise ConfigError(
            "plugins.i18n.docs_structure must be 'folder' (docs/<locale>/page.md)",
            config_path,
        )
    languages = [lang for lang in i18n.config.languages if lang.build]
    default = next(lang.locale for lang in languages if lang.default)
    ordered = [default] + [lang.locale for lang in languages if lang.locale != default]
    return Site(
        root=config_path.parent.resolve(),
        docs_dir=Path(config.docs_dir).resolve(),
        site_dir=Path(config.site_dir).resolve(),
        site_url=(config.site_url or "").rstrip("/") + "/",
        default_locale=default,
        locales=tuple(ordered),
        locale_names={lang.locale: lang.name for lang in languages},
    )


def apply_direction(config: MkDocsConfig) -> None:
    """Material's theme.direction for the locale being built: its language's
    `extra: {direction: rtl}` in plugins.i18n.languages (static-i18n has merged it into
    extra by now), else the site's own theme.direction, else Material's for the language.

    Not `theme: {direction: rtl}`: static-i18n overrides only theme keys that already have
    a value, and Material's direction is empty by default."""
    if not hasattr(config.theme, "_polyhelp_direction"):
        config.theme._polyhelp_direction = config.theme.get("direction")
    wanted = config.extra.get("direction") or config.theme._polyhelp_direction
    if wanted not in (None, "ltr", "rtl"):
        raise ConfigError(
            f"extra.direction is {wanted!r}; write ltr or rtl",
            config.config_file_path,
        )
    config.theme["direction"] = wanted


def text_direction(config: MkDocsConfig, locale: str) -> str:
    """The locale's text direction: theme.direction as applied, else CLDR's (as Material's
    own language files say: fa, ar and he are rtl)."""
    direction = config.theme.get("direction")
    if direction in ("ltr", "rtl"):
        return direction
    from babel.core import Locale, UnknownLocaleError

    try:
        order = Locale.parse(locale.replace("-", "_")).character_order
    except (UnknownLocaleError, ValueError):
        return "ltr"
    return "rtl" if order == "right-to-left" else "ltr"


def validate_new_locale(config_file: Path, code: str) -> Site:
    """The site, if `code` may be added to it; else UsageError."""
    from babel.core import Locale, UnknownLocaleError

    site, _ = load_site(config_file)
    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise UsageError(
            f"'{code}' is not a language CLDR knows; use an ISO 639-1 code such as el, vi or fa"
        ) from None
    if code in site.locales:
        raise UsageError(f"'{code}' is already a locale of this site (mkdocs.yml)")
    return site


def load_mkdocs_config(config_file: Path, **overrides) -> MkDocsConfig:
    """Load and validate mkdocs.yml; the first problem becomes a one-line ConfigError."""
    config_file = Path(config_file)
    try:
        raw = config_file.read_bytes()
    except FileNotFoundError:
        raise ConfigError(
            "not found; run polyhelp from the help center's folder or pass --config-file",
            config_file,
        ) from None
    text = _utf8(raw, config_file)
    _check_yaml(text, config_file)
    config = MkDocsConfig(config_file_path=str(config_file))
    config.load_file(io.StringIO(text))
    config.load_dict({k: v for k, v in overrides.items() if v is not None})
    errors, warnings = config.validate()
    for name, warning in warnings:
        log.warning("%s: config value '%s': %s", config_file, name, warning)
    if errors:
        name, error = errors[0]
        raise ConfigError(
            f"config value '{name}': {error}", config_file, key_line(text, name.split(".")[0])
        )
    theme = config.theme.name
    if theme != "material":
        raise ConfigError(
            f"theme '{theme}': Polyhelp needs Material for MkDocs (its search, notices and "
            "language switcher); set theme: {name: material}",
            config_file,
            key_line(text, "theme"),
        )
    config.config_file_path = str(config_file)
    return config


def nav_line(config_file: Path) -> int | None:
    """The line of mkdocs.yml's `nav:`, for messages about pages missing from it."""
    try:
        return key_line(config_file.read_text(encoding="utf-8"), "nav")
    except (OSError, UnicodeDecodeError):
        return None


def _utf8(raw: bytes, path: Path) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise ConfigError(
            f"not UTF-8 text (byte {raw[error.start]:#04x}); save the file as UTF-8", path, line
        ) from None


def load_site(config_file: Path) -> tuple[Site, MkDocsConfig]:
    """Load mkdocs.yml and describe the site it builds."""
    config = load_mkdocs_config(config_file)
    return site_from_mkdocs(config), config


class _TolerantLoader(yaml.SafeLoader):
    """Parses mkdocs.yml's syntax only; MkDocs' own loader resolves its tags (!ENV, ...)."""


_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *args: None)


def _check_yaml(text: str, path: Path) -> None:
    # MkDocs' own message for a YAML error spans several lines; ours names file and line.
    try:
        data = yaml.load(text, Loader=_TolerantLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ConfigError(
            f"invalid YAML: {problem}", path, mark.line + 1 if mark else None
        ) from None
    if not isinstance(data, dict):
        raise ConfigError("must be a YAML mapping of settings (site_name: ..., nav: ...)", path)
    _check_nav(yaml.compose(text, Loader=_TolerantLoader), path)


def _check_nav(document: yaml.Node, path: Path) -> None:
    """Each page once in the nav: MkDocs builds a page listed twice once, and the nav
    then has two entries for one page, a link that sends a reader back where they were."""
    nav = None
    if isinstance(document, yaml.MappingNode):
        nav = next((v for k, v in document.value if getattr(k, "value", None) == "nav"), None)
    first_line: dict[str, int] = {}
    pending = [nav] if nav is not None else []
    entries: list[yaml.ScalarNode] = []
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.SequenceNode):
            pending.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            pending.extend(reversed([value for _, value in node.value]))
        elif isinstance(node, yaml.ScalarNode):
            entries.append(node)
    for entry in entries:
        page = str(entry.value).strip()
        if "://" in page or not page.endswith(".md"):
            continue  # a link elsewhere may well be listed twice
        line = entry.start_mark.line + 1
        if page in first_line:
            raise ConfigError(
                f"nav lists {page} twice (first on line {first_line[page]}); keep one entry",
                path,
                line,
            )
        first_line[page] = line
