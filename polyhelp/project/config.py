"""The help center's configuration as Polyhelp's own typed model, whatever generator builds it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Site:
    """What the package needs to know about the site: its folders, locales and URLs.

    Made by the site adapter (polyhelp.site.mkdocs_config) from the generator's configuration.
    """

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
