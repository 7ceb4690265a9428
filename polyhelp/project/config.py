"""The help center's configuration: mkdocs.yml, validated once, as one typed object."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig

from polyhelp.errors import ConfigError
from polyhelp.project.yamlfile import key_line

log = logging.getLogger(__name__)

I18N_EXAMPLE = """plugins:
  - search
  - i18n:
      docs_structure: folder
      languages:
        - {locale: en, name: English, default: true}
        - {locale: fr, name: Français}"""


@dataclass(frozen=True)
class Site:
    """What the package needs to know about the site, whichever MkDocs build it runs in."""

    root: Path
    docs_dir: Path
    site_dir: Path
    site_url: str
    default_locale: str
    locales: tuple[str, ...]  # every built locale, the default first
    locale_names: dict[str, str]

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def url_prefix(self, locale: str) -> str:
        """The folder a locale's pages live in on the site: '' for the default, 'fr/' for French."""
        return "" if locale == self.default_locale else f"{locale}/"

    @classmethod
    def from_mkdocs(cls, config: MkDocsConfig) -> Site:
        config_path = Path(config.config_file_path or "mkdocs.yml")
        i18n = config.plugins.get("i18n")
        if i18n is None:
            raise ConfigError(
                "the i18n plugin (mkdocs-static-i18n) is not enabled; add it, e.g.\n"
                + I18N_EXAMPLE,
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
        return cls(
            root=config_path.parent.resolve(),
            docs_dir=Path(config.docs_dir).resolve(),
            site_dir=Path(config.site_dir).resolve(),
            site_url=(config.site_url or "").rstrip("/") + "/",
            default_locale=default,
            locales=tuple(ordered),
            locale_names={lang.locale: lang.name for lang in languages},
        )


def load_mkdocs_config(config_file: Path, **overrides) -> MkDocsConfig:
    """Load and validate mkdocs.yml; the first problem becomes a one-line ConfigError."""
    config_file = Path(config_file)
    try:
        text = config_file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            "not found; run polyhelp from the help center's folder or pass --config-file",
            config_file,
        ) from None
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
    config.config_file_path = str(config_file)
    return config


def load_site(config_file: Path) -> tuple[Site, MkDocsConfig]:
    """Load mkdocs.yml and describe the site it builds."""
    config = load_mkdocs_config(config_file)
    return Site.from_mkdocs(config), config


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
