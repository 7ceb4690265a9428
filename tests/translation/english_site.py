"""A tiny English-only help center and a DeepL fake, for the translate fault tests."""

from __future__ import annotations

from pathlib import Path

from polyhelp.site.mkdocs_config import load_site
from polyhelp.translation.command import run_translate
from tests.conftest import make_site

KEY = "fault-key:fx"

PAGES = {
    "en/index.md": ("home", "Help center", "## Welcome\n\nSee [returns](returns.md).\n"),
    "en/returns.md": (
        "guide",
        "Returns",
        "## Returning an item\n\nReturns are free within 30 days.\n\n"
        "Print your return label in your account.\n\nPay with a card or by bank transfer.\n",
    ),
    "en/refunds.md": (
        "guide",
        "Refunds",
        "## Refund timing\n\nWe refund within **14 days**, see [returns](returns.md).\n\n"
        "Refunds go back to your original payment method.\n",
    ),
    "en/faq.md": (
        "faq",
        "FAQ",
        "Quick answers.\n\n## Can I return a gift?\n\nYes, with the gift receipt.\n\n"
        "## How long do refunds take?\n\nUp to two weeks.\n",
    ),
}
SETTINGS = "deepl:\n  timeout: 2\n"


def english_site(root: Path, settings: str = SETTINGS) -> Path:
    """English pages only: every fr and de page is new. Returns mkdocs.yml."""
    config = make_site(root, pages=PAGES)
    (config.parent / "data" / "translation.yml").write_text(settings, encoding="utf-8")
    return config


def translate(config: Path, *paths: str, to: str | None = None, **options) -> list[str]:
    return list(
        run_translate(load_site(config)[0], list(paths), to, False, "deepl", False, **options)
    )


def memory_keys(config: Path, locale: str) -> set[str]:
    import json

    path = config.parent / "translations" / f"{locale}.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return {json.loads(line)["key"] for line in lines}
