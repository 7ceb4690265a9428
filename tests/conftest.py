"""Shared fixtures: tiny help centers in tmp_path, and the real site built once per session."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

TINY_MKDOCS = """\
site_name: Help Center
site_url: https://help.example.test/
theme:
  name: material
  custom_dir: overrides
  font: false
  language: en
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - toc:
      permalink: true
validation:
  nav:
    omitted_files: warn
    not_found: warn
  links:
    not_found: warn
    anchors: warn
    unrecognized_links: warn
hooks:
  - hooks/polyhelp_hooks.py
plugins:
  - search
  - i18n:
      docs_structure: folder
      reconfigure_search: false
      languages:
        - {locale: en, name: English, default: true}
        - {locale: fr, name: Français}
        - {locale: de, name: Deutsch}
nav:
  - index.md
  - Help:
      - returns.md
      - refunds.md
      - faq.md
"""

TINY_PAGES = {
    "en/index.md": ("home", "Help center", "## Welcome\n\nSee [returns](returns.md).\n"),
    "en/returns.md": (
        "guide",
        "Returns",
        "## Returning an item\n\nReturns are free within 30 days at {{ shop.name }}.\n",
    ),
    "en/refunds.md": ("guide", "Refunds", "## Refund timing\n\nWe refund within 14 days.\n"),
    "en/faq.md": (
        "faq",
        "FAQ",
        "Quick answers.\n\n## Can I return a gift?\n\nYes, with the gift receipt.\n\n"
        "## How long do refunds take?\n\nUp to **14 days**, see [refunds](refunds.md).\n",
    ),
    "fr/index.md": ("home", "Centre d'aide", "## Bienvenue\n\nVoir les [retours](returns.md).\n"),
    "fr/returns.md": (
        "guide",
        "Retours",
        "## Retourner un article\n\nLes retours sont gratuits pendant 30 jours.\n",
    ),
    "fr/refunds.md": (
        "guide",
        "Remboursements",
        "## Délai\n\nNous vous remboursons sous 14 jours.\n",
    ),
    "de/index.md": ("home", "Hilfe", "## Willkommen\n\nSiehe [Rücksendungen](returns.md).\n"),
    "de/returns.md": (
        "guide",
        "Rücksendungen",
        "## Artikel zurücksenden\n\nRücksendungen sind 30 Tage lang kostenlos.\n",
    ),
    "de/refunds.md": ("guide", "Erstattungen", "## Dauer\n\nWir erstatten binnen 14 Tagen.\n"),
    "de/faq.md": (
        "faq",
        "Häufige Fragen",
        "Kurze Antworten.\n\n## Kann ich ein Geschenk zurückgeben?\n\nJa.\n",
    ),
}


def page_text(page_type: str, title: str, body: str) -> str:
    meta = f"title: {title}\ndescription: About {title.lower()}.\ntype: {page_type}"
    return f"---\n{meta}\n---\n\n{body}"


def make_site(root: Path, pages: dict | None = None, mkdocs_yml: str = TINY_MKDOCS) -> Path:
    """A tiny help center in `root` (fr lacks faq.md on purpose); returns its mkdocs.yml."""
    shutil.copytree(REPO / "hooks", root / "hooks")
    shutil.copytree(REPO / "overrides", root / "overrides")
    (root / "data").mkdir()
    (root / "data" / "shop.yml").write_text(
        textwrap.dedent(
            """\
            name: Tiny Shop
            legal_name: Tiny Shop Ltd
            website: https://shop.example.test
            email: help@shop.example.test
            phone: "+44 20 7946 0000"
            address: 1 High Street, London
            """
        ),
        encoding="utf-8",
    )
    for name, page in (TINY_PAGES if pages is None else pages).items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page if isinstance(page, str) else page_text(*page), encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(mkdocs_yml, encoding="utf-8")
    return config


def filled_catalog(root: Path, locale: str, words: dict[str, str] | None = None) -> Path:
    """A help center's catalog for `locale`, every entry translated: `words` by key, the
    rest as "T:" + the English (placeholders kept)."""
    from polyhelp.locales.catalog import new_catalog, project_catalog, save

    made = new_catalog(locale)
    for message in made:
        if not message.id:
            continue
        if message.pluralizable:
            message.string = tuple(f"T:{message.id[1]}" for _ in message.string)
        else:
            message.string = (words or {}).get(message.context, f"T:{message.id}")
    path = project_catalog(root, locale)
    save(made, path)
    return path


@pytest.fixture(autouse=True)
def no_proxy_for_loopback(monkeypatch):
    """Local test servers are reached directly, even where HTTP_PROXY is set."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


@pytest.fixture
def tiny_site(tmp_path: Path) -> Path:
    """A tiny three-locale help center; returns the path of its mkdocs.yml."""
    return make_site(tmp_path / "help")


@pytest.fixture(scope="session")
def tiny_built(tmp_path_factory) -> Path:
    """The tiny help center, built once; returns its site folder."""
    from polyhelp.site.build import build_site

    root = tmp_path_factory.mktemp("tiny")
    config = make_site(root / "help")
    return build_site(config, site_dir=root / "site").site_dir


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The repository's own help center, built once per session; returns its site folder."""
    from polyhelp.site.build import build_site

    site_dir = tmp_path_factory.mktemp("real") / "site"
    return build_site(REPO / "mkdocs.yml", site_dir=site_dir).site_dir


HELP_CENTER_FOLDERS = ("docs", "data", "hooks", "overrides", "translations")


def copy_help_center(root: Path) -> Path:
    """A copy of the repository's help center in `root`, to change and build; returns its
    mkdocs.yml. Outside git, its pages' dates come from the files (copied with them)."""
    for folder in HELP_CENTER_FOLDERS:
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root / "mkdocs.yml"


def replace_once(path: Path, old: str, new: str) -> str:
    """Replace the one occurrence of `old` in the file at `path`; returns the new text."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return text


def line_of(text: str, needle: str) -> int:
    """The 1-based number of the only line of `text` that contains `needle`."""
    numbers = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(numbers) == 1, f"{needle!r} is on lines {numbers}"
    return numbers[0]


CATALOG_URL = "https://help.example.test/"
# German lacks support/contact.md; only French has support/fr-only.md.
CATALOG_PAGES = [
    "en/index.md",
    "fr/index.md",
    "de/index.md",
    "en/support/contact.md",
    "fr/support/contact.md",
    "fr/support/fr-only.md",
]


@pytest.fixture
def site(tmp_path):
    """A Site object over a few pages (no mkdocs.yml): German lacks support/contact.md."""
    from polyhelp.project.config import Site

    docs = tmp_path / "docs"
    for name in CATALOG_PAGES:
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("---\ntitle: T\ndescription: D.\ntype: guide\n---\nBody.\n", "utf-8")
    (docs / "de" / "notes.txt").write_text("not a page", "utf-8")
    return Site(
        root=tmp_path,
        docs_dir=docs,
        site_dir=tmp_path / "site",
        site_url=CATALOG_URL,
        default_locale="en",
        locales=("en", "fr", "de"),
        locale_names={"en": "English", "fr": "Français", "de": "Deutsch"},
    )
