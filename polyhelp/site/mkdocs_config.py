"""Loading mkdocs.yml through MkDocs: validated once, described as Polyhelp's Site."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig

from polyhelp.errors import ConfigError
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
    return Site(
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
